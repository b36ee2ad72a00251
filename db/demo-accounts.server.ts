import { hashPassword } from "../app/auth/password.server";
import { sql } from "kysely";
import { SAMPLE_USCC_SERIAL } from "./seed.server";
import type { DB } from "./connection.server";
import { agencyOrganizationId } from "./organizations.server";
import type { Role } from "../app/domain/vocabulary";
import { insertUser } from "./users.server";

/** The demo's shared password: demo accounts exist only in the demo data. */
export const DEMO_PASSWORD = "peitao-demo-2026";

const ACCOUNTS: { role: Role; email: string; name: string }[] = [
  { role: "supplier_admin", email: "supplier-admin@demo.peitao.example", name: "示例供应商管理员" },
  { role: "supplier_member", email: "supplier@demo.peitao.example", name: "示例供应商成员" },
  { role: "oem_admin", email: "oem-admin@demo.peitao.example", name: "示例主机厂管理员" },
  { role: "oem_buyer", email: "buyer@demo.peitao.example", name: "示例采购员" },
  { role: "official", email: "official@demo.peitao.example", name: "示例主管部门人员" },
  { role: "admin", email: "admin@demo.peitao.example", name: "示例平台管理员" },
];

/** One demo account per role: suppliers in sample supplier 1, OEM users in Audi FAW NEV. */
export async function seedDemoAccounts(db: DB): Promise<void> {
  const supplier = await db
    .selectFrom("organizations")
    .select("id")
    .where("kind", "=", "supplier")
    .where("is_sample", "=", true)
    // The credit code's characters 9–16 are its serial (app/domain/uscc.ts).
    .where(sql`substr(uscc, 9, 8)`, "=", String(SAMPLE_USCC_SERIAL))
    .executeTakeFirstOrThrow();
  const oem = await db
    .selectFrom("organizations")
    .select("id")
    .where("kind", "=", "oem")
    .where("name_zh", "=", "奥迪一汽新能源汽车有限公司")
    .executeTakeFirstOrThrow();
  const agency = await agencyOrganizationId(db);
  const orgFor = (role: Role) => (role.startsWith("supplier") ? supplier.id : role.startsWith("oem") ? oem.id : agency);
  // Seeding, not a product write: no audit row (each organization above fits its roles).
  for (const a of ACCOUNTS) {
    const exists = await db.selectFrom("users").select("id").where("email", "=", a.email).executeTakeFirst();
    if (!exists)
      await insertUser(db, {
        organizationId: orgFor(a.role),
        email: a.email,
        displayName: a.name,
        role: a.role,
        passwordHash: await hashPassword(DEMO_PASSWORD),
        isDemo: true,
      });
  }
}

export async function listDemoAccounts(db: DB) {
  return db.selectFrom("users").select(["email", "role"]).where("is_demo", "=", true).orderBy("created_at").execute();
}
