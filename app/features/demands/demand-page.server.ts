import type { Demand } from "../../../db/demands.server";
import { getMatchFor, listMatchesForDemand } from "../../../db/matches.server";
import { can, type Actor } from "../../domain/policy";
import type { Deps } from "../deps.server";
import { whatIfAwardedLocally } from "../ledger/what-if.server";
import { awardPreview } from "../matching/award.server";
import { rankDemandOrDown, type RankedSupplier } from "../matching/ranking.server";

// The demand page's data, one view per role: what the page shows that role and nothing
// more, since a page's data request (`?_data=routes/demands.$id`) hands the loader's whole
// answer to anyone who may open the page. Quotes, quote notes and contracts are for the
// demand's own OEM; officials see who is matched and how far it got; a supplier sees the
// demand and the state of its own match. Internal ids (the OEM's, the plant's, the buyer's
// user) stay on the server.

/** The demand as the page shows it to everyone who may read it. */
export function demandView(d: Demand) {
  return {
    id: d.id,
    status: d.status,
    part_name: d.part_name,
    oem_name_zh: d.oem_name_zh,
    oem_name_en: d.oem_name_en,
    plant_name_zh: d.plant_name_zh,
    plant_name_en: d.plant_name_en,
    category_code: d.category_code,
    category_name_zh: d.category_name_zh,
    category_name_en: d.category_name_en,
    radius_km: d.radius_km,
    annual_volume: d.annual_volume,
    unit: d.unit,
    sop_date: d.sop_date,
    response_deadline: d.response_deadline,
    required_certs: d.required_certs,
    spec: d.spec,
  };
}

type MatchRow = Awaited<ReturnType<typeof listMatchesForDemand>>[number];

/** A match in the buyer's table: supplier, distance, state, the quote and the contract. */
function buyerMatchView(m: MatchRow) {
  return {
    id: m.id,
    supplier_id: m.supplier_id,
    name_zh: m.name_zh,
    name_en: m.name_en,
    distance_km: m.distance_km,
    inside_circle: m.inside_circle,
    verification_status: m.verification_status,
    state: m.state,
    origin: m.origin,
    quote_fen: m.quote_fen,
    quote_note: m.quote_note,
    capacity: m.capacity,
    earliest_sop: m.earliest_sop,
    contract_fen: m.contract_fen,
    period_year: m.period_year,
  };
}

/** A match as officials see it: who, and how far it got (no quotes, notes or reasons). */
function officialMatchView(m: MatchRow) {
  return { name_zh: m.name_zh, name_en: m.name_en, state: m.state };
}

/** A ranked supplier as a row of the buyer's ranking shows it. */
function rankedView(h: RankedSupplier) {
  return {
    supplier_id: h.supplier_id,
    name_zh: h.name_zh,
    name_en: h.name_en,
    is_sample: h.is_sample,
    site_status: h.site_status,
    distance_km: h.distance_km,
    location_precision: h.location_precision,
    precision_km: h.precision_km,
    inside_circle: h.inside_circle,
    verification_status: h.verification_status,
    reasons: h.reasons,
  };
}

export type RankedRow = ReturnType<typeof rankedView>;

export interface DemandPageOptions {
  /** The ranking's length: the 20 nearest first, up to 100 on "show more". */
  limit: number;
  /** Rows the ranking needs inside the circle before it lists the nearest outside. */
  minInside: number;
  /** The buyer's what-if value in fen (null: none asked). */
  whatIfFen: number | null;
  /** The supplier whose award (定点) the buyer is about to confirm (null: none). */
  awardSupplierId?: string | null;
}

/**
 * The page's data for an actor that may read the demand (`readableDemand`): the demand,
 * and the one section of the actor's role: `buyer` (the demand's OEM), `supplier`, or
 * `official` (officials and administrators); the others are null.
 */
export async function demandPage(
  deps: Pick<Deps, "db" | "search">,
  actor: Actor,
  demand: Demand,
  opts: DemandPageOptions,
) {
  const isBuyer = can(actor, "demand.manage", { organizationId: demand.oem_id });
  const isSupplier = actor.organizationKind === "supplier";
  return {
    demand: demandView(demand),
    buyer: isBuyer ? await buyerSection(deps, actor, demand, opts) : null,
    supplier: isSupplier ? await supplierSection(deps, actor, demand) : null,
    official: !isBuyer && !isSupplier ? await officialSection(deps, demand) : null,
  };
}

async function buyerSection(deps: Pick<Deps, "db" | "search">, actor: Actor, demand: Demand, opts: DemandPageOptions) {
  const [ranking, matches, whatIf, award] = await Promise.all([
    rankDemandOrDown(deps.search, demand, opts.minInside, opts.limit),
    listMatchesForDemand(deps.db, demand.id),
    // The OEM's rate this year if the demand were awarded locally at the value the buyer enters.
    opts.whatIfFen !== null && opts.whatIfFen > 0
      ? whatIfAwardedLocally(deps.db, demand.oem_id, opts.whatIfFen, new Date().getFullYear())
      : null,
    opts.awardSupplierId ? awardPreview(deps.db, actor, demand, opts.awardSupplierId) : null,
  ]);
  return {
    ranking: ranking ? { inside: ranking.inside.map(rankedView), outside: ranking.outside.map(rankedView) } : null,
    searchDown: !ranking,
    matches: matches.map(buyerMatchView),
    whatIf,
    /** The award being confirmed; `awardAsked` without it: that supplier cannot be awarded now. */
    award,
    awardAsked: Boolean(opts.awardSupplierId),
  };
}

/**
 * The supplier's own match (its state, its quote, the award) and whether it may nominate
 * itself: an open demand it reads without a match of its own (it fits the demand, or it
 * could not read it), or one the buyer merely shortlisted.
 */
async function supplierSection(deps: Pick<Deps, "db">, actor: Actor, demand: Demand) {
  const own = await getMatchFor(deps.db, demand.id, actor.organizationId);
  const canNominate = demand.status === "open" && demand.visibility === "all" && (!own || own.state === "shortlisted");
  return {
    myMatch:
      own && own.state !== "shortlisted"
        ? {
            state: own.state,
            origin: own.origin,
            quote_fen: own.quote_fen,
            quote_note: own.quote_note,
            capacity: own.capacity,
            earliest_sop: own.earliest_sop,
            contract_fen: own.contract_fen,
            period_year: own.period_year,
          }
        : null,
    canNominate,
  };
}

async function officialSection(deps: Pick<Deps, "db">, demand: Demand) {
  return { matches: (await listMatchesForDemand(deps.db, demand.id)).map(officialMatchView) };
}
