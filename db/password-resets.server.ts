import type { Kysely, Transaction } from "kysely";
import { PASSWORD_RESET_TTL_MS, RESET_TOKEN_PATTERN } from "../app/domain/mail";
import type { Database } from "./schema";
import { hashSecret, randomToken } from "./sessions.server";

type Handle = Kysely<Database> | Transaction<Database>;

/** Store a reset token for a user; the plain token is returned once, only its hash is kept. */
export async function insertResetToken(db: Handle, userId: string, now = new Date()) {
  const token = `${randomToken()}${randomToken()}`;
  const expiresAt = new Date(now.getTime() + PASSWORD_RESET_TTL_MS);
  await db
    .insertInto("password_reset_tokens")
    .values({ user_id: userId, token_hash: hashSecret(token), created_at: now, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

export type ResetTokenState = "open" | "expired" | "used" | "unknown";

/** What a link's token is now, with its user when it is known. */
export async function resetTokenState(db: Handle, token: string, now = new Date()) {
  if (!RESET_TOKEN_PATTERN.test(token)) return { state: "unknown" as ResetTokenState };
  const row = await db
    .selectFrom("password_reset_tokens as t")
    .innerJoin("users as u", "u.id", "t.user_id")
    .innerJoin("organizations as o", "o.id", "u.organization_id")
    .select([
      "t.user_id",
      "t.expires_at",
      "t.used_at",
      "u.email",
      "u.deactivated_at",
      "u.organization_id",
      "o.name_zh",
      "o.name_en",
    ])
    .where("t.token_hash", "=", hashSecret(token))
    .executeTakeFirst();
  if (!row || row.deactivated_at) return { state: "unknown" as ResetTokenState };
  const state: ResetTokenState = row.used_at ? "used" : new Date(row.expires_at) <= now ? "expired" : "open";
  return { state, user: row };
}

/**
 * Use a token, atomically (a second use finds nothing), and every other open token of its
 * user with it; the user's id, or undefined when the token is unknown, used or expired.
 */
export async function claimResetToken(db: Handle, token: string, now = new Date()): Promise<string | undefined> {
  if (!RESET_TOKEN_PATTERN.test(token)) return undefined;
  const row = await db
    .updateTable("password_reset_tokens")
    .set({ used_at: now })
    .where("token_hash", "=", hashSecret(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning("user_id")
    .executeTakeFirst();
  if (!row) return undefined;
  await db
    .updateTable("password_reset_tokens")
    .set({ used_at: now })
    .where("user_id", "=", row.user_id)
    .where("used_at", "is", null)
    .execute();
  return row.user_id;
}
