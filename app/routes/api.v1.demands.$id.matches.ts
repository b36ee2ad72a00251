import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { apiReadableDemand, matchJson, matchResultJson, rankedJson } from "../features/api/demands.server";
import { apiCall, parseJsonBody } from "../features/api/respond.server";
import { demandMatchesList } from "../features/demands/reads.server";
import { depsOf } from "../features/deps.server";
import { createMatch } from "../features/matching/match-actions.server";
import { rankDemandOrDown } from "../features/matching/ranking.server";
import { matchCreate } from "../features/matching/schemas";

/** GET /api/v1/demands/{id}/matches: the ranking (buyers of the demand's OEM) and the matches. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { demand } = await apiReadableDemand(context, request, params.id);
  authorize(context, request, "demand.manage", { organizationId: demand.oem_id });
  const ranking = await rankDemandOrDown(context.search, demand, context.thresholds.minInside);
  if (!ranking)
    return json({ error: "search_unavailable", message: "Search is down; try again shortly." }, { status: 503 });
  const matches = await demandMatchesList(context.db, demand);
  return json({
    inside: ranking.inside.map(rankedJson),
    outside: ranking.outside.map(rankedJson),
    matches: matches.map(matchJson),
  });
}

/** POST /api/v1/demands/{id}/matches: shortlist or invite a supplier. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { demand } = await apiReadableDemand(context, request, params.id);
  const actor = authorize(context, request, "demand.manage", { organizationId: demand.oem_id });
  const body = await parseJsonBody(request, matchCreate);
  const r = await apiCall(() => createMatch(depsOf(context), actor, { demandId: demand.id, ...body }));
  return json(matchResultJson(r), { status: 201 });
}
