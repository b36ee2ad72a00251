import { sql, type Transaction } from "kysely";
import type { DB } from "./connection.server";
import type { Database } from "./schema";

type Handle = DB | Transaction<Database>;

// Throttling counters kept in PostgreSQL, so they hold across app processes and instances.
// An attempt is counted by one INSERT … ON CONFLICT DO UPDATE … RETURNING: the row lock
// makes concurrent increments of one key run one after the other, so each attempt learns
// its own place in the window before anything slow (argon2) runs. The rules (limits,
// windows, what a key counts) are app/domain/throttle.ts.

/** How long an address an account signed in from stays known. */
export const KNOWN_ADDRESS_MS = 90 * 24 * 3600 * 1000;

export interface Counted {
  key: string;
  /** The attempts in the key's window, this one included. */
  attempts: number;
  /** When the window ends (a refused attempt may try again then). */
  expiresAt: Date;
}

/**
 * Count one attempt for each key, atomically per key (a window that has ended starts
 * again with this attempt). Returns each key's count including this attempt.
 */
export async function countAttempt(
  db: Handle,
  entries: { key: string; windowMs: number }[],
  now = new Date(),
): Promise<Counted[]> {
  if (entries.length === 0) return [];
  const rows = await db
    .insertInto("throttle_counters")
    .values(
      entries.map((e) => ({
        key: e.key,
        started_at: now,
        expires_at: new Date(now.getTime() + e.windowMs),
        attempts: 1,
      })),
    )
    .onConflict((oc) =>
      oc.column("key").doUpdateSet({
        attempts: sql<number>`case when throttle_counters.expires_at <= excluded.started_at then 1
          else throttle_counters.attempts + 1 end`,
        started_at: sql<Date>`case when throttle_counters.expires_at <= excluded.started_at then excluded.started_at
          else throttle_counters.started_at end`,
        expires_at: sql<Date>`case when throttle_counters.expires_at <= excluded.started_at then excluded.expires_at
          else throttle_counters.expires_at end`,
      }),
    )
    .returning(["key", "attempts", "expires_at"])
    .execute();
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return entries.map((e) => {
    const r = byKey.get(e.key)!;
    return { key: r.key, attempts: Number(r.attempts), expiresAt: new Date(r.expires_at) };
  });
}

/** Forget the attempts of these keys (a successful sign-in clears its account's failures). */
export async function clearAttempts(db: Handle, keys: string[]): Promise<void> {
  if (keys.length) await db.deleteFrom("throttle_counters").where("key", "in", keys).execute();
}

/** Give one counted attempt back (it succeeded: it was not a guess). */
export async function refundAttempt(db: Handle, key: string): Promise<void> {
  await db
    .updateTable("throttle_counters")
    .set({ attempts: sql<number>`greatest(attempts - 1, 0)` })
    .where("key", "=", key)
    .execute();
}

/** The current count of a key (0 when it has none or its window ended). */
export async function attemptsOf(db: Handle, key: string, now = new Date()): Promise<number> {
  const row = await db
    .selectFrom("throttle_counters")
    .select("attempts")
    .where("key", "=", key)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return row ? Number(row.attempts) : 0;
}

/** Remember that an account signed in from an address. */
export async function rememberSignInAddress(db: Handle, email: string, ip: string, now = new Date()): Promise<void> {
  await db
    .insertInto("sign_in_addresses")
    .values({ email: email.toLowerCase(), ip, last_success_at: now })
    .onConflict((oc) => oc.columns(["email", "ip"]).doUpdateSet({ last_success_at: now }))
    .execute();
}

/** Whether an account signed in from an address in the last KNOWN_ADDRESS_MS. */
export async function isKnownSignInAddress(db: Handle, email: string, ip: string, now = new Date()): Promise<boolean> {
  const row = await db
    .selectFrom("sign_in_addresses")
    .select("ip")
    .where("email", "=", email.toLowerCase())
    .where("ip", "=", ip)
    .where("last_success_at", ">", new Date(now.getTime() - KNOWN_ADDRESS_MS))
    .executeTakeFirst();
  return row !== undefined;
}

/** Drop ended windows and long-unused addresses (called as attempts come in). */
export async function pruneThrottle(db: Handle, now = new Date()): Promise<void> {
  await db.deleteFrom("throttle_counters").where("expires_at", "<", now).execute();
  await db
    .deleteFrom("sign_in_addresses")
    .where("last_success_at", "<", new Date(now.getTime() - KNOWN_ADDRESS_MS))
    .execute();
}
