import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { audit } from "../../db/audit.server";
import { applyMatchAction } from "../../db/matches.server";
import { DomainError } from "../domain/errors";
import { matchWithDemand } from "../features/api/demands.server";
import { apiDomainError, parseJsonBody, postOnly } from "../features/api/respond.server";
import { matchConfirm } from "../features/matching/schemas";
import { authorize } from "../auth/guard.server";

export const loader = postOnly;

/** POST /api/v1/matches/{id}/confirm: 定点, with the contract value in fen; posts the ledger entry once. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { match, demand } = await matchWithDemand(context, params.id);
  const actor = authorize(context, request, "demand.manage", { organizationId: demand.oem_id });
  const body = await parseJsonBody(request, matchConfirm);
  try {
    const r = await applyMatchAction(context.db, {
      demandId: demand.id, supplierId: match.supplier_id, action: "confirm", side: "buyer",
      actor: { userId: actor.userId, organizationId: actor.organizationId },
      contract: { amountFen: body.amount_fen, volume: body.annual_volume, year: body.year },
    });
    if (r.ledgerPosted) {
      await audit(context.db, { action: "ledger_posted", actorUserId: actor.userId, organizationId: actor.organizationId, subjectType: "match", subjectId: r.matchId, detail: { amount_fen: body.amount_fen, year: body.year }, ip: context.clientIp });
    }
    return json({ match_id: r.matchId, state: r.state, already_done: r.alreadyDone, ledger_posted: r.ledgerPosted });
  } catch (err) {
    if (err instanceof DomainError) apiDomainError(err);
    throw err;
  }
}
