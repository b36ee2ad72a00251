import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import type { Actor } from "../app/domain/policy";
import { HEADER_COUNT_CAP } from "../app/domain/header-count";
import {
  DEFAULT_SESSION_LIFETIME,
  renewalIntervalOf,
  sessionExpiry,
  type SessionLifetime,
} from "../app/domain/session-lifetime";
import type { Transaction } from "kysely";
import type { DB } from "./connection.server";
import type { Database } from "./schema";

type Handle = DB | Transaction<Database>;

// Sessions after Lucia's published design: a token "<id>.<secret>", both random
// 120-bit strings; only the SHA-256 of the secret is stored and it is compared in
// constant time. A session ends after its idle limit without use (use renews it, at most
// once per renewal interval so that reads do not write on every request) and at the latest
// at its absolute limit after sign-in (app/domain/session-lifetime.ts).

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

/** A new session for an active user; its expiry follows the user's role. */
export async function createSession(
  db: Handle,
  userId: string,
  now = new Date(),
  lifetime: SessionLifetime = DEFAULT_SESSION_LIFETIME,
): Promise<{ token: string; session: SessionInfo }> {
  const user = await db
    .selectFrom("users")
    .select("role")
    .where("id", "=", userId)
    .where("deactivated_at", "is", null)
    .executeTakeFirst();
  if (!user) throw new Error(`no active user ${userId} to start a session for`);
  const id = randomToken();
  const secret = randomToken();
  await db
    .insertInto("sessions")
    .values({ id, secret_hash: hashSecret(secret), user_id: userId, created_at: now, last_verified_at: now })
    .execute();
  return {
    token: `${id}.${secret}`,
    session: { id, userId, expiresAt: sessionExpiry(lifetime, user.role, now, now) },
  };
}

export interface ValidatedSession {
  actor: Actor;
  session: SessionInfo;
  /** The expiry moved: the cookie must be sent again. */
  renewed: boolean;
  /** The user's unread notifications, counted in the same query (the header shows them). */
  unread: number;
}

/**
 * The session and its user for a cookie token, or null. A session past its idle or
 * absolute limit, or of a deactivated user, is deleted.
 */
export async function validateSessionToken(
  db: DB,
  token: string,
  now = new Date(),
  lifetime: SessionLifetime = DEFAULT_SESSION_LIFETIME,
): Promise<ValidatedSession | null> {
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
      "s.created_at",
      "s.last_verified_at",
      "s.user_id",
      "u.role",
      "u.display_name",
      "u.organization_id",
      "u.deactivated_at",
      "o.kind as organization_kind",
      // Counted up to the header's cap (app/domain/header-count.ts), not further.
      (eb) =>
        eb
          .selectFrom(
            eb
              .selectFrom("notifications as n")
              .select("n.id")
              .whereRef("n.user_id", "=", "s.user_id")
              .where("n.read_at", "is", null)
              .limit(HEADER_COUNT_CAP)
              .as("capped"),
          )
          .select(eb.fn.countAll<string>().as("n"))
          .as("unread"),
    ])
    .where("s.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secret_hash))) return null;

  const lastVerified = new Date(row.last_verified_at).getTime();
  if (
    row.deactivated_at ||
    now.getTime() >= sessionExpiry(lifetime, row.role, row.created_at, lastVerified).getTime()
  ) {
    await invalidateSession(db, id);
    return null;
  }
  let renewed = false;
  let verifiedAt = lastVerified;
  if (now.getTime() - lastVerified >= renewalIntervalOf(lifetime, row.role)) {
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
    session: {
      id: row.id,
      userId: row.user_id,
      expiresAt: sessionExpiry(lifetime, row.role, row.created_at, verifiedAt),
    },
    renewed,
    unread: Number(row.unread ?? 0),
  };
}

export async function invalidateSession(db: Handle, sessionId: string): Promise<void> {
  await db.deleteFrom("sessions").where("id", "=", sessionId).execute();
}

/** Sign a user out everywhere (after a password change, or by an administrator). */
export async function invalidateUserSessions(db: Handle, userId: string): Promise<void> {
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
}
