import { json } from "@remix-run/node";
import type { z } from "zod";
import { DomainError } from "../domain/errors";
import { pathsWithNul } from "../domain/storable-text";
import type { MessageKey } from "./i18n";

/** Field name → message key; `_form` holds an error that belongs to the whole form. */
export type FieldErrors = Record<string, MessageKey>;
/** The submitted values to put back in the form (never passwords). */
export type FormValues = Record<string, string | string[]>;
/** The one shape of a refused form submission. */
export type FormFailure = { ok: false; errors: FieldErrors; values: FormValues };

const MESSAGE_PREFIX = "form.";

/** The message key of one zod issue: a schema's own `form.*` message, or a generic one. */
function issueMessage(issue: z.core.$ZodIssue): MessageKey {
  if (issue.message.startsWith(MESSAGE_PREFIX)) return issue.message as MessageKey;
  if (issue.code === "too_big") return "form.tooLong";
  if (issue.code === "invalid_type" && issue.input === undefined) return "form.required";
  return "form.invalid";
}

/**
 * First issue per field, as message keys. `fieldName` turns an issue's path into the
 * form's field name (default: the path's first segment; nested forms join it).
 */
export function fieldErrors(
  error: z.ZodError,
  fieldName: (path: PropertyKey[]) => string = (p) => String(p[0] ?? "_form"),
): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = fieldName(issue.path) || "_form";
    out[field] ??= issueMessage(issue);
  }
  return out;
}

/** A submitted form's string values; `arrays` names the fields that repeat (checkboxes, multi-selects). */
export function formValues(form: FormData, arrays: readonly string[] = []): FormValues {
  const values: FormValues = {};
  for (const key of new Set(form.keys())) {
    const all = form.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = arrays.includes(key) ? all : (all[0] ?? "");
  }
  return values;
}

/** The values safe to send back to the browser: no passwords, nothing overlong. */
export function echoValues(values: FormValues): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(values)) {
    if (/password/i.test(k)) continue;
    out[k] = Array.isArray(v) ? v.map((s) => s.slice(0, 500)) : v.slice(0, 500);
  }
  return out;
}

/** The request's form data, or null when the body is not a form. */
export async function readForm(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

export type FormResult<T> = { ok: true; data: T; values: FormValues } | FormFailure;

/** Parse a submitted form with a zod schema; never throws on bad input. */
export async function parseForm<S extends z.ZodType>(
  request: Request,
  schema: S,
  opts: { arrays?: readonly string[] } = {},
): Promise<FormResult<z.output<S>>> {
  const form = await readForm(request);
  if (!form) return { ok: false, errors: { _form: "form.invalid" }, values: {} };
  return parseValues(formValues(form, opts.arrays), schema);
}

/**
 * The fields whose value holds a NUL character, as errors (PostgreSQL cannot store it: the
 * value would fail at the database, after validation), or null when there are none.
 */
export function nulErrors(values: FormValues): FieldErrors | null {
  const fields = Object.keys(values).filter((k) => pathsWithNul({ [k]: values[k] }).length > 0);
  return fields.length ? Object.fromEntries(fields.map((k) => [k, "form.invalid" as const])) : null;
}

/** Parse already-read form values with a zod schema; never throws on bad input. */
export function parseValues<S extends z.ZodType>(values: FormValues, schema: S): FormResult<z.output<S>> {
  const nul = nulErrors(values);
  if (nul) return { ok: false, errors: nul, values: {} };
  const parsed = schema.safeParse(values);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), values: echoValues(values) };
  return { ok: true, data: parsed.data, values };
}

/** 400 (or `init`'s status: 429 for too many attempts) with field errors and the values to put back. */
export function invalid(errors: FieldErrors, values: FormValues = {}, init: ResponseInit = { status: 400 }) {
  return json<FormFailure>({ ok: false, errors, values: echoValues(values) }, init);
}

/** The DomainError code of a throttled attempt: answered 429, not 400. */
export const TOO_MANY_ATTEMPTS = "too_many_attempts";

/**
 * The one page error mapper: a DomainError becomes a field error keyed `form.<code>` on
 * its field (or the whole form); `fields` renames a use case's field to the form's name.
 */
export function domainErrorFields(err: DomainError, fields: Record<string, string> = {}): FieldErrors {
  const field = err.field ? (fields[err.field] ?? err.field) : "_form";
  return { [field]: `${MESSAGE_PREFIX}${err.code}` as MessageKey };
}

/**
 * Run a use case for a page action: its result, or 400 with the DomainError as a field
 * error and the submitted values. Anything else propagates (to the error boundary).
 */
export async function formAction<T>(
  values: FormValues,
  run: () => Promise<T>,
  opts: { fields?: Record<string, string> } = {},
): Promise<T | ReturnType<typeof invalid>> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof DomainError)
      return invalid(domainErrorFields(err, opts.fields), values, {
        status: err.code === TOO_MANY_ATTEMPTS ? 429 : 400,
      });
    throw err;
  }
}

/**
 * A page's URL query through the input's one schema, leniently: a value the schema refuses
 * is dropped (and the default applies) instead of refusing the page, as linked and
 * bookmarked pages must. The API parses the same schema strictly (parseQuery).
 */
export function parseSearchParams<S extends z.ZodType>(url: URL, schema: S): z.output<S> {
  const raw: Record<string, string> = Object.fromEntries(
    [...url.searchParams].filter(([k, v]) => v !== "" && pathsWithNul({ [k]: v }).length === 0),
  );
  for (let attempt = 0; attempt <= Object.keys(raw).length; attempt++) {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) delete raw[String(issue.path[0])];
  }
  return schema.parse({});
}
