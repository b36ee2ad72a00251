import { sql } from "kysely";
import { EARTH_RADIUS_KM } from "../app/domain/geo";
import type { DB } from "./connection.server";
import { notifyOrganization } from "./notifications.server";
import type { DemandStatus } from "../app/domain/vocabulary";
import { DomainError } from "../app/domain/errors";

export interface DemandInput {
  plantId: string;
  partName: string;
  categoryCode: string;
  allowGroup: boolean;
  spec: string;
  annualVolume: number | null;
  unit: string;
  sopDate: string | null;
  requiredCerts: string[];
  radiusKm: number;
  responseDeadline: string | null;
  visibility: "all" | "invited";
}

async function checkDemandReferences(db: DB, oemId: string, input: DemandInput) {
  const plant = await db.selectFrom("plants").select("id").where("id", "=", input.plantId).where("oem_id", "=", oemId).executeTakeFirst();
  if (!plant) throw new DomainError("plant_not_yours", "plantId");
  const cat = await db.selectFrom("part_categories").select("code").where("code", "=", input.categoryCode).where("level", "=", 2).executeTakeFirst();
  if (!cat) throw new DomainError("unknown_category", "categoryCode");
}

const columns = (input: DemandInput) => ({
  plant_id: input.plantId,
  part_name: input.partName,
  category_code: input.categoryCode,
  allow_group: input.allowGroup,
  spec: input.spec,
  annual_volume: input.annualVolume,
  unit: input.unit,
  sop_date: input.sopDate,
  required_certs: input.requiredCerts,
  radius_km: input.radiusKm,
  response_deadline: input.responseDeadline,
  visibility: input.visibility,
});

/** Post a demand at one of the OEM's own plants; suppliers it fits are notified. */
export async function createDemand(db: DB, oemId: string, createdBy: string | null, input: DemandInput): Promise<string> {
  await checkDemandReferences(db, oemId, input);
  return db.transaction().execute(async (trx) => {
    const { id } = await trx.insertInto("demands").values({ oem_id: oemId, created_by: createdBy, ...columns(input) }).returning("id").executeTakeFirstOrThrow();
    if (input.visibility === "all") {
      // Suppliers with the category and a site inside the circle (at most 200 organizations).
      const fits = await fittingSuppliers(trx as unknown as DB, id, 200);
      for (const s of fits) await notifyOrganization(trx, s.supplier_id, { kind: "demand_fits", title: input.partName, link: `/demands/${id}` });
    }
    return id;
  });
}

export async function updateDemand(db: DB, oemId: string, demandId: string, input: DemandInput): Promise<void> {
  await checkDemandReferences(db, oemId, input);
  const res = await db.updateTable("demands").set({ ...columns(input), updated_at: new Date() }).where("id", "=", demandId).where("oem_id", "=", oemId).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new DomainError("demand_not_found");
}

export async function setDemandStatus(db: DB, oemId: string, demandId: string, status: DemandStatus): Promise<void> {
  const res = await db.updateTable("demands").set({ status, updated_at: new Date() }).where("id", "=", demandId).where("oem_id", "=", oemId).executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new DomainError("demand_not_found");
}

export async function getDemand(db: DB, demandId: string) {
  return db
    .selectFrom("demands as d")
    .innerJoin("plants as p", "p.id", "d.plant_id")
    .innerJoin("organizations as o", "o.id", "d.oem_id")
    .innerJoin("part_categories as c", "c.code", "d.category_code")
    .selectAll("d")
    .select(["p.code as plant_code", "p.name_zh as plant_name_zh", "p.name_en as plant_name_en", "p.lat", "p.lng", "o.name_zh as oem_name_zh", "o.name_en as oem_name_en", "c.parent_code as category_group", "c.name_zh as category_name_zh", "c.name_en as category_name_en"])
    .where("d.id", "=", demandId)
    .executeTakeFirst();
}

export type Demand = NonNullable<Awaited<ReturnType<typeof getDemand>>>;

export async function listDemandsForOem(db: DB, oemId: string) {
  return db
    .selectFrom("demands as d")
    .innerJoin("plants as p", "p.id", "d.plant_id")
    .select((eb) => [
      "d.id", "d.part_name", "d.category_code", "d.status", "d.created_at", "d.radius_km", "p.name_zh as plant_name_zh", "p.name_en as plant_name_en",
      eb.selectFrom("matches as m").select(eb.fn.countAll<number>().as("n")).whereRef("m.demand_id", "=", "d.id").as("matches"),
    ])
    .where("d.oem_id", "=", oemId)
    .orderBy("d.created_at", "desc")
    .execute();
}

const distanceSql = (latCol: string, lngCol: string, lat: unknown, lng: unknown) => sql<number>`2 * ${EARTH_RADIUS_KM} * asin(least(1, sqrt(
  power(sin(radians(${sql.ref(latCol)} - ${lat}) / 2), 2) +
  cos(radians(${lat})) * cos(radians(${sql.ref(latCol)})) * power(sin(radians(${sql.ref(lngCol)} - ${lng}) / 2), 2))))`;

/** Suppliers whose categories fit a demand and who have a site within its radius. */
async function fittingSuppliers(db: DB, demandId: string, limit: number) {
  return db
    .selectFrom("demands as d")
    .innerJoin("plants as p", "p.id", "d.plant_id")
    .innerJoin("supplier_categories as sc", "sc.category_code", "d.category_code")
    .innerJoin("supplier_sites as s", "s.supplier_id", "sc.supplier_id")
    .select(["sc.supplier_id", sql<number>`min(${distanceSql("s.lat", "s.lng", sql.ref("p.lat"), sql.ref("p.lng"))})`.as("km")])
    .where("d.id", "=", demandId)
    .where((eb) => eb(distanceSql("s.lat", "s.lng", sql.ref("p.lat"), sql.ref("p.lng")), "<=", eb.ref("d.radius_km")))
    .groupBy("sc.supplier_id")
    .orderBy("km")
    .limit(limit)
    .execute();
}

/**
 * A supplier's opportunities: open demands visible to all whose category is one of the
 * supplier's and whose plant lies within the demand's radius of one of its sites (or
 * demands it was invited to), nearest first.
 */
export async function opportunitiesForSupplier(db: DB, supplierId: string) {
  const dist = distanceSql("s.lat", "s.lng", sql.ref("p.lat"), sql.ref("p.lng"));
  return db
    .selectFrom("demands as d")
    .innerJoin("plants as p", "p.id", "d.plant_id")
    .innerJoin("organizations as o", "o.id", "d.oem_id")
    .innerJoin("supplier_sites as s", (j) => j.on("s.supplier_id", "=", supplierId))
    .leftJoin("matches as m", (j) => j.onRef("m.demand_id", "=", "d.id").on("m.supplier_id", "=", supplierId))
    .select([
      "d.id", "d.part_name", "d.category_code", "d.annual_volume", "d.unit", "d.response_deadline", "d.radius_km", "d.visibility",
      "p.name_zh as plant_name_zh", "p.name_en as plant_name_en", "o.name_zh as oem_name_zh", "o.name_en as oem_name_en", "m.state as match_state",
      sql<number>`min(${dist})`.as("distance_km"),
    ])
    .where("d.status", "=", "open")
    .where((eb) =>
      eb.or([
        eb.and([
          eb("d.visibility", "=", "all"),
          eb.exists(eb.selectFrom("supplier_categories as sc").select("sc.category_code").where("sc.supplier_id", "=", supplierId).whereRef("sc.category_code", "=", "d.category_code")),
          eb(dist, "<=", eb.ref("d.radius_km")),
        ]),
        eb("m.state", "is not", null),
      ]),
    )
    .groupBy(["d.id", "p.id", "o.id", "m.state"])
    .orderBy("distance_km")
    .limit(200)
    .execute();
}

/** Whether a supplier may see a demand: open to all and fitting, or it has a match on it. */
export async function supplierMaySeeDemand(db: DB, supplierId: string, demand: Demand): Promise<boolean> {
  const match = await db.selectFrom("matches").select("id").where("demand_id", "=", demand.id).where("supplier_id", "=", supplierId).executeTakeFirst();
  if (match) return true;
  return demand.visibility === "all" && demand.status === "open";
}
