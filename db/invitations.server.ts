import { hashPassword } from "../app/auth/password.server";
import { roleFitsOrganization } from "../app/domain/roles";
import type { DB } from "./connection.server";
import type { Role } from "../app/domain/vocabulary";
import { hashSecret, randomToken } from "./sessions.server";
import { DomainError } from "../app/domain/errors";

export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

export async function createInvitation(db: DB, organizationId: string, role: Role, createdBy: string, now = new Date()) {
  const org = await db.selectFrom("organizations").select("kind").where("id", "=", organizationId).executeTakeFirstOrThrow();
  if (!roleFitsOrganization(role, org.kind)) throw new DomainError("role_does_not_fit", "role");
  const token = `${randomToken()}${randomToken()}`;
  const expiresAt = new Date(now.getTime() + INVITATION_TTL_MS);
  await db
    .insertInto("invitations")
    .values({ organization_id: organizationId, role, token_hash: hashSecret(token), created_by: createdBy, expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

/** The open invitation for a token (unused, unexpired), with its organization. */
export async function findOpenInvitation(db: DB, token: string, now = new Date()) {
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

/** Accept an invitation: the user is created and the invitation used, once, atomically. */
export async function acceptInvitation(
  db: DB,
  token: string,
  input: { email: string; displayName: string; password: string },
  now = new Date(),
): Promise<{ userId: string; organizationId: string }> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const inv = await trx
      .updateTable("invitations")
      .set({ used_at: now })
      .where("token_hash", "=", hashSecret(token))
      .where("used_at", "is", null)
      .where("expires_at", ">", now)
      .returning(["id", "organization_id", "role"])
      .executeTakeFirst();
    if (!inv) throw new DomainError("invitation_invalid");
    const existing = await trx.selectFrom("users").select("id").where("email", "=", input.email.toLowerCase()).executeTakeFirst();
    if (existing) throw new DomainError("email_taken", "email");
    const user = await trx
      .insertInto("users")
      .values({ organization_id: inv.organization_id, email: input.email.toLowerCase(), display_name: input.displayName, role: inv.role, password_hash: passwordHash })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx.updateTable("invitations").set({ used_by: user.id }).where("id", "=", inv.id).execute();
    return { userId: user.id, organizationId: inv.organization_id };
  });
}
