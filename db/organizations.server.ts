import type { Transaction } from "kysely";
import type { DB } from "./connection.server";
import type { Database } from "./schema";
import { DomainError } from "../app/domain/errors";
import type { OrganizationKind, VerificationStatus } from "../app/domain/vocabulary";

type Handle = DB | Transaction<Database>;

const isUniqueViolation = (err: unknown, constraint: string) =>
  (err as { code?: string })?.code === "23505" && (err as { constraint?: string }).constraint === constraint;

export async function listOrganizations(db: Handle, kind?: OrganizationKind, limit = 200) {
  let q = db
    .selectFrom("organizations as o")
    .select((eb) => [
      "o.id",
      "o.kind",
      "o.code",
      "o.name_zh",
      "o.name_en",
      "o.verification_status",
      "o.created_at",
      eb
        .selectFrom("users as u")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("u.organization_id", "=", "o.id")
        .where("u.deactivated_at", "is", null)
        .as("members"),
    ])
    .orderBy("o.created_at", "desc")
    .limit(limit);
  if (kind) q = q.where("o.kind", "=", kind);
  return q.execute();
}

/** One organization by id, or undefined. */
export async function findOrganization(db: Handle, organizationId: string) {
  return db
    .selectFrom("organizations")
    .select(["id", "kind", "name_zh", "name_en", "verification_status"])
    .where("id", "=", organizationId)
    .executeTakeFirst();
}

/** Whether an OEM with this Chinese name exists. */
export async function oemNameTaken(db: Handle, nameZh: string): Promise<boolean> {
  const row = await db
    .selectFrom("organizations")
    .select("id")
    .where("kind", "=", "oem")
    .where("name_zh", "=", nameZh)
    .executeTakeFirst();
  return row !== undefined;
}

export interface NewOrganizationRow {
  kind: OrganizationKind;
  /** OEMs: their code (required for them). */
  code?: string;
  nameZh: string;
  nameEn?: string | null;
  uscc?: string | null;
  verificationStatus?: VerificationStatus;
  /** A supplier that signs up itself (not imported by an official). */
  signedUp?: boolean;
}

/** Insert an organization; a registered USCC is the DomainError `uscc_taken` on `uscc`. */
export async function insertOrganization(db: Handle, input: NewOrganizationRow): Promise<string> {
  try {
    const row = await db
      .insertInto("organizations")
      .values({
        kind: input.kind,
        code: input.code ?? null,
        name_zh: input.nameZh,
        name_en: input.nameEn || null,
        uscc: input.uscc ?? null,
        ...(input.verificationStatus ? { verification_status: input.verificationStatus } : {}),
        ...(input.signedUp ? { signed_up: true } : {}),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return row.id;
  } catch (err) {
    if (isUniqueViolation(err, "organizations_uscc_key")) throw new DomainError("uscc_taken", "uscc");
    if (isUniqueViolation(err, "organizations_code_key")) throw new DomainError("code_taken", "code");
    throw err;
  }
}

/** The empty profile every supplier organization has from the start. */
export async function insertEmptySupplierProfile(db: Handle, supplierId: string): Promise<void> {
  await db.insertInto("supplier_profiles").values({ supplier_id: supplierId }).execute();
}

/** The agency (officials' and administrators') organization, created when there is none. */
export async function agencyOrganizationId(db: Handle): Promise<string> {
  const agency = await db
    .selectFrom("organizations")
    .select("id")
    .where("kind", "=", "agency")
    .orderBy("created_at")
    .executeTakeFirst();
  if (agency) return agency.id;
  return insertOrganization(db, {
    kind: "agency",
    nameZh: "吉林省工业和信息化厅",
    nameEn: "Jilin Provincial Department of Industry and Information Technology",
    verificationStatus: "verified",
  });
}

/** The OEMs, by code, with their plant and member counts, for the administrators. */
export async function listOems(db: Handle) {
  return db
    .selectFrom("organizations as o")
    .select((eb) => [
      "o.id",
      "o.code",
      "o.name_zh",
      "o.name_en",
      "o.uscc",
      eb
        .selectFrom("plants as p")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("p.oem_id", "=", "o.id")
        .where("p.retired_at", "is", null)
        .as("plants"),
      eb
        .selectFrom("plants as p")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("p.oem_id", "=", "o.id")
        .where("p.retired_at", "is not", null)
        .as("retired_plants"),
      eb
        .selectFrom("users as u")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("u.organization_id", "=", "o.id")
        .where("u.deactivated_at", "is", null)
        .as("members"),
      eb
        .selectFrom("users as u")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("u.organization_id", "=", "o.id")
        .where("u.deactivated_at", "is", null)
        .where("u.role", "=", "oem_admin")
        .as("admins"),
    ])
    .where("o.kind", "=", "oem")
    .orderBy("o.code")
    .execute();
}

/** One OEM by its code. */
export async function findOemByCode(db: Handle, code: string) {
  return db
    .selectFrom("organizations")
    .select(["id", "code", "name_zh", "name_en", "uscc", "reference_values"])
    .where("kind", "=", "oem")
    .where("code", "=", code)
    .executeTakeFirst();
}

/** Whether an organization holds this code. */
export async function organizationCodeTaken(db: Handle, code: string): Promise<boolean> {
  const row = await db.selectFrom("organizations").select("id").where("code", "=", code).executeTakeFirst();
  return row !== undefined;
}

/** Set an organization's names and USCC; a USCC registered to another is `uscc_taken`. */
export async function updateOrganizationNames(
  db: Handle,
  organizationId: string,
  input: { nameZh: string; nameEn: string | null; uscc: string | null },
): Promise<void> {
  try {
    await db
      .updateTable("organizations")
      .set({ name_zh: input.nameZh, name_en: input.nameEn, uscc: input.uscc, updated_at: new Date() })
      .where("id", "=", organizationId)
      .execute();
  } catch (err) {
    if (isUniqueViolation(err, "organizations_uscc_key")) throw new DomainError("uscc_taken", "uscc");
    throw err;
  }
}

/** Another OEM with this Chinese name (renaming one onto another's name is refused). */
export async function otherOemNamed(db: Handle, nameZh: string, exceptId: string): Promise<boolean> {
  const row = await db
    .selectFrom("organizations")
    .select("id")
    .where("kind", "=", "oem")
    .where("name_zh", "=", nameZh)
    .where("id", "!=", exceptId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The organizations a person means by `ref` on the command line: its id, its code (any
 * case), or its Chinese or English name (English in any case).
 */
export async function findOrganizationsByRef(db: Handle, ref: string) {
  const text = ref.trim();
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);
  return db
    .selectFrom("organizations")
    .select(["id", "kind", "code", "name_zh", "name_en"])
    .where((eb) =>
      eb.or([
        ...(isUuid ? [eb("id", "=", text.toLowerCase())] : []),
        eb("code", "=", text.toUpperCase()),
        eb("name_zh", "=", text),
        eb(eb.fn("lower", ["name_en"]), "=", text.toLowerCase()),
      ]),
    )
    .orderBy("kind")
    .orderBy("name_zh")
    .limit(20)
    .execute();
}

/** Set an organization's names (an administrator accepted the reference value). */
export async function setOrganizationNames(
  db: Handle,
  organizationId: string,
  fields: Partial<{ name_zh: string; name_en: string | null }>,
): Promise<void> {
  await db
    .updateTable("organizations")
    .set({ ...fields, updated_at: new Date() })
    .where("id", "=", organizationId)
    .execute();
}

/** One OEM by id, with its reference values. */
export async function findOemById(db: Handle, organizationId: string) {
  return db
    .selectFrom("organizations")
    .select(["id", "code", "name_zh", "name_en", "uscc", "reference_values"])
    .where("kind", "=", "oem")
    .where("id", "=", organizationId)
    .executeTakeFirst();
}

/** Organizations whose code or either name contains `text` (suggestions when nothing matched exactly). */
export async function organizationsLike(db: Handle, text: string, limit = 10) {
  const pattern = `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom("organizations")
    .select(["id", "kind", "code", "name_zh", "name_en"])
    .where((eb) =>
      eb.or([eb("code", "ilike", pattern), eb("name_zh", "like", pattern), eb("name_en", "ilike", pattern)]),
    )
    .orderBy("kind")
    .orderBy("name_zh")
    .limit(limit)
    .execute();
}
