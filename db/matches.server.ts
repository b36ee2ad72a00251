import { INVITED_MATCH_STATES } from "../app/domain/demand";
import type { MatchState } from "../app/domain/vocabulary";
import type { DB } from "./connection.server";

/**
 * The demand a match action works on, with its plant's position. `oemId` scopes it to
 * the buyer's own OEM (a supplier acts on demands of any OEM, through its own match).
 */
export async function findDemandForMatch(db: DB, demandId: string, scope: { oemId?: string } = {}) {
  let q = db
    .selectFrom("demands as d")
    .innerJoin("plants as p", "p.id", "d.plant_id")
    .select([
      "d.id",
      "d.oem_id",
      "d.plant_id",
      "d.category_code",
      "d.radius_km",
      "d.status",
      "d.part_name",
      "d.created_by",
      "d.sop_date",
      "d.visibility",
      "d.required_certs",
      "p.lat",
      "p.lng",
    ])
    .where("d.id", "=", demandId);
  if (scope.oemId !== undefined) q = q.where("d.oem_id", "=", scope.oemId);
  return q.executeTakeFirst();
}

/** The match of a demand and a supplier, locked for the rest of the transaction. */
export async function lockMatch(db: DB, demandId: string, supplierId: string) {
  return db
    .selectFrom("matches")
    .selectAll()
    .where("demand_id", "=", demandId)
    .where("supplier_id", "=", supplierId)
    .forUpdate()
    .executeTakeFirst();
}

export type Match = NonNullable<Awaited<ReturnType<typeof lockMatch>>>;

/** The sites of a supplier organization (none when the organization is not a supplier). */
export async function supplierSitePositions(db: DB, supplierId: string) {
  return db
    .selectFrom("supplier_sites as s")
    .innerJoin("organizations as o", "o.id", "s.supplier_id")
    .select(["s.lat", "s.lng"])
    .where("s.supplier_id", "=", supplierId)
    .where("o.kind", "=", "supplier")
    .execute();
}

export interface NewMatch {
  demandId: string;
  supplierId: string;
  distanceKm: number;
  insideCircle: boolean;
  createdBy: string | null;
}

/** A new match, shortlisted; a concurrent insert of the same pair wins and this is a no-op. */
export async function insertMatch(db: DB, m: NewMatch): Promise<void> {
  await db
    .insertInto("matches")
    .values({
      demand_id: m.demandId,
      supplier_id: m.supplierId,
      state: "shortlisted",
      distance_km: m.distanceKm,
      inside_circle: m.insideCircle,
      created_by: m.createdBy,
    })
    .onConflict((oc) => oc.columns(["demand_id", "supplier_id"]).doNothing())
    .execute();
}

/** What a transition changes on a match: its state, and what the answer or the contract says. */
export type MatchUpdate =
  | { state: MatchState }
  | { state: MatchState; quoteFen: number; quoteNote: string }
  | { state: MatchState; declineReason: string }
  | { state: MatchState; contractFen: number; contractVolume: number | null; periodYear: number };

export async function updateMatch(db: DB, matchId: string, u: MatchUpdate): Promise<void> {
  await db
    .updateTable("matches")
    .set({
      state: u.state,
      updated_at: new Date(),
      ...("quoteFen" in u ? { quote_fen: u.quoteFen, quote_note: u.quoteNote } : {}),
      ...("declineReason" in u ? { decline_reason: u.declineReason } : {}),
      ...("contractFen" in u
        ? { contract_fen: u.contractFen, contract_volume: u.contractVolume, period_year: u.periodYear }
        : {}),
    })
    .where("id", "=", matchId)
    .execute();
}

/** One step of a match's history. */
export async function insertMatchEvent(
  db: DB,
  e: { matchId: string; from: MatchState | null; to: MatchState; actorUserId: string | null },
): Promise<void> {
  await db
    .insertInto("match_events")
    .values({ match_id: e.matchId, from_state: e.from, to_state: e.to, actor_user_id: e.actorUserId })
    .execute();
}

/** The matches of a demand with their suppliers (the buyer's view). */
export async function listMatchesForDemand(db: DB, demandId: string) {
  return db
    .selectFrom("matches as m")
    .innerJoin("organizations as o", "o.id", "m.supplier_id")
    .select([
      "m.id",
      "m.supplier_id",
      "m.state",
      "m.distance_km",
      "m.inside_circle",
      "m.quote_fen",
      "m.quote_note",
      "m.decline_reason",
      "m.contract_fen",
      "m.contract_volume",
      "m.period_year",
      "m.origin",
      "m.capacity",
      "m.earliest_sop",
      "m.updated_at",
      "o.name_zh",
      "o.name_en",
      "o.verification_status",
    ])
    .where("m.demand_id", "=", demandId)
    .orderBy("m.distance_km")
    .execute();
}

export async function getMatch(db: DB, matchId: string) {
  return db.selectFrom("matches").selectAll().where("id", "=", matchId).executeTakeFirst();
}

export async function getMatchFor(db: DB, demandId: string, supplierId: string) {
  return db
    .selectFrom("matches")
    .selectAll()
    .where("demand_id", "=", demandId)
    .where("supplier_id", "=", supplierId)
    .executeTakeFirst();
}

/** What a supplier's self-nomination (自荐) carries. */
export interface Nomination {
  quoteFen: number;
  quoteNote: string;
  capacity: number | null;
  earliestSop: string | null;
}

/**
 * A new match started by the supplier (origin "supplier"), interested with its quote; its id,
 * or undefined when the pair has a match already (the caller decides what that means).
 */
export async function insertNominatedMatch(db: DB, m: NewMatch & Nomination): Promise<string | undefined> {
  const row = await db
    .insertInto("matches")
    .values({
      demand_id: m.demandId,
      supplier_id: m.supplierId,
      state: "interested",
      origin: "supplier",
      distance_km: m.distanceKm,
      inside_circle: m.insideCircle,
      quote_fen: m.quoteFen,
      quote_note: m.quoteNote,
      capacity: m.capacity,
      earliest_sop: m.earliestSop,
      created_by: m.createdBy,
    })
    .onConflict((oc) => oc.columns(["demand_id", "supplier_id"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}

/** A match the buyer had only shortlisted becomes the supplier's own nomination. */
export async function nominateExistingMatch(db: DB, matchId: string, to: MatchState, n: Nomination): Promise<void> {
  await db
    .updateTable("matches")
    .set({
      state: to,
      origin: "supplier",
      quote_fen: n.quoteFen,
      quote_note: n.quoteNote,
      capacity: n.capacity,
      earliest_sop: n.earliestSop,
      updated_at: new Date(),
    })
    .where("id", "=", matchId)
    .execute();
}

/**
 * Every match of a supplier organization that it takes part in (invited at some point, or
 * nominated by itself; a buyer's private shortlist is not shown), newest first, with its
 * demand, OEM and plant: the supplier's 我的配套项目.
 */
export async function listMatchesOfSupplier(db: DB, supplierId: string, limit = 500) {
  return db
    .selectFrom("matches as m")
    .innerJoin("demands as d", "d.id", "m.demand_id")
    .innerJoin("plants as p", "p.id", "d.plant_id")
    .innerJoin("organizations as o", "o.id", "d.oem_id")
    .select([
      "m.id",
      "m.demand_id",
      "m.state",
      "m.origin",
      "m.distance_km",
      "m.inside_circle",
      "m.quote_fen",
      "m.quote_note",
      "m.capacity",
      "m.earliest_sop",
      "m.contract_fen",
      "m.period_year",
      "m.updated_at",
      "d.part_name",
      "d.category_code",
      "d.status as demand_status",
      "d.sop_date",
      "d.unit",
      "p.name_zh as plant_name_zh",
      "p.name_en as plant_name_en",
      "o.name_zh as oem_name_zh",
      "o.name_en as oem_name_en",
    ])
    .where("m.supplier_id", "=", supplierId)
    .where((eb) =>
      eb.or([
        eb("m.state", "in", INVITED_MATCH_STATES),
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
    .orderBy("m.updated_at", "desc")
    .limit(limit)
    .execute();
}

/** A supplier's certificates (for the award's warnings). */
export async function supplierCertificates(db: DB, supplierId: string) {
  return db
    .selectFrom("supplier_certifications")
    .select(["kind", "valid_until"])
    .where("supplier_id", "=", supplierId)
    .execute();
}
