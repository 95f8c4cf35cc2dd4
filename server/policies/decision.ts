// A policy answer: allowed, or refused with the sentence to show.
export type Decision = { allowed: true } | { allowed: false; reason: string };

export const allow: Decision = { allowed: true };
export const refuse = (reason: string): Decision => ({ allowed: false, reason });
