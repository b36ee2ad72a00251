import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { opportunityJson } from "../features/api/demands.server";
import { opportunitiesOf } from "../features/demands/reads.server";

/** GET /api/v1/opportunities: open demands that fit the supplier, nearest first. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "opportunities.read");
  return json({ opportunities: (await opportunitiesOf(context.db, actor)).map(opportunityJson) });
}
