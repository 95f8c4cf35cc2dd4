// Which origins may talk to us. Browsers send Origin on WebSocket upgrades and on
// state-changing requests; CORS does not protect WebSockets, so we check it ourselves.
export type Origins = () => readonly string[];

/** Configured origins, or the ones this server answers on when none are configured. */
export function originsFor(configured: readonly string[], host: string, port: () => number): Origins {
  if (configured.length > 0) return () => configured;
  return () => {
    const p = port();
    const hosts = host === "127.0.0.1" || host === "localhost" || host === "0.0.0.0" ? ["127.0.0.1", "localhost"] : [host];
    return hosts.map((h) => `http://${h}:${p}`);
  };
}

export function originAllowed(origin: string | undefined, allowed: Origins): boolean {
  return origin !== undefined && allowed().includes(origin);
}
