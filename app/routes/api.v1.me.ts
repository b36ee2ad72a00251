import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { authorize } from "../auth/guard.server";

/** GET /api/v1/me: who the token (or session) acts as. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = authorize(context, request, "api.me");
  const org = await context.db
    .selectFrom("organizations")
    .select(["id", "kind", "name_zh", "name_en", "verification_status"])
    .where("id", "=", actor.organizationId)
    .executeTakeFirstOrThrow();
  return json({ organization: org, role: actor.role, via: actor.via });
}
