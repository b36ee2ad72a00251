import { json } from "@remix-run/node";
import type { z } from "zod";
import { DomainError } from "../../domain/errors";
import { pathsWithNul } from "../../domain/storable-text";

/** Parse query parameters strictly: 400 with field errors, never a 500. */
export function parseQuery<S extends z.ZodType>(request: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  refuseNul(params, "Some parameters are not valid.");
  const parsed = schema.safeParse(params);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? "_")] ??= issue.message;
    throw json({ error: "invalid_request", message: "Some parameters are not valid.", fields }, { status: 400 });
  }
  return parsed.data;
}

/** 400 naming each field whose text holds a NUL character (PostgreSQL cannot store it). */
function refuseNul(value: unknown, message: string) {
  const paths = pathsWithNul(value);
  if (paths.length) {
    const fields = Object.fromEntries(paths.map((p) => [p, "contains a NUL character"]));
    throw json({ error: "invalid_request", message, fields }, { status: 400 });
  }
}

export function apiNotFound(what: string): never {
  throw json({ error: "not_found", message: `No such ${what}.` }, { status: 404 });
}

export function apiInvalid(fields: Record<string, string>): never {
  throw json({ error: "invalid_request", message: "Some parameters are not valid.", fields }, { status: 400 });
}

/** Parse a JSON body strictly: 400 for malformed JSON or field errors, never a 500. */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw json({ error: "invalid_request", message: "The body must be JSON." }, { status: 400 });
  }
  refuseNul(body, "Some fields are not valid.");
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.join(".") || "_"] ??= issue.message;
    throw json({ error: "invalid_request", message: "Some fields are not valid.", fields }, { status: 400 });
  }
  return parsed.data;
}

/**
 * The one API error mapper: a DomainError (state machine, scope) becomes a 400/404 JSON
 * answer; `fields` renames a use case's field to the API's name.
 */
export function apiDomainError(err: DomainError, fields: Record<string, string> = {}): never {
  const notFound = err.code.endsWith("_not_found");
  const field = err.field ? (fields[err.field] ?? err.field) : undefined;
  throw json(
    {
      error: notFound ? "not_found" : "invalid_request",
      message: err.code.replace(/_/g, " "),
      ...(field ? { fields: { [field]: err.code } } : {}),
    },
    { status: notFound ? 404 : 400 },
  );
}

/** Run a use case for an API handler: its result, or the DomainError as a problem response. */
export async function apiCall<T>(run: () => Promise<T>, opts: { fields?: Record<string, string> } = {}): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof DomainError) apiDomainError(err, opts.fields);
    throw err;
  }
}

/** For API routes that only take POST: a clear 405 rather than Remix's 400. */
export function postOnly() {
  return json({ error: "method_not_allowed", message: "Use POST." }, { status: 405, headers: { Allow: "POST" } });
}
