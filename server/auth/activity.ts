// Idle expiry of sessions (ASVS 7.3.1): a session unused for `idleMs` ends, on every
// channel. Last use is kept in memory — after a restart every session gets a fresh idle
// window rather than a write to disk on every request.
export class SessionActivity {
  private readonly lastSeen = new Map<string, number>();
  private readonly bootedAt = Date.now();

  constructor(readonly idleMs: number) {}

  touch(sessionId: string, now = Date.now()): void {
    this.lastSeen.set(sessionId, now);
  }

  isIdle(sessionId: string, now = Date.now()): boolean {
    return now - (this.lastSeen.get(sessionId) ?? this.bootedAt) > this.idleMs;
  }

  forget(sessionId: string): void {
    this.lastSeen.delete(sessionId);
  }
}
