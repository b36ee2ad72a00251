import { haversineKm } from "../app/domain/geo";
import { nextState, TransitionError, type MatchAction, type MatchSide } from "../app/domain/match-state";
import type { DB } from "./connection.server";
import { postMatchEntry } from "./ledger.server";
import { notifyOrganization, notifyUser } from "./notifications.server";
import { DomainError } from "../app/domain/errors";

export interface MatchActionInput {
  demandId: string;
  /** For buyer actions on a supplier without a match yet (shortlist, invite). */
  supplierId?: string;
  action: MatchAction;
  side: MatchSide;
  actor: { userId: string | null; organizationId: string };
  quoteFen?: number;
  quoteNote?: string;
  declineReason?: string;
  contract?: { amountFen: number; volume: number | null; year: number };
}

export interface MatchActionResult {
  matchId: string;
  state: string;
  /** A confirm that found the match already confirmed (a retry or a second click). */
  alreadyDone: boolean;
  ledgerPosted: boolean;
}

/**
 * Apply one action to the match of a demand and a supplier, in one transaction with the
 * match row locked: the state machine decides, the event is recorded, a confirm posts the
 * ledger entry. Scoped: buyers act only on their OEM's demands, suppliers only on their
 * own matches.
 */
export async function applyMatchAction(db: DB, input: MatchActionInput): Promise<MatchActionResult> {
  return db.transaction().execute(async (trx) => {
    const demand = await trx.selectFrom("demands as d").innerJoin("plants as p", "p.id", "d.plant_id")
      .select(["d.id", "d.oem_id", "d.plant_id", "d.category_code", "d.radius_km", "d.status", "d.part_name", "d.created_by", "p.lat", "p.lng"])
      .where("d.id", "=", input.demandId)
      .executeTakeFirst();
    if (!demand) throw new DomainError("demand_not_found");
    const supplierId = input.side === "supplier" ? input.actor.organizationId : input.supplierId;
    if (input.side === "buyer" && demand.oem_id !== input.actor.organizationId) throw new DomainError("demand_not_found");
    if (!supplierId) throw new DomainError("supplier_required", "supplierId");

    let match = await trx.selectFrom("matches").selectAll().where("demand_id", "=", demand.id).where("supplier_id", "=", supplierId).forUpdate().executeTakeFirst();
    if (!match && input.side === "buyer" && (input.action === "shortlist" || input.action === "invite")) {
      if (demand.status !== "open") throw new DomainError("demand_not_open");
      const sites = await trx.selectFrom("supplier_sites as s").innerJoin("organizations as o", "o.id", "s.supplier_id")
        .select(["s.lat", "s.lng"]).where("s.supplier_id", "=", supplierId).where("o.kind", "=", "supplier").execute();
      if (sites.length === 0) throw new DomainError("supplier_not_found", "supplierId");
      const km = Math.min(...sites.map((s) => haversineKm(demand, s)));
      await trx.insertInto("matches")
        .values({ demand_id: demand.id, supplier_id: supplierId, state: "shortlisted", distance_km: Math.round(km * 1000) / 1000, inside_circle: km <= demand.radius_km, created_by: input.actor.userId })
        .onConflict((oc) => oc.columns(["demand_id", "supplier_id"]).doNothing())
        .execute();
      match = await trx.selectFrom("matches").selectAll().where("demand_id", "=", demand.id).where("supplier_id", "=", supplierId).forUpdate().executeTakeFirstOrThrow();
      if (input.action === "shortlist") {
        await trx.insertInto("match_events").values({ match_id: match.id, from_state: null, to_state: "shortlisted", actor_user_id: input.actor.userId }).execute();
        return { matchId: match.id, state: match.state, alreadyDone: false, ledgerPosted: false };
      }
    }
    if (!match) throw new DomainError("match_not_found");
    if (input.action === "confirm" && match.state === "confirmed") {
      return { matchId: match.id, state: match.state, alreadyDone: true, ledgerPosted: false };
    }

    let to;
    try {
      to = nextState(match.state, input.action, input.side);
    } catch (err) {
      if (err instanceof TransitionError) throw new DomainError(`transition_${err.reason}`);
      throw err;
    }
    const changes: Record<string, unknown> = { state: to, updated_at: new Date() };
    if (input.action === "express_interest") {
      if (input.quoteFen === undefined) throw new DomainError("quote_required", "quoteFen");
      Object.assign(changes, { quote_fen: input.quoteFen, quote_note: input.quoteNote ?? "" });
    }
    if (input.action === "decline") changes.decline_reason = input.declineReason ?? "";
    if (input.action === "confirm") {
      if (!input.contract) throw new DomainError("contract_required", "amountFen");
      Object.assign(changes, { contract_fen: input.contract.amountFen, contract_volume: input.contract.volume, period_year: input.contract.year });
    }
    await trx.updateTable("matches").set(changes).where("id", "=", match.id).execute();
    await trx.insertInto("match_events").values({ match_id: match.id, from_state: match.state, to_state: to, actor_user_id: input.actor.userId }).execute();

    let ledgerPosted = false;
    const link = `/demands/${demand.id}`;
    if (input.action === "confirm") {
      ({ posted: ledgerPosted } = await postMatchEntry(trx, {
        matchId: match.id, supplierId, oemId: demand.oem_id, plantId: demand.plant_id, categoryCode: demand.category_code,
        amountFen: input.contract!.amountFen, year: input.contract!.year, postedBy: input.actor.userId,
      }));
      await trx.updateTable("demands").set({ status: "awarded", updated_at: new Date() }).where("id", "=", demand.id).where("status", "=", "open").execute();
      await notifyOrganization(trx, supplierId, { kind: "match_confirmed", title: demand.part_name, link });
    }
    if (input.action === "invite") await notifyOrganization(trx, supplierId, { kind: "invited", title: demand.part_name, link });
    if ((input.action === "express_interest" || input.action === "decline") && demand.created_by) {
      await notifyUser(trx, demand.created_by, { kind: input.action === "decline" ? "supplier_declined" : "supplier_interested", title: demand.part_name, link });
    }
    return { matchId: match.id, state: to, alreadyDone: false, ledgerPosted };
  });
}

/** The matches of a demand with their suppliers (the buyer's view). */
export async function listMatchesForDemand(db: DB, demandId: string) {
  return db
    .selectFrom("matches as m")
    .innerJoin("organizations as o", "o.id", "m.supplier_id")
    .select(["m.id", "m.supplier_id", "m.state", "m.distance_km", "m.inside_circle", "m.quote_fen", "m.quote_note", "m.decline_reason", "m.contract_fen", "m.contract_volume", "m.period_year", "m.updated_at", "o.name_zh", "o.name_en", "o.verification_status"])
    .where("m.demand_id", "=", demandId)
    .orderBy("m.distance_km")
    .execute();
}

export async function getMatch(db: DB, matchId: string) {
  return db.selectFrom("matches").selectAll().where("id", "=", matchId).executeTakeFirst();
}

export async function getMatchFor(db: DB, demandId: string, supplierId: string) {
  return db.selectFrom("matches").selectAll().where("demand_id", "=", demandId).where("supplier_id", "=", supplierId).executeTakeFirst();
}
