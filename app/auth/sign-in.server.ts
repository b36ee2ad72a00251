import { redirect, type AppLoadContext } from "@remix-run/node";
import { createSession } from "../../db/sessions.server";
import { cookieIsSecure, sessionCookie } from "./cookie.server";

/** Start a session for a user and redirect with its cookie. */
export async function signInAndRedirect(context: AppLoadContext, request: Request, userId: string, to: string) {
  const now = new Date();
  const { token, session } = await createSession(context.db, userId, now, context.sessionLifetime);
  return redirect(to, {
    headers: { "Set-Cookie": sessionCookie(token, cookieIsSecure(request), { at: session.expiresAt, now }) },
  });
}
