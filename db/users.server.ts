import { DomainError } from "../app/domain/errors";
import type { DB } from "./connection.server";
import type { Transaction } from "kysely";
import type { Database } from "./schema";
import type { Role } from "../app/domain/vocabulary";

type Handle = DB | Transaction<Database>;

const isUniqueViolation = (err: unknown, constraint?: string) =>
  (err as { code?: string; constraint?: string })?.code === "23505" &&
  (!constraint || (err as { constraint?: string }).constraint === constraint);

export async function findUserByEmail(db: Handle, email: string) {
  return db
    .selectFrom("users as u")
    .innerJoin("organizations as o", "o.id", "u.organization_id")
    .select([
      "u.id",
      "u.email",
      "u.password_hash",
      "u.role",
      "u.organization_id",
      "u.display_name",
      "o.kind as organization_kind",
    ])
    .where("u.email", "=", email.toLowerCase())
    .executeTakeFirst();
}

export interface NewUserRow {
  organizationId: string;
  email: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  isDemo?: boolean;
}

/** Insert a user; a taken e-mail is the DomainError `email_taken` on `email`. */
export async function insertUser(db: Handle, input: NewUserRow): Promise<string> {
  try {
    const { id } = await db
      .insertInto("users")
      .values({
        organization_id: input.organizationId,
        email: input.email.toLowerCase(),
        display_name: input.displayName,
        role: input.role,
        password_hash: input.passwordHash,
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

export async function setPasswordHash(
  db: Handle,
  userId: string,
  passwordHash: string,
  now = new Date(),
): Promise<void> {
  await db
    .updateTable("users")
    .set({ password_hash: passwordHash, password_changed_at: now })
    .where("id", "=", userId)
    .execute();
}

export async function passwordHashOf(db: Handle, userId: string): Promise<string | undefined> {
  const row = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirst();
  return row?.password_hash;
}

/** Members of one organization (never another's). */
export async function listMembers(db: Handle, organizationId: string) {
  return db
    .selectFrom("users")
    .select(["id", "email", "display_name", "role", "created_at"])
    .where("organization_id", "=", organizationId)
    .orderBy("created_at")
    .execute();
}

/**
 * The organization's members with their roles, locked for the rest of the transaction so
 * that two concurrent demotions or removals cannot both pass the last-admin check.
 */
export async function lockMembers(trx: Transaction<Database>, organizationId: string) {
  return trx
    .selectFrom("users as u")
    .innerJoin("organizations as o", "o.id", "u.organization_id")
    .select(["u.id", "u.role", "o.kind"])
    .where("u.organization_id", "=", organizationId)
    .forUpdate("u")
    .execute();
}

export async function setMemberRole(db: Handle, organizationId: string, userId: string, role: Role): Promise<void> {
  await db
    .updateTable("users")
    .set({ role })
    .where("id", "=", userId)
    .where("organization_id", "=", organizationId)
    .execute();
}

export async function deleteMember(db: Handle, organizationId: string, userId: string): Promise<void> {
  await db.deleteFrom("users").where("id", "=", userId).where("organization_id", "=", organizationId).execute();
}

/** Every user with the name of their organization (the admin command line's listing). */
export async function listAllUsers(db: Handle) {
  return db
    .selectFrom("users as u")
    .innerJoin("organizations as o", "o.id", "u.organization_id")
    .select(["u.email", "u.role", "o.name_zh"])
    .orderBy("u.created_at")
    .execute();
}
