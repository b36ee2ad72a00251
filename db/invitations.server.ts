import type { Transaction } from "kysely";
import type { DB } from "./connection.server";
import type { Database } from "./schema";
import type { Role } from "../app/domain/vocabulary";
import { hashSecret, randomToken } from "./sessions.server";

type Handle = DB | Transaction<Database>;

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

/** Store an invitation; the plain token is returned once and only its hash is kept. */
export async function insertInvitation(
  db: Handle,
  organizationId: string,
  role: Role,
  createdBy: string | null,
  now = new Date(),
) {
  const token = `${randomToken()}${randomToken()}`;
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  const row = await db
    .insertInto("invitations")
    .values({
      organization_id: organizationId,
      role,
      token_hash: hashSecret(token),
      created_by: createdBy,
      expires_at: expiresAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, token, expiresAt };
}

/** The open invitation for a token (unused, unexpired), with its organization. */
export async function findOpenInvitation(db: Handle, token: string, now = new Date()) {
  if (!/^[a-z2-9]{48}$/.test(token)) return undefined;
  return db
    .selectFrom("invitations as i")
    .innerJoin("organizations as o", "o.id", "i.organization_id")
    .select(["i.id", "i.role", "i.organization_id", "o.name_zh", "o.name_en"])
    .where("i.token_hash", "=", hashSecret(token))
    .where("i.used_at", "is", null)
    .where("i.expires_at", ">", now)
    .executeTakeFirst();
}

/**
 * Mark the open invitation of a token used, atomically (a second use finds nothing);
 * undefined when the token is unknown, used or expired.
 */
export async function claimInvitation(db: Handle, token: string, now = new Date()) {
  return db
    .updateTable("invitations")
    .set({ used_at: now })
    .where("token_hash", "=", hashSecret(token))
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .returning(["id", "organization_id", "role"])
    .executeTakeFirst();
}

export async function setInvitationUsedBy(db: Handle, invitationId: string, userId: string): Promise<void> {
  await db.updateTable("invitations").set({ used_by: userId }).where("id", "=", invitationId).execute();
}

/** Close the open invitations a member created (their links stop working now); how many. */
export async function closeInvitationsCreatedBy(
  db: Handle,
  organizationId: string,
  userId: string,
  now = new Date(),
): Promise<number> {
  const res = await db
    .updateTable("invitations")
    .set({ expires_at: now })
    .where("organization_id", "=", organizationId)
    .where("created_by", "=", userId)
    .where("used_at", "is", null)
    .where("expires_at", ">", now)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
