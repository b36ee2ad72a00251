import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { apiCall, parseQuery } from "../features/api/respond.server";
import { depsOf } from "../features/deps.server";
import { entrantsJson } from "../features/policy/api-json.server";
import { entrantRule } from "../features/policy/config.server";
import { entrantsOf } from "../features/policy/entrants.server";
import { entrantsQuery } from "../features/policy/schemas";

/** GET /api/v1/ledger/entrants: new entrants into OEM supply chains in a year, with projects and rewards. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "dashboard.read");
  const q = parseQuery(request, entrantsQuery);
  return json(entrantsJson(await apiCall(() => entrantsOf(depsOf(context), actor, q, entrantRule(context)))));
}
