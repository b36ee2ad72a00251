import { json } from "@remix-run/node";
import type { z } from "zod";

/** Parse query parameters strictly: 400 with field errors, never a 500. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "_")] ??= issue.message;
    throw json({ error: "invalid_request", message: "Some parameters are not valid.", fields }, { status: 400 });
  }
  return parsed.data;
}

export function apiNotFound(what: string): never {
  throw json({ error: "not_found", message: `No such ${what}.` }, { status: 404 });
}

export function apiInvalid(fields: Record<string, string>): never {
  throw json({ error: "invalid_request", message: "Some parameters are not valid.", fields }, { status: 400 });
}
