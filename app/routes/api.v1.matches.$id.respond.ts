import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { apiMatchWithDemand, matchResultJson } from "../features/api/demands.server";
import { apiCall, apiNotFound, parseJsonBody, postOnly } from "../features/api/respond.server";
import { depsOf } from "../features/deps.server";
import { respondToMatch } from "../features/matching/match-actions.server";
import { matchRespond } from "../features/matching/schemas";

export const loader = postOnly;

/** POST /api/v1/matches/{id}/respond: the invited supplier answers (interest with a quote, or decline). */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { match, demand } = await apiMatchWithDemand(context, request, params.id);
  const actor = authorize(context, request, "match.respond", { organizationId: context.actor?.organizationId });
  if (match.supplier_id !== actor.organizationId) apiNotFound("match");
  const body = await parseJsonBody(request, matchRespond);
  const r = await apiCall(() => respondToMatch(depsOf(context), actor, { demandId: demand.id, response: body }));
  return json(matchResultJson(r));
}
