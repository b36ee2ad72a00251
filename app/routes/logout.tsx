import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { audit } from "../../db/audit.server";
import { invalidateSession } from "../../db/sessions.server";
import { authorize } from "../auth/guard.server";
import { clearSessionCookie, cookieIsSecure } from "../auth/cookie.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "account.signOut");
  if (actor.sessionId) await invalidateSession(context.db, actor.sessionId);
  await audit(context.db, { action: "sign_out", actorUserId: actor.userId, organizationId: actor.organizationId, ip: context.clientIp });
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie(cookieIsSecure(request)) } });
}

export function loader() {
  return redirect("/");
}
