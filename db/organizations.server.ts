import type { DB } from "./connection.server";
import { createUser } from "./users.server";
import { DomainError } from "../app/domain/errors";

export async function listOrganizations(db: DB, kind?: "oem" | "supplier" | "agency", limit = 200) {
  let q = db
    .selectFrom("organizations as o")
    .select((eb) => [
      "o.id", "o.kind", "o.name_zh", "o.name_en", "o.verification_status", "o.created_at",
      eb.selectFrom("users as u").select(eb.fn.countAll<number>().as("n")).whereRef("u.organization_id", "=", "o.id").as("members"),
    ])
    .orderBy("o.created_at", "desc")
    .limit(limit);
  if (kind) q = q.where("o.kind", "=", kind);
  return q.execute();
}

/** An OEM organization and its first OEM admin (administrators only). */
export async function createOemWithAdmin(
  db: DB,
  input: { nameZh: string; nameEn?: string; adminName: string; adminEmail: string; adminPassword: string },
) {
  return db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom("organizations").select("id").where("kind", "=", "oem").where("name_zh", "=", input.nameZh).executeTakeFirst();
    if (exists) throw new DomainError("organization_exists", "nameZh");
    const org = await trx
      .insertInto("organizations")
      .values({ kind: "oem", name_zh: input.nameZh, name_en: input.nameEn ?? null, verification_status: "verified" })
      .returning("id")
      .executeTakeFirstOrThrow();
    const userId = await createUser(trx, { organizationId: org.id, email: input.adminEmail, displayName: input.adminName, role: "oem_admin", password: input.adminPassword });
    return { organizationId: org.id, userId };
  });
}

export async function agencyOrganizationId(db: DB): Promise<string> {
  const agency = await db.selectFrom("organizations").select("id").where("kind", "=", "agency").orderBy("created_at").executeTakeFirst();
  if (agency) return agency.id;
  const created = await db
    .insertInto("organizations")
    .values({ kind: "agency", name_zh: "吉林省工业和信息化厅", name_en: "Jilin Provincial Department of Industry and Information Technology", verification_status: "verified" })
    .returning("id")
    .executeTakeFirstOrThrow();
  return created.id;
}
