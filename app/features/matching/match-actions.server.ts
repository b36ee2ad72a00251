import { audit } from "../../../db/audit.server";
import { markDemandAwarded } from "../../../db/demands.server";
import { postMatchEntry } from "../../../db/ledger.server";
import {
  findDemandForMatch,
  insertMatch,
  insertMatchEvent,
  lockMatch,
  supplierSitePositions,
  updateMatch,
  type MatchUpdate,
} from "../../../db/matches.server";
import { notifyOrganization, notifyUser } from "../../../db/notifications.server";
import { awardPeriod } from "../../domain/award";
import { chinaDay } from "../../domain/dates";
import { DomainError } from "../../domain/errors";
import { haversineKm } from "../../domain/geo";
import { MATCH_AUDIT_ACTIONS, sideOf, transition } from "../../domain/match-state";
import type { MatchState } from "../../domain/vocabulary";
import type { ActorRef, WriteDeps } from "../demands/demands.server";
import type { MatchConfirm, MatchCreate, MatchRespond } from "./schemas";

/** The match of one demand and one supplier. */
export interface MatchTarget {
  demandId: string;
  supplierId: string;
}

export interface MatchActionResult {
  matchId: string;
  state: MatchState;
  /** A confirm that found the match already confirmed (a retry or a second click). */
  alreadyDone: boolean;
  ledgerPosted: boolean;
}

type Step =
  | { action: "shortlist" | "invite" | "withdraw" }
  | { action: "express_interest"; quoteFen: number; quoteNote: string }
  | { action: "decline"; reason: string }
  | { action: "confirm"; contract: MatchConfirm };

/**
 * The ledger period of a confirm: the year (and quarter) given, or else the quarter of the
 * demand's SOP (the quarter of today in China when the demand has no SOP).
 */
export function confirmPeriod(contract: MatchConfirm, sopDate: string | null, now = new Date()) {
  if (contract.year !== null) return { year: contract.year, quarter: contract.quarter ?? null };
  const p = awardPeriod(sopDate, chinaDay(now));
  return { year: p.year, quarter: p.quarter };
}

function changes(step: Step, to: MatchState, sopDate: string | null): MatchUpdate {
  switch (step.action) {
    case "express_interest":
      return { state: to, quoteFen: step.quoteFen, quoteNote: step.quoteNote };
    case "decline":
      return { state: to, declineReason: step.reason };
    case "confirm":
      return {
        state: to,
        contractFen: step.contract.amount_fen,
        contractVolume: step.contract.annual_volume,
        periodYear: confirmPeriod(step.contract, sopDate).year,
      };
    default:
      return { state: to };
  }
}

function auditDetail(
  step: Step,
  target: MatchTarget,
  from: MatchState | null,
  to: MatchState,
  sopDate: string | null,
): Record<string, unknown> {
  const base = { demand_id: target.demandId, supplier_id: target.supplierId, from, to };
  if (step.action === "express_interest") return { ...base, quote_fen: step.quoteFen };
  if (step.action === "confirm")
    return { ...base, amount_fen: step.contract.amount_fen, ...confirmPeriod(step.contract, sopDate) };
  return base;
}

/**
 * One step of the match of a demand and a supplier, in one transaction with the match row
 * locked: the state machine decides, the event and the audit row are recorded, the other
 * side is notified, a confirm posts the ledger entry. Scoped: buyers act only on their
 * OEM's demands, suppliers only on their own matches.
 */
async function step(deps: WriteDeps, actor: ActorRef, target: MatchTarget, s: Step): Promise<MatchActionResult> {
  const side = sideOf(s.action);
  return deps.db.transaction().execute(async (trx) => {
    const demand = await findDemandForMatch(
      trx,
      target.demandId,
      side === "buyer" ? { oemId: actor.organizationId } : {},
    );
    if (!demand) throw new DomainError("demand_not_found");
    const record = async (matchId: string, from: MatchState | null, to: MatchState) => {
      await insertMatchEvent(trx, { matchId, from, to, actorUserId: actor.userId });
      await audit(trx, {
        action: MATCH_AUDIT_ACTIONS[s.action],
        actorUserId: actor.userId,
        organizationId: actor.organizationId,
        subjectType: "match",
        subjectId: matchId,
        detail: auditDetail(s, target, from, to, demand.sop_date),
        ip: deps.ip,
      });
    };

    let match = await lockMatch(trx, demand.id, target.supplierId);
    if (!match && (s.action === "shortlist" || s.action === "invite")) {
      if (demand.status !== "open") throw new DomainError("demand_not_open");
      const sites = await supplierSitePositions(trx, target.supplierId);
      if (sites.length === 0) throw new DomainError("supplier_not_found", "supplier_id");
      const km = Math.min(...sites.map((site) => haversineKm(demand, site)));
      await insertMatch(trx, {
        demandId: demand.id,
        supplierId: target.supplierId,
        distanceKm: Math.round(km * 1000) / 1000,
        insideCircle: km <= demand.radius_km,
        createdBy: actor.userId,
      });
      match = await lockMatch(trx, demand.id, target.supplierId);
      if (!match) throw new DomainError("match_not_found");
      if (s.action === "shortlist") {
        await record(match.id, null, "shortlisted");
        return { matchId: match.id, state: match.state, alreadyDone: false, ledgerPosted: false };
      }
      // An invite goes on from the shortlisted row just made.
    }
    if (!match) throw new DomainError("match_not_found");
    if (s.action === "confirm" && match.state === "confirmed") {
      return { matchId: match.id, state: match.state, alreadyDone: true, ledgerPosted: false };
    }

    const to = transition(match.state, s.action, side);
    await updateMatch(trx, match.id, changes(s, to, demand.sop_date));
    await record(match.id, match.state, to);

    let ledgerPosted = false;
    const link = `/demands/${demand.id}`;
    if (s.action === "confirm") {
      const period = confirmPeriod(s.contract, demand.sop_date);
      ({ posted: ledgerPosted } = await postMatchEntry(trx, {
        matchId: match.id,
        supplierId: target.supplierId,
        oemId: demand.oem_id,
        plantId: demand.plant_id,
        categoryCode: demand.category_code,
        amountFen: s.contract.amount_fen,
        year: period.year,
        quarter: period.quarter,
        postedBy: actor.userId,
      }));
      if (ledgerPosted) {
        await audit(trx, {
          action: "ledger_posted",
          actorUserId: actor.userId,
          organizationId: actor.organizationId,
          subjectType: "match",
          subjectId: match.id,
          detail: { amount_fen: s.contract.amount_fen, year: period.year, quarter: period.quarter },
          ip: deps.ip,
        });
      }
      await markDemandAwarded(trx, demand.id);
      await notifyOrganization(trx, target.supplierId, { kind: "match_confirmed", title: demand.part_name, link });
    }
    if (s.action === "invite")
      await notifyOrganization(trx, target.supplierId, { kind: "invited", title: demand.part_name, link });
    if ((s.action === "express_interest" || s.action === "decline") && demand.created_by) {
      await notifyUser(trx, demand.created_by, {
        kind: s.action === "decline" ? "supplier_declined" : "supplier_interested",
        title: demand.part_name,
        link,
      });
    }
    return { matchId: match.id, state: to, alreadyDone: false, ledgerPosted };
  });
}

/** The buyer shortlists a supplier for one of the OEM's demands. */
export async function shortlistMatch(
  deps: WriteDeps,
  actor: ActorRef,
  target: MatchTarget,
): Promise<MatchActionResult> {
  return step(deps, actor, target, { action: "shortlist" });
}

/** The buyer invites a supplier (new, or shortlisted) to answer one of the OEM's demands. */
export async function inviteMatch(deps: WriteDeps, actor: ActorRef, target: MatchTarget): Promise<MatchActionResult> {
  return step(deps, actor, target, { action: "invite" });
}

/** POST /api/v1/demands/{id}/matches: shortlist or invite, as the body says. */
export async function createMatch(
  deps: WriteDeps,
  actor: ActorRef,
  input: { demandId: string } & MatchCreate,
): Promise<MatchActionResult> {
  const target = { demandId: input.demandId, supplierId: input.supplier_id };
  return input.action === "shortlist" ? shortlistMatch(deps, actor, target) : inviteMatch(deps, actor, target);
}

/** The invited supplier answers for its own organization: interest with a quote, or a decline. */
export async function respondToMatch(
  deps: WriteDeps,
  actor: ActorRef,
  input: { demandId: string; response: MatchRespond },
): Promise<MatchActionResult> {
  const target = { demandId: input.demandId, supplierId: actor.organizationId };
  const r = input.response;
  return step(
    deps,
    actor,
    target,
    r.action === "express_interest"
      ? { action: "express_interest", quoteFen: r.quote_fen, quoteNote: r.quote_note }
      : { action: "decline", reason: r.reason },
  );
}

/** 定点: the buyer confirms an interested supplier; the ledger entry is posted exactly once. */
export async function confirmMatch(
  deps: WriteDeps,
  actor: ActorRef,
  input: MatchTarget & { contract: MatchConfirm },
): Promise<MatchActionResult> {
  return step(deps, actor, input, { action: "confirm", contract: input.contract });
}

/** The buyer withdraws a match that is not yet answered for good. */
export async function withdrawMatch(deps: WriteDeps, actor: ActorRef, target: MatchTarget): Promise<MatchActionResult> {
  return step(deps, actor, target, { action: "withdraw" });
}
