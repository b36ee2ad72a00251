import type { DB } from "./connection.server";

export interface PlatformCounts {
  suppliers: number;
  verifiedSuppliers: number;
  oems: number;
  plants: number;
  categories: number;
}

/** Live counts for the home page, straight from PostgreSQL. */
export async function platformCounts(db: DB): Promise<PlatformCounts> {
  const orgs = await db
    .selectFrom("organizations")
    .select((eb) => [
      eb.fn.count<number>("id").filterWhere("kind", "=", "supplier").as("suppliers"),
      eb.fn.count<number>("id").filterWhere((w) => w.and([w("kind", "=", "supplier"), w("verification_status", "=", "verified")])).as("verified"),
      eb.fn.count<number>("id").filterWhere("kind", "=", "oem").as("oems"),
    ])
    .executeTakeFirstOrThrow();
  const plants = await db.selectFrom("plants").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const categories = await db
    .selectFrom("part_categories")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("level", "=", 2)
    .executeTakeFirstOrThrow();
  return {
    suppliers: Number(orgs.suppliers),
    verifiedSuppliers: Number(orgs.verified),
    oems: Number(orgs.oems),
    plants: Number(plants.n),
    categories: Number(categories.n),
  };
}
