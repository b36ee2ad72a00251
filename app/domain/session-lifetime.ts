import type { Role } from "./vocabulary";

/**
 * How long a session lives (ASVS 3.3; 等保2.0 login timeout): it ends after `idle` without
 * use, and at the latest `absolute` after sign-in, however much it is used. Officials and
 * administrators, who see every organization's figures, get a shorter idle limit.
 * Configured by PEITAO_SESSION_IDLE, PEITAO_SESSION_IDLE_OFFICIALS and PEITAO_SESSION_MAX.
 */
export interface SessionLifetime {
  idleMs: number;
  idleOfficialsMs: number;
  absoluteMs: number;
}

const HOUR = 3600_000;

export const DEFAULT_SESSION_LIFETIME: SessionLifetime = {
  idleMs: 12 * HOUR,
  idleOfficialsMs: 2 * HOUR,
  absoluteMs: 7 * 24 * HOUR,
};

/** The roles with the shorter idle limit: officials and the platform's administrators. */
export const isOfficialRole = (role: Role) => role === "official" || role === "admin";

export const idleLimitOf = (lifetime: SessionLifetime, role: Role) =>
  isOfficialRole(role) ? lifetime.idleOfficialsMs : lifetime.idleMs;

/**
 * Use renews a session (moves its idle deadline) at most this often, so that reads do not
 * write on every request: a tenth of the idle limit, at most an hour. A session may thus
 * end up to this much before `idle` has passed since its very last use, never after.
 */
export const renewalIntervalOf = (lifetime: SessionLifetime, role: Role) =>
  Math.min(HOUR, Math.floor(idleLimitOf(lifetime, role) / 10));

/** When a session ends: its idle deadline or its absolute one, whichever comes first. */
export function sessionExpiry(
  lifetime: SessionLifetime,
  role: Role,
  createdAt: Date | number,
  lastUsedAt: Date | number,
): Date {
  const idleEnd = new Date(lastUsedAt).getTime() + idleLimitOf(lifetime, role);
  const absoluteEnd = new Date(createdAt).getTime() + lifetime.absoluteMs;
  return new Date(Math.min(idleEnd, absoluteEnd));
}

/** A duration as the configuration writes it: `90m`, `12h`, `7d` (or whole seconds: `45s`). */
export function parseDuration(text: string): number | null {
  const m = /^\s*(\d{1,6})\s*([smhd])\s*$/i.exec(text);
  if (!m) return null;
  const unit = { s: 1000, m: 60_000, h: HOUR, d: 24 * HOUR }[m[2]!.toLowerCase() as "s" | "m" | "h" | "d"];
  return Number(m[1]) * unit;
}
