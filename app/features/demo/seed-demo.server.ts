import { refreshChainCells } from "../../../db/chain.server";
import { seedDemoAccounts } from "../../../db/demo-accounts.server";
import { seedDemoLedger } from "../../../db/demo-ledger.server";
import { seedOemsAndPlants, seedSuppliers } from "../../../db/seed.server";
import type { DB } from "../../../db/connection.server";
import { chinaDay } from "../../domain/dates";
import { postDemand } from "../demands/demands.server";
import { demandCreate } from "../demands/schemas";

/** Open demands of the demo OEMs (NEV key parts among them), so the gap list has content. */
const DEMO_DEMANDS: [partName: string, category: string, annualVolume: number][] = [
  ["动力电池电芯（方形磷酸铁锂）", "A01", 150000],
  ["电机控制器（SiC）", "A07", 120000],
  ["功率半导体模块", "A14", 120000],
  ["电池液冷板", "B02", 150000],
  ["前副车架总成", "D01", 150000],
];

/** A day `days` after today in China (the demo's dates stay in the future whenever it is seeded). */
function daysFromToday(days: number): string {
  return chinaDay(new Date(Date.now() + days * 86_400_000));
}

/** The demo buyer posts the demo demands through the product's own use case. */
export async function seedDemoDemands(db: DB): Promise<void> {
  const buyer = await db
    .selectFrom("users")
    .select(["id", "organization_id"])
    .where("email", "=", "buyer@demo.peitao.example")
    .executeTakeFirst();
  if (!buyer) return;
  const plant = await db
    .selectFrom("plants")
    .select("code")
    .where("oem_id", "=", buyer.organization_id)
    .orderBy("code")
    .executeTakeFirst();
  if (!plant) return;
  for (const [partName, category, annualVolume] of DEMO_DEMANDS) {
    const input = demandCreate.parse({
      plant: plant.code,
      part_name: `${partName}（示例）`,
      category,
      annual_volume: annualVolume,
      // The SOP in about seven months, answers due in five weeks (a past SOP is refused).
      sop_date: daysFromToday(220),
      required_certifications: ["IATF16949"],
      radius_km: 100,
      response_deadline: daysFromToday(38),
      visibility: "all",
    });
    await postDemand({ db, ip: null }, { userId: buyer.id, organizationId: buyer.organization_id }, input);
  }
}

/**
 * On an empty database (no users, no suppliers: the OEMs and plants of the reference data
 * are there on every start): the agency, 300 sample suppliers, accounts, ledger and demands.
 */
export async function seedDemoIfEmpty(db: DB): Promise<boolean> {
  const user = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  const supplier = await db
    .selectFrom("organizations")
    .select("id")
    .where("kind", "=", "supplier")
    .limit(1)
    .executeTakeFirst();
  if (user || supplier) return false;
  await seedOemsAndPlants(db);
  await seedSuppliers(db, { count: 300 });
  await seedDemoAccounts(db);
  await seedDemoLedger(db);
  await seedDemoDemands(db);
  // The chain map's supplier cells for the demo's suppliers, before anyone reads the map.
  await refreshChainCells(db);
  return true;
}
