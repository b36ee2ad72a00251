import { hashPassword } from "../app/auth/password.server";
import { DomainError } from "../app/domain/errors";
import { roleFitsOrganization } from "../app/domain/roles";
import type { DB } from "./connection.server";
import { enqueueSearchSync } from "./outbox.server";
import type { Transaction } from "kysely";
import type { Database } from "./schema";
import type { Role } from "../app/domain/vocabulary";

const isUniqueViolation = (err: unknown, constraint?: string) =>
  (err as { code?: string; constraint?: string })?.code === "23505" &&
  (!constraint || (err as { constraint?: string }).constraint === constraint);

export async function findUserByEmail(db: DB, email: string) {
  return db
    .selectFrom("users as u")
    .innerJoin("organizations as o", "o.id", "u.organization_id")
    .select(["u.id", "u.email", "u.password_hash", "u.role", "u.organization_id", "u.display_name", "o.kind as organization_kind"])
    .where("u.email", "=", email.toLowerCase())
    .executeTakeFirst();
}

export interface NewUser {
  organizationId: string;
  email: string;
  displayName: string;
  role: Role;
  password: string;
  isDemo?: boolean;
}

/** Create a user in an organization whose kind fits the role. */
export async function createUser(db: DB | Transaction<Database>, input: NewUser): Promise<string> {
  const org = await db.selectFrom("organizations").select("kind").where("id", "=", input.organizationId).executeTakeFirst();
  if (!org) throw new DomainError("organization_not_found");
  if (!roleFitsOrganization(input.role, org.kind)) throw new DomainError("role_does_not_fit", "role");
  const passwordHash = await hashPassword(input.password);
  try {
    const { id } = await db
      .insertInto("users")
      .values({
        organization_id: input.organizationId,
        email: input.email.toLowerCase(),
        display_name: input.displayName,
        role: input.role,
        password_hash: passwordHash,
        is_demo: input.isDemo ?? false,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return id;
  } catch (err) {
    if (isUniqueViolation(err, "users_email_idx")) throw new DomainError("email_taken", "email");
    throw err;
  }
}

export interface SupplierSignUp {
  nameZh: string;
  nameEn?: string;
  uscc: string;
  displayName: string;
  email: string;
  password: string;
}

/** A supplier organization and its first admin, in one transaction. */
export async function signUpSupplier(db: DB, input: SupplierSignUp): Promise<{ userId: string; organizationId: string }> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction().execute(async (trx) => {
      const org = await trx
        .insertInto("organizations")
        .values({ kind: "supplier", name_zh: input.nameZh, name_en: input.nameEn || null, uscc: input.uscc })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx.insertInto("supplier_profiles").values({ supplier_id: org.id }).execute();
      const user = await trx
        .insertInto("users")
        .values({
          organization_id: org.id,
          email: input.email.toLowerCase(),
          display_name: input.displayName,
          role: "supplier_admin",
          password_hash: passwordHash,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await enqueueSearchSync(trx, "supplier", [org.id]);
      return { userId: user.id, organizationId: org.id };
    });
  } catch (err) {
    if (isUniqueViolation(err, "organizations_uscc_key")) throw new DomainError("uscc_taken", "uscc");
    if (isUniqueViolation(err, "users_email_idx")) throw new DomainError("email_taken", "email");
    throw err;
  }
}

export async function setPassword(db: DB, userId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  await db.updateTable("users").set({ password_hash: passwordHash, password_changed_at: new Date() }).where("id", "=", userId).execute();
}

export async function passwordHashOf(db: DB, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirst();
  return row?.password_hash;
}

/** Members of one organization (never another's). */
export async function listMembers(db: DB, organizationId: string) {
  return db
    .selectFrom("users")
    .select(["id", "email", "display_name", "role", "created_at"])
    .where("organization_id", "=", organizationId)
    .orderBy("created_at")
    .execute();
}

async function adminCount(db: DB, organizationId: string): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("organization_id", "=", organizationId)
    .where("role", "in", ["supplier_admin", "oem_admin", "admin"])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Change a member's role within the organization; the last admin cannot be demoted. */
export async function changeMemberRole(db: DB, organizationId: string, userId: string, role: Role): Promise<Role> {
  return db.transaction().execute(async (trx) => {
    // Lock the organization's members so two concurrent demotions cannot both pass the check.
    const members = await trx
      .selectFrom("users as u")
      .innerJoin("organizations as o", "o.id", "u.organization_id")
      .select(["u.id", "u.role", "o.kind"])
      .where("u.organization_id", "=", organizationId)
      .forUpdate("u")
      .execute();
    const member = members.find((m) => m.id === userId);
    if (!member) throw new DomainError("member_not_found");
    if (!roleFitsOrganization(role, member.kind)) throw new DomainError("role_does_not_fit", "role");
    const admins = members.filter((m) => ["supplier_admin", "oem_admin", "admin"].includes(m.role));
    if (admins.length === 1 && admins[0]!.id === userId && !["supplier_admin", "oem_admin", "admin"].includes(role)) {
      throw new DomainError("last_admin");
    }
    await trx.updateTable("users").set({ role }).where("id", "=", userId).where("organization_id", "=", organizationId).execute();
    return member.role;
  });
}

export async function removeMember(db: DB, organizationId: string, userId: string): Promise<void> {
  const member = await db.selectFrom("users").select(["id", "role"]).where("id", "=", userId).where("organization_id", "=", organizationId).executeTakeFirst();
  if (!member) throw new DomainError("member_not_found");
  if (["supplier_admin", "oem_admin", "admin"].includes(member.role) && (await adminCount(db, organizationId)) <= 1) {
    throw new DomainError("last_admin");
  }
  await db.deleteFrom("users").where("id", "=", userId).where("organization_id", "=", organizationId).execute();
}
