import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { clearSessionCookie, cookieIsSecure } from "../auth/cookie.server";
import { signOut } from "../features/accounts/sessions.server";
import { depsOf } from "../features/deps.server";

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = authorize(context, request, "account.signOut");
  await signOut(depsOf(context), actor);
  return redirect("/", { headers: { "Set-Cookie": clearSessionCookie(cookieIsSecure(request)) } });
}

export function loader() {
  return redirect("/");
}
