import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { apiMatchWithDemand, matchResultJson } from "../features/api/demands.server";
import { apiCall, parseJsonBody, postOnly } from "../features/api/respond.server";
import { depsOf } from "../features/deps.server";
import { confirmMatch } from "../features/matching/match-actions.server";
import { matchConfirm } from "../features/matching/schemas";

export const loader = postOnly;

/** POST /api/v1/matches/{id}/confirm: 定点, with the contract value in fen; posts the ledger entry once. */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const { match, demand } = await apiMatchWithDemand(context, request, params.id);
  const actor = authorize(context, request, "demand.manage", { organizationId: demand.oem_id });
  const body = await parseJsonBody(request, matchConfirm);
  const r = await apiCall(() =>
    confirmMatch(depsOf(context), actor, { demandId: demand.id, supplierId: match.supplier_id, contract: body }),
  );
  return json(matchResultJson(r));
}
