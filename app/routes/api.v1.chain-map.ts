import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { apiCall, parseQuery } from "../features/api/respond.server";
import { chainMapJson } from "../features/chain/chain-api.server";
import { chainQuery } from "../features/chain/schemas";
import { depsOf } from "../features/deps.server";

/** GET /api/v1/chain-map: the chain map (categories × plants or OEMs) for a year and basis. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "dashboard.read");
  const q = parseQuery(request, chainQuery);
  return json(await apiCall(() => chainMapJson(depsOf(context), actor, q)));
}
