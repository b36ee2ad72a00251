import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import type { Actor } from "../app/domain/policy";
import type { Transaction } from "kysely";
import type { DB } from "./connection.server";
import type { Database } from "./schema";

type Handle = DB | Transaction<Database>;

// Sessions after Lucia's published design: a token "<id>.<secret>", both random
// 120-bit strings; only the SHA-256 of the secret is stored and it is compared in
// constant time. Sessions end after 30 days without use; use renews them (sliding),
// at most once an hour so that reads do not write on every request.
export const SESSION_INACTIVITY_MS = 30 * 24 * 60 * 60 * 1000;
export const SESSION_ACTIVITY_CHECK_MS = 60 * 60 * 1000;

const ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

/** 24 characters of a 32-letter alphabet: 120 bits from the CSPRNG. */
export function randomToken(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  let out = "";
  for (const b of bytes) out += ALPHABET[b >> 3];
  return out;
}

export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export interface SessionInfo {
  id: string;
  userId: string;
  expiresAt: Date;
}

export async function createSession(
  db: Handle,
  userId: string,
  now = new Date(),
): Promise<{ token: string; session: SessionInfo }> {
  const id = randomToken();
  const secret = randomToken();
  await db
    .insertInto("sessions")
    .values({ id, secret_hash: hashSecret(secret), user_id: userId, created_at: now, last_verified_at: now })
    .execute();
  return {
    token: `${id}.${secret}`,
    session: { id, userId, expiresAt: new Date(now.getTime() + SESSION_INACTIVITY_MS) },
  };
}

export interface ValidatedSession {
  actor: Actor;
  session: SessionInfo;
  /** The expiry moved: the cookie must be sent again. */
  renewed: boolean;
}

/** The session and its user for a cookie token, or null; expired sessions are deleted. */
export async function validateSessionToken(db: DB, token: string, now = new Date()): Promise<ValidatedSession | null> {
  const parts = token.split(".");
  if (parts.length !== 2 || parts[0]!.length !== 24 || parts[1]!.length !== 24) return null;
  const [id, secret] = parts as [string, string];
  const row = await db
    .selectFrom("sessions as s")
    .innerJoin("users as u", "u.id", "s.user_id")
    .innerJoin("organizations as o", "o.id", "u.organization_id")
    .select([
      "s.id",
      "s.secret_hash",
      "s.last_verified_at",
      "s.user_id",
      "u.role",
      "u.display_name",
      "u.organization_id",
      "o.kind as organization_kind",
    ])
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secret_hash))) return null;

  const lastVerified = new Date(row.last_verified_at).getTime();
  if (now.getTime() - lastVerified >= SESSION_INACTIVITY_MS) {
    await invalidateSession(db, id);
    return null;
  }
  let renewed = false;
  let verifiedAt = lastVerified;
  if (now.getTime() - lastVerified >= SESSION_ACTIVITY_CHECK_MS) {
    await db.updateTable("sessions").set({ last_verified_at: now }).where("id", "=", id).execute();
    renewed = true;
    verifiedAt = now.getTime();
  }
  return {
    actor: {
      userId: row.user_id,
      organizationId: row.organization_id,
      organizationKind: row.organization_kind,
      role: row.role,
      via: "session",
      displayName: row.display_name,
      sessionId: row.id,
    },
    session: { id: row.id, userId: row.user_id, expiresAt: new Date(verifiedAt + SESSION_INACTIVITY_MS) },
    renewed,
  };
}

export async function invalidateSession(db: Handle, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Sign a user out everywhere (after a password change, or by an administrator). */
export async function invalidateUserSessions(db: Handle, userId: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}
