import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { matchResultJson } from "../features/api/demands.server";
import { apiCall, parseJsonBody, postOnly } from "../features/api/respond.server";
import { depsOf } from "../features/deps.server";
import { nominateSelf } from "../features/matching/nominate.server";
import { matchNominate } from "../features/matching/schemas";

export const loader = postOnly;

/**
 * POST /api/v1/opportunities/{id}/nominate: 自荐, the supplier answers an open demand that
 * fits it without being invited (404 for a demand it may not answer, whether it exists or not).
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "match.respond", { organizationId: context.actor?.organizationId });
  const body = await parseJsonBody(request, matchNominate);
  const r = await apiCall(() => nominateSelf(depsOf(context), actor, { demandId: params.id ?? "", nomination: body }));
  return json(matchResultJson(r), { status: 201 });
}
