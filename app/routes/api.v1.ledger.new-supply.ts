import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { apiCall, parseQuery } from "../features/api/respond.server";
import { depsOf } from "../features/deps.server";
import { newSupplyJson } from "../features/policy/api-json.server";
import { newSupply } from "../features/policy/new-supply.server";
import { newSupplyQuery } from "../features/policy/schemas";

/** GET /api/v1/ledger/new-supply: 新增省内配套额 per OEM and plant for a year, both bases. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "dashboard.read");
  const q = parseQuery(request, newSupplyQuery);
  return json(newSupplyJson(await apiCall(() => newSupply(depsOf(context), actor, q))));
}
