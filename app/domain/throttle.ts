/**
 * Throttling rules (issue 13, findings 5, 6 and 12). Every attempt is counted before the
 * password is verified, by an atomic increment (db/throttle.server.ts), so concurrent
 * attempts cannot all pass a check made before any of them was recorded.
 *
 * Sign-in has three limits:
 * - per account and address: a few failures, then that address waits for that account;
 * - per account, slower: many more failures from anywhere, then the account waits, but
 *   only for addresses it has never signed in from, so a stranger's failures from other
 *   addresses never lock the owner out of the places they use;
 * - per address: many failures across accounts (one address spraying many accounts).
 * A successful sign-in clears its pair and account counters and gives its address back.
 */
export interface Limit {
  /** At most this many attempts inside one window… */
  max: number;
  /** …of this length, counted from the first attempt. */
  windowMs: number;
}

const MINUTE = 60_000;

export const LIMITS = {
  signInPair: { max: 5, windowMs: 15 * MINUTE },
  signInAccount: { max: 20, windowMs: 60 * MINUTE },
  signInAddress: { max: 30, windowMs: 15 * MINUTE },
  /** The current-password check on the account page, per user. */
  passwordCheck: { max: 5, windowMs: 15 * MINUTE },
  /** Supplier sign-ups per address. */
  signUp: { max: 10, windowMs: 60 * MINUTE },
  /** Invitation acceptances per address. */
  invitation: { max: 10, windowMs: 60 * MINUTE },
  /** Password reset requests per address (as sign-in: a stranger trying many e-mails). */
  passwordResetAddress: { max: 10, windowMs: 15 * MINUTE },
  /** Password reset requests per e-mail, known or not (no mailbox is flooded with links). */
  passwordResetAccount: { max: 5, windowMs: 60 * MINUTE },
} as const satisfies Record<string, Limit>;

export type ThrottleScope = keyof typeof LIMITS;

/** The counter's key of a scope: what it counts attempts of. */
export function throttleKey(scope: ThrottleScope, ...parts: string[]): string {
  return [scope, ...parts.map((p) => p.toLowerCase())].join(" ");
}

/** Whether the attempt that brought a counter to `attempts` may go on. */
export const withinLimit = (scope: ThrottleScope, attempts: number): boolean => attempts <= LIMITS[scope].max;

/** Whether this attempt is the first one refused in its window (the one that writes the audit row). */
export const firstRefused = (scope: ThrottleScope, attempts: number): boolean => attempts === LIMITS[scope].max + 1;
