import { sql } from "kysely";
import { INVITED_MATCH_STATES } from "../app/domain/demand";
import { EARTH_RADIUS_KM } from "../app/domain/geo";
import type { DB } from "./connection.server";
import type { DemandStatus, DemandVisibility } from "../app/domain/vocabulary";

/** The columns of a new demand (the use case has resolved the plant code to its id). */
export interface NewDemand {
  oemId: string;
  createdBy: string | null;
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
  visibility: DemandVisibility;
}

/** The plant of an OEM with this code (demands are posted at the OEM's own plants only). */
export async function findPlantOfOem(db: DB, oemId: string, code: string) {
  return db
    .selectFrom("plants")
    .select(["id", "code", "retired_at"])
    .where("code", "=", code)
    .where("oem_id", "=", oemId)
    .executeTakeFirst();
}

/** The OEM's plants that take demands (not retired), for the demand form. */
export async function listPlantsOfOem(db: DB, oemId: string) {
  return db
    .selectFrom("plants")
    .select(["id", "code", "name_zh", "name_en"])
    .where("oem_id", "=", oemId)
    .where("retired_at", "is", null)
    .orderBy("code")
    .execute();
}

/** Whether a code is a leaf category of the taxonomy. */
export async function isLeafCategory(db: DB, code: string): Promise<boolean> {
  return Boolean(
    await db
      .selectFrom("part_categories")
      .select("code")
      .where("code", "=", code)
      .where("level", "=", 2)
      .executeTakeFirst(),
  );
}

export async function insertDemand(db: DB, d: NewDemand): Promise<string> {
  const { id } = await db
    .insertInto("demands")
    .values({
      oem_id: d.oemId,
      created_by: d.createdBy,
      plant_id: d.plantId,
      part_name: d.partName,
      category_code: d.categoryCode,
      allow_group: d.allowGroup,
      spec: d.spec,
      annual_volume: d.annualVolume,
      unit: d.unit,
      sop_date: d.sopDate,
      required_certs: d.requiredCerts,
      radius_km: d.radiusKm,
      response_deadline: d.responseDeadline,
      visibility: d.visibility,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Set the status of one of the OEM's demands, when it is one of `from`; the status it had,
 * or undefined when the OEM has no such demand. Locks the row (a confirm may award it).
 */
export async function setDemandStatus(
  db: DB,
  oemId: string,
  demandId: string,
  status: DemandStatus,
): Promise<{ previous: DemandStatus } | undefined> {
  const row = await db
    .selectFrom("demands")
    .select("status")
    .where("id", "=", demandId)
    .where("oem_id", "=", oemId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return undefined;
  await db
    .updateTable("demands")
    .set({ status, updated_at: new Date() })
    .where("id", "=", demandId)
    .where("oem_id", "=", oemId)
    .execute();
  return { previous: row.status };
}

/** Whether one of the OEM's demands stands at a retired plant (it cannot be opened again). */
export async function demandAtRetiredPlant(db: DB, oemId: string, demandId: string): Promise<boolean> {
  const row = await db
    .selectFrom("demands as d")
    .innerJoin("plants as p", "p.id", "d.plant_id")
    .select("p.retired_at")
    .where("d.id", "=", demandId)
    .where("d.oem_id", "=", oemId)
    .executeTakeFirst();
  return Boolean(row?.retired_at);
}

/** Close every open demand at a plant (it is being retired); their ids and OEM. */
export async function closeOpenDemandsAtPlant(db: DB, plantId: string) {
  return db
    .updateTable("demands")
    .set({ status: "closed", updated_at: new Date() })
    .where("plant_id", "=", plantId)
    .where("status", "=", "open")
    .returning(["id", "oem_id"])
    .execute();
}

/** A confirmed match awards its demand, when the demand is still open. */
export async function markDemandAwarded(db: DB, demandId: string): Promise<void> {
  await db
    .updateTable("demands")
    .set({ status: "awarded", updated_at: new Date() })
    .where("id", "=", demandId)
    .where("status", "=", "open")
    .execute();
}

export async function getDemand(db: DB, demandId: string) {
  return db
    .selectFrom("demands as d")
    .innerJoin("plants as p", "p.id", "d.plant_id")
    .innerJoin("organizations as o", "o.id", "d.oem_id")
    .innerJoin("part_categories as c", "c.code", "d.category_code")
    .selectAll("d")
    .select([
      "p.code as plant_code",
      "p.name_zh as plant_name_zh",
      "p.name_en as plant_name_en",
      "p.lat",
      "p.lng",
      "o.name_zh as oem_name_zh",
      "o.name_en as oem_name_en",
      "c.parent_code as category_group",
      "c.name_zh as category_name_zh",
      "c.name_en as category_name_en",
    ])
    .where("d.id", "=", demandId)
    .executeTakeFirst();
}

export type Demand = NonNullable<Awaited<ReturnType<typeof getDemand>>>;

/** Demands newest first with their match counts: one OEM's (all of them), or every OEM's (the latest `limit`). */
export async function demandsNewestFirst(db: DB, scope: { oemId: string } | { limit: number }) {
  let query = db
    .selectFrom("demands as d")
    .innerJoin("plants as p", "p.id", "d.plant_id")
    .select((eb) => [
      "d.id",
      "d.part_name",
      "d.category_code",
      "d.status",
      "d.created_at",
      "d.radius_km",
      "p.name_zh as plant_name_zh",
      "p.name_en as plant_name_en",
      eb
        .selectFrom("matches as m")
        .select(eb.fn.countAll<number>().as("n"))
        .whereRef("m.demand_id", "=", "d.id")
        .as("matches"),
    ])
    .orderBy("d.created_at", "desc");
  query = "oemId" in scope ? query.where("d.oem_id", "=", scope.oemId) : query.limit(scope.limit);
  return query.execute();
}

const distanceSql = (
  latCol: string,
  lngCol: string,
  lat: unknown,
  lng: unknown,
) => sql<number>`2 * ${EARTH_RADIUS_KM} * asin(least(1, sqrt(
  power(sin(radians(${sql.ref(latCol)} - ${lat}) / 2), 2) +
  cos(radians(${lat})) * cos(radians(${sql.ref(latCol)})) * power(sin(radians(${sql.ref(lngCol)} - ${lng}) / 2), 2))))`;

/**
 * Suppliers whose categories fit a demand and who have a site within its radius that is
 * not closed (a closed site is never ranked either).
 */
export async function fittingSuppliers(db: DB, demandId: string, limit: number) {
  return db
    .selectFrom("demands as d")
    .innerJoin("plants as p", "p.id", "d.plant_id")
    .innerJoin("supplier_categories as sc", "sc.category_code", "d.category_code")
    .innerJoin("supplier_sites as s", "s.supplier_id", "sc.supplier_id")
    .select([
      "sc.supplier_id",
      sql<number>`min(${distanceSql("s.lat", "s.lng", sql.ref("p.lat"), sql.ref("p.lng"))})`.as("km"),
    ])
    .where("d.id", "=", demandId)
    .where("s.operating_status", "!=", "closed")
    .where((eb) => eb(distanceSql("s.lat", "s.lng", sql.ref("p.lat"), sql.ref("p.lng")), "<=", eb.ref("d.radius_km")))
    .groupBy("sc.supplier_id")
    .orderBy("km")
    .limit(limit)
    .execute();
}

/**
 * A supplier's opportunities: open demands visible to all whose category is one of the
 * supplier's and whose plant lies within the demand's radius of one of its sites that is
 * not closed (or demands it was invited to), nearest first: what `supplierMaySeeDemand`
 * lets it read.
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
      "d.id",
      "d.part_name",
      "d.category_code",
      "d.annual_volume",
      "d.unit",
      "d.response_deadline",
      "d.radius_km",
      "d.visibility",
      "p.name_zh as plant_name_zh",
      "p.name_en as plant_name_en",
      "o.name_zh as oem_name_zh",
      "o.name_en as oem_name_en",
      "m.state as match_state",
      "m.origin as match_origin",
      sql<number>`min(${dist})`.as("distance_km"),
    ])
    .where("d.status", "=", "open")
    .where((eb) =>
      eb.or([
        eb.and([
          eb("d.visibility", "=", "all"),
          eb.exists(
            eb
              .selectFrom("supplier_categories as sc")
              .select("sc.category_code")
              .where("sc.supplier_id", "=", supplierId)
              .whereRef("sc.category_code", "=", "d.category_code"),
          ),
          eb(dist, "<=", eb.ref("d.radius_km")),
          eb("s.operating_status", "!=", "closed"),
        ]),
        // Invited (INVITED_MATCH_STATES, or withdrawn after an invitation); a shortlist is not one.
        eb("m.state", "in", INVITED_MATCH_STATES),
        // Its own self-nomination (自荐).
        eb("m.origin", "=", "supplier"),
        eb.exists(
          eb
            .selectFrom("match_events as e")
            .select("e.id")
            .whereRef("e.match_id", "=", "m.id")
            .where("e.to_state", "=", "invited"),
        ),
      ]),
    )
    .groupBy(["d.id", "p.id", "o.id", "m.state", "m.origin"])
    .orderBy("distance_km")
    .limit(200)
    .execute();
}

/**
 * What decides whether a supplier may read a demand (app/domain/demand.ts): its categories,
 * its sites, and its match on the demand with whether that match was ever an invitation.
 */
export async function supplierStandingFacts(db: DB, demandId: string, supplierId: string) {
  const [categories, sites, match] = await Promise.all([
    db.selectFrom("supplier_categories").select("category_code").where("supplier_id", "=", supplierId).execute(),
    db.selectFrom("supplier_sites").select(["lat", "lng"]).where("supplier_id", "=", supplierId).execute(),
    db
      .selectFrom("matches as m")
      .select((eb) => [
        "m.state",
        "m.origin",
        eb
          .exists(
            eb
              .selectFrom("match_events as e")
              .select("e.id")
              .whereRef("e.match_id", "=", "m.id")
              .where("e.to_state", "=", "invited"),
          )
          .$castTo<boolean>()
          .as("everInvited"),
      ])
      .where("m.demand_id", "=", demandId)
      .where("m.supplier_id", "=", supplierId)
      .executeTakeFirst(),
  ]);
  return { categories: categories.map((c) => c.category_code), sites, match };
}
