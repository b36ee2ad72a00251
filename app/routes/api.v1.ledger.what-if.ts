import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { apiCall, parseQuery } from "../features/api/respond.server";
import { depsOf } from "../features/deps.server";
import { whatIfForScope } from "../features/ledger/what-if.server";
import { whatIfJson } from "../features/policy/api-json.server";
import { whatIfQuery } from "../features/policy/schemas";

/** GET /api/v1/ledger/what-if: an amount or a set of open demands, answered moving and adding. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "dashboard.read");
  const q = parseQuery(request, whatIfQuery);
  const r = await apiCall(
    () => whatIfForScope(depsOf(context), actor, q, { minInside: context.thresholds.minInside }),
    { fields: { plant: "plant", demands: "demands" } },
  );
  return json(whatIfJson(r));
}
