import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { applyMatchAction } from "../../db/matches.server";
import { DomainError } from "../domain/errors";
import { matchWithDemand } from "../features/api/demands.server";
import { apiDomainError, apiNotFound, parseJsonBody, postOnly } from "../features/api/respond.server";
import { matchRespond } from "../features/matching/schemas";
import { authorize } from "../auth/guard.server";

export const loader = postOnly;

/** POST /api/v1/matches/{id}/respond: the invited supplier answers (interest with a quote, or decline). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { match, demand } = await matchWithDemand(context, params.id);
  const actor = authorize(context, request, "match.respond", { organizationId: context.actor?.organizationId });
  if (match.supplier_id !== actor.organizationId) apiNotFound("match");
  const body = await parseJsonBody(request, matchRespond);
  try {
    const r = await applyMatchAction(context.db, body.action === "express_interest"
      ? { demandId: demand.id, action: "express_interest", side: "supplier", actor: { userId: actor.userId, organizationId: actor.organizationId }, quoteFen: body.quote_fen, quoteNote: body.quote_note }
      : { demandId: demand.id, action: "decline", side: "supplier", actor: { userId: actor.userId, organizationId: actor.organizationId }, declineReason: body.reason });
    return json({ match_id: r.matchId, state: r.state, already_done: r.alreadyDone, ledger_posted: r.ledgerPosted });
  } catch (err) {
    if (err instanceof DomainError) apiDomainError(err);
    throw err;
  }
}
