import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { langCookie } from "../lib/lang.server";

const schema = z.object({
  lang: z.enum(["zh", "en"]),
  // Only a local path, never another origin.
  redirectTo: z
    .string()
    .max(2000)
    .regex(/^\/(?!\/)/)
    .catch("/"),
});

export async function action({ request }: ActionFunctionArgs) {
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return new Response("lang must be zh or en", { status: 400 });
  return redirect(parsed.data.redirectTo, {
    headers: { "Set-Cookie": await langCookie.serialize(parsed.data.lang) },
  });
}

export function loader() {
  return redirect("/");
}
