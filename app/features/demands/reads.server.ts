import { z } from "zod";
import { listCategories } from "../../../db/catalog.server";
import type { DB } from "../../../db/connection.server";
import {
  demandsNewestFirst,
  getDemand,
  listPlantsOfOem,
  opportunitiesForSupplier,
  supplierStandingFacts,
  type Demand,
} from "../../../db/demands.server";
import { getMatch, listMatchesForDemand, listMatchesOfSupplier } from "../../../db/matches.server";
import { chinaDay } from "../../domain/dates";
import { matchIsInvitation, supplierFitsDemand, supplierMaySeeDemand } from "../../domain/demand";
import { can, type Actor } from "../../domain/policy";

/** The demands list: an OEM's own; every OEM's for officials and admins. */
export async function listDemands(db: DB, actor: Actor) {
  return demandsNewestFirst(db, actor.organizationKind === "oem" ? { oemId: actor.organizationId } : { limit: 200 });
}

/** A demand by id, unchecked (after a write that made it). */
export async function demandById(db: DB, id: string): Promise<Demand | undefined> {
  return getDemand(db, id);
}

/** The choices of the demand form: the OEM's plants and the taxonomy. */
export async function demandFormOptions(db: DB, actor: Actor) {
  const [plants, categories] = await Promise.all([listPlantsOfOem(db, actor.organizationId), listCategories(db)]);
  return { plants, categories };
}

/**
 * A demand as the actor may read it, for the page and the API alike; null when there is no
 * such demand or the actor may not read it, and both answer 404, so that an id tells nobody
 * whether it exists. OEM users read their own OEM's demands, officials and administrators
 * every demand (the policy's `demand.read`); a supplier reads one it was invited to, or an
 * open demand for all that it fits (`supplierMaySeeDemand`).
 */
export async function readableDemand(db: DB, actor: Actor, id: string | undefined): Promise<Demand | null> {
  const parsed = z.uuid().safeParse(id);
  const demand = parsed.success ? await getDemand(db, parsed.data) : undefined;
  if (!demand || !can(actor, "demand.read", { organizationId: demand.oem_id })) return null;
  if (actor.organizationKind === "supplier" && !(await supplierMayRead(db, demand, actor.organizationId))) return null;
  return demand;
}

async function supplierMayRead(db: DB, demand: Demand, supplierId: string): Promise<boolean> {
  const facts = await supplierStandingFacts(db, demand.id, supplierId);
  return supplierMaySeeDemand(demand, {
    fits: supplierFitsDemand(demand, facts),
    invited: matchIsInvitation(facts.match),
  });
}

/**
 * A match and its demand, by the match's id, when the actor may know of it: the match's own
 * supplier, or a non-supplier that may read the demand (its OEM, officials). Null (404)
 * otherwise, absent or not, as for demands; what the actor may *do* is the route's policy check.
 */
export async function readableMatch(db: DB, actor: Actor, id: string | undefined) {
  const parsed = z.uuid().safeParse(id);
  const match = parsed.success ? await getMatch(db, parsed.data) : undefined;
  if (!match) return null;
  if (actor.organizationKind === "supplier" && match.supplier_id !== actor.organizationId) return null;
  const demand = await getDemand(db, match.demand_id);
  if (!demand) return null;
  if (actor.organizationKind !== "supplier" && !can(actor, "demand.read", { organizationId: demand.oem_id }))
    return null;
  return { match, demand };
}

/** The matches of a demand with their suppliers (buyers and officials). */
export async function demandMatchesList(db: DB, demand: Demand) {
  return listMatchesForDemand(db, demand.id);
}

/**
 * Open demands that fit the supplier (or that it was invited to), nearest first. A buyer's
 * shortlist is the OEM's private note: to the supplier a shortlisted demand has no match.
 */
export async function opportunitiesOf(db: DB, actor: Actor) {
  return (await opportunitiesForSupplier(db, actor.organizationId)).map((o) =>
    o.match_state === "shortlisted" ? { ...o, match_state: null, match_origin: null } : o,
  );
}

/** The supplier's opportunities as its page lists them (what the table shows, no more). */
export async function opportunitiesPage(db: DB, actor: Actor) {
  return (await opportunitiesOf(db, actor)).map((o) => ({
    id: o.id,
    part_name: o.part_name,
    category_code: o.category_code,
    oem_name_zh: o.oem_name_zh,
    oem_name_en: o.oem_name_en,
    plant_name_zh: o.plant_name_zh,
    plant_name_en: o.plant_name_en,
    distance_km: o.distance_km,
    response_deadline: o.response_deadline,
    match_state: o.match_state,
    match_origin: o.match_origin,
  }));
}

/** 我的配套项目: every match the supplier's organization takes part in, as its page lists them. */
export async function myMatchesPage(db: DB, actor: Actor) {
  return (await listMatchesOfSupplier(db, actor.organizationId)).map((m) => ({
    id: m.id,
    demand_id: m.demand_id,
    part_name: m.part_name,
    category_code: m.category_code,
    oem_name_zh: m.oem_name_zh,
    oem_name_en: m.oem_name_en,
    plant_name_zh: m.plant_name_zh,
    plant_name_en: m.plant_name_en,
    state: m.state,
    origin: m.origin,
    distance_km: m.distance_km,
    quote_fen: m.quote_fen,
    quote_note: m.quote_note,
    capacity: m.capacity,
    earliest_sop: m.earliest_sop,
    contract_fen: m.contract_fen,
    period_year: m.period_year,
    unit: m.unit,
    sop_date: m.sop_date,
    updated_day: chinaDay(m.updated_at),
  }));
}
