import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { demandJson } from "../features/api/demands.server";
import { apiCall, parseJsonBody, postOnly } from "../features/api/respond.server";
import { postDemand } from "../features/demands/demands.server";
import { demandById } from "../features/demands/reads.server";
import { demandCreate } from "../features/demands/schemas";
import { depsOf } from "../features/deps.server";

export const loader = postOnly;

/** POST /api/v1/demands: post a demand at one of the organization's plants. */
export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== "POST") return json({ error: "method_not_allowed", message: "Use POST." }, { status: 405 });
  const actor = authorize(context, request, "demand.create");
  const body = await parseJsonBody(request, demandCreate);
  const { id } = await apiCall(() => postDemand(depsOf(context), actor, body));
  return json(demandJson((await demandById(context.db, id))!), {
    status: 201,
    headers: { Location: `/api/v1/demands/${id}` },
  });
}
