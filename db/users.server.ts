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
      "u.deactivated_at",
      "o.kind as organization_kind",
      "o.name_zh as organization_name_zh",
      "o.name_en as organization_name_en",
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

/** What the password check of the account page needs: the hash, and the words a new password must not be. */
export async function passwordOwner(db: Handle, userId: string) {
  return db
    .selectFrom("users as u")
    .innerJoin("organizations as o", "o.id", "u.organization_id")
    .select(["u.password_hash", "u.email", "o.name_zh", "o.name_en"])
    .where("u.id", "=", userId)
    .where("u.deactivated_at", "is", null)
    .executeTakeFirst();
}

/** Members of one organization (never another's): the active ones first, then the deactivated. */
export async function listMembers(db: Handle, organizationId: string) {
  return db
    .selectFrom("users")
    .select(["id", "email", "display_name", "role", "created_at", "deactivated_at"])
    .where("organization_id", "=", organizationId)
    .orderBy((eb) => eb("deactivated_at", "is not", null))
    .orderBy("created_at")
    .execute();
}

/**
 * The organization's active members with their roles, locked for the rest of the
 * transaction so that two concurrent demotions or removals cannot both pass the
 * last-admin check. Deactivated members are not members any more.
 */
export async function lockMembers(trx: Transaction<Database>, organizationId: string) {
  return trx
    .selectFrom("users as u")
    .innerJoin("organizations as o", "o.id", "u.organization_id")
    .select(["u.id", "u.role", "o.kind"])
    .where("u.organization_id", "=", organizationId)
    .where("u.deactivated_at", "is", null)
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

/**
 * Deactivate a member: never deleted, because history (ledger entries, matches, the audit
 * log) refers to them; the e-mail stays taken. Their sessions end here too.
 */
export async function deactivateMember(
  db: Handle,
  organizationId: string,
  userId: string,
  now = new Date(),
): Promise<boolean> {
  const res = await db
    .updateTable("users")
    .set({ deactivated_at: now })
    .where("id", "=", userId)
    .where("organization_id", "=", organizationId)
    .where("deactivated_at", "is", null)
    .executeTakeFirst();
  await db.deleteFrom("sessions").where("user_id", "=", userId).execute();
  return Number(res.numUpdatedRows) === 1;
}

/** Every user with the name of their organization (the admin command line's listing). */
export async function listAllUsers(db: Handle) {
  return db
    .selectFrom("users as u")
    .innerJoin("organizations as o", "o.id", "u.organization_id")
    .select(["u.email", "u.role", "o.name_zh", "u.deactivated_at"])
    .orderBy("u.created_at")
    .execute();
}
