import { json, redirect, type AppLoadContext } from "@remix-run/node";
import { can, type Action, type Actor, type Resource } from "../domain/policy";

/** The signed-in actor, or a redirect to sign-in that comes back here afterwards. */
export function requireActor(context: AppLoadContext, request: Request): Actor {
  if (context.actor) return context.actor;
  const url = new URL(request.url);
  if (url.pathname.startsWith("/api/")) {
    throw json(
      { error: "unauthorized", message: "Send a valid API token as `Authorization: Bearer <token>`." },
      { status: 401 },
    );
  }
  throw redirect(`/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** Every loader and action goes through here: signed in, and allowed by the policy. */
export function authorize(context: AppLoadContext, request: Request, action: Action, resource?: Resource): Actor {
  const actor = requireActor(context, request);
  if (!can(actor, action, resource)) {
    if (new URL(request.url).pathname.startsWith("/api/")) {
      throw json({ error: "forbidden", message: `This organization may not ${action}.` }, { status: 403 });
    }
    throw new Response("Forbidden", { status: 403 });
  }
  return actor;
}
