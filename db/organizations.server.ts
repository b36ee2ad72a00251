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
      "o.name_zh",
      "o.name_en",
      "o.verification_status",
      "o.created_at",
      eb
        .selectFrom("users as u")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("u.organization_id", "=", "o.id")
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
