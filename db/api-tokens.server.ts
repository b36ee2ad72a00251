import type { Transaction } from "kysely";
import type { Actor } from "../app/domain/policy";
import { tokenRole } from "../app/domain/roles";
import type { DB } from "./connection.server";
import type { Database } from "./schema";
import { hashSecret, randomToken } from "./sessions.server";

type Handle = DB | Transaction<Database>;

const PREFIX = "pt_";

/** Create a token for an organization; the plain token is returned once and never stored. */
export async function createApiToken(db: Handle, organizationId: string, name: string, createdBy: string | null) {
  const token = `${PREFIX}${randomToken()}${randomToken()}`;
  const row = await db
    .insertInto("api_tokens")
    .values({
      organization_id: organizationId,
      name,
      token_hash: hashSecret(token),
      hint: `${token.slice(0, 7)}…${token.slice(-4)}`,
      created_by: createdBy,
    })
    .returning(["id", "hint"])
    .executeTakeFirstOrThrow();
  return { id: row.id, token, hint: row.hint };
}

export async function listApiTokens(db: Handle, organizationId: string) {
  return db
    .selectFrom("api_tokens")
    .select(["id", "name", "hint", "created_at", "last_used_at", "revoked_at"])
    .where("organization_id", "=", organizationId)
    .orderBy("created_at", "desc")
    .execute();
}

/** Revoke one of the organization's tokens; false when it is not the organization's. */
export async function revokeApiToken(db: Handle, organizationId: string, tokenId: string): Promise<boolean> {
  const res = await db
    .updateTable("api_tokens")
    .set({ revoked_at: new Date() })
    .where("id", "=", tokenId)
    .where("organization_id", "=", organizationId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The actor a Bearer token stands for, or null when it is unknown or revoked. */
export async function actorForApiToken(db: DB, token: string): Promise<Actor | null> {
  if (!token.startsWith(PREFIX) || token.length !== PREFIX.length + 48) return null;
  const row = await db
    .selectFrom("api_tokens as t")
    .innerJoin("organizations as o", "o.id", "t.organization_id")
    .select(["t.id", "t.organization_id", "t.name", "t.last_used_at", "o.kind"])
    .where("t.token_hash", "=", hashSecret(token))
    .where("t.revoked_at", "is", null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || Date.now() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.updateTable("api_tokens").set({ last_used_at: new Date() }).where("id", "=", row.id).execute();
  }
  return {
    userId: null,
    organizationId: row.organization_id,
    organizationKind: row.kind,
    role: tokenRole(row.kind),
    via: "token",
    displayName: row.name,
  };
}

/** Revoke the live tokens a member created (they saw them in full); how many. */
export async function revokeApiTokensCreatedBy(
  db: Handle,
  organizationId: string,
  userId: string,
  now = new Date(),
): Promise<number> {
  const res = await db
    .updateTable("api_tokens")
    .set({ revoked_at: now })
    .where("organization_id", "=", organizationId)
    .where("created_by", "=", userId)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
