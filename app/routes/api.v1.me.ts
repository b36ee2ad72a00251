import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { whoAmI } from "../features/accounts/reads.server";

/** GET /api/v1/me: who the token (or session) acts as. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "api.me");
  return json(await whoAmI(context.db, actor));
}
