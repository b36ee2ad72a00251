import { sql, type Transaction } from "kysely";
import type { DB } from "./connection.server";
import type { Database } from "./schema";

type Handle = DB | Transaction<Database>;

// Sign-in throttling kept in PostgreSQL, so it holds across app processes.
export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

/** Whether another attempt is allowed for this e-mail (existing or not) and address. */
export async function signInAllowed(db: Handle, email: string, ip: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);
  const row = await db
    .selectFrom("sign_in_attempts")
    .select([
      sql<number>`count(*) filter (where email = ${email})`.as("by_email"),
      sql<number>`count(*) filter (where ip = ${ip})`.as("by_ip"),
    ])
    .where("succeeded", "=", false)
    .where("at", ">", since)
    .where((eb) => eb.or([eb("email", "=", email), eb("ip", "=", ip)]))
    .executeTakeFirstOrThrow();
  return Number(row.by_email) < MAX_FAILURES_PER_ACCOUNT && Number(row.by_ip) < MAX_FAILURES_PER_IP;
}

export async function recordSignInAttempt(db: Handle, email: string, ip: string, succeeded: boolean, now = new Date()) {
  await db.insertInto("sign_in_attempts").values({ email, ip, succeeded, at: now }).execute();
  if (succeeded) {
    // A success clears the account's failures; old rows are pruned as we go.
    await db.deleteFrom("sign_in_attempts").where("email", "=", email).where("succeeded", "=", false).execute();
  }
  await db
    .deleteFrom("sign_in_attempts")
    .where("at", "<", new Date(now.getTime() - 24 * 3600 * 1000))
    .execute();
}
