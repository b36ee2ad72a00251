import { audit } from "../../../db/audit.server";
import { supplierStandingFacts } from "../../../db/demands.server";
import {
  findDemandForMatch,
  insertMatchEvent,
  insertNominatedMatch,
  lockMatch,
  nominateExistingMatch,
  type Nomination,
} from "../../../db/matches.server";
import { notifyOrganization } from "../../../db/notifications.server";
import { supplierFitsDemand } from "../../domain/demand";
import { DomainError } from "../../domain/errors";
import { haversineKm } from "../../domain/geo";
import { MATCH_AUDIT_ACTIONS, transition } from "../../domain/match-state";
import type { ActorRef, WriteDeps } from "../demands/demands.server";
import type { MatchActionResult } from "./match-actions.server";
import type { MatchNominate } from "./schemas";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * 自荐: a supplier answers an open demand it was not invited to, for its own organization,
 * with a quote, its capacity and its earliest SOP. Only a demand the supplier may read as an
 * opportunity (open to all, open, its category, a site inside the circle: the rule of
 * `supplierMaySeeDemand`) can be answered; any other is `demand_not_found`, whether it
 * exists or not. A second nomination, or one on a match the supplier already has (invited,
 * declined, …), is `already_nominated`. One transaction: the match (origin "supplier",
 * interested), its event, the audit row and the OEM's notifications.
 */
export async function nominateSelf(
  deps: WriteDeps,
  actor: ActorRef,
  input: { demandId: string; nomination: MatchNominate },
): Promise<MatchActionResult> {
  const supplierId = actor.organizationId;
  const n = input.nomination;
  const nomination: Nomination = {
    quoteFen: n.quote_fen,
    quoteNote: n.quote_note,
    capacity: n.capacity,
    earliestSop: n.earliest_sop,
  };
  if (!UUID.test(input.demandId)) throw new DomainError("demand_not_found");
  return deps.db.transaction().execute(async (trx) => {
    const demand = await findDemandForMatch(trx, input.demandId);
    if (!demand) throw new DomainError("demand_not_found");
    const facts = await supplierStandingFacts(trx, demand.id, supplierId);
    if (demand.visibility !== "all" || !supplierFitsDemand(demand, facts)) throw new DomainError("demand_not_found");
    if (demand.status !== "open") throw new DomainError("demand_not_open");

    const match = await lockMatch(trx, demand.id, supplierId);
    const from = match?.state ?? null;
    let matchId: string;
    if (!match) {
      const km = Math.min(...facts.sites.map((site) => haversineKm(demand, site)));
      const id = await insertNominatedMatch(trx, {
        demandId: demand.id,
        supplierId,
        distanceKm: Math.round(km * 1000) / 1000,
        insideCircle: km <= demand.radius_km,
        createdBy: actor.userId,
        ...nomination,
      });
      // A concurrent nomination of the same pair won the insert.
      if (!id) throw new DomainError("already_nominated");
      matchId = id;
    } else {
      if (match.state !== "shortlisted") throw new DomainError("already_nominated");
      await nominateExistingMatch(trx, match.id, transition(from, "nominate", "supplier"), nomination);
      matchId = match.id;
    }

    await insertMatchEvent(trx, { matchId, from, to: "interested", actorUserId: actor.userId });
    await audit(trx, {
      action: MATCH_AUDIT_ACTIONS.nominate,
      actorUserId: actor.userId,
      organizationId: supplierId,
      subjectType: "match",
      subjectId: matchId,
      detail: {
        demand_id: demand.id,
        supplier_id: supplierId,
        from,
        to: "interested",
        quote_fen: n.quote_fen,
        capacity: n.capacity,
        earliest_sop: n.earliest_sop,
      },
      ip: deps.ip,
    });
    // The buyers of the OEM learn of it (not only the demand's author, who may have left).
    await notifyOrganization(trx, demand.oem_id, {
      kind: "supplier_nominated",
      title: demand.part_name,
      link: `/demands/${demand.id}`,
    });
    return { matchId, state: "interested", alreadyDone: false, ledgerPosted: false };
  });
}
