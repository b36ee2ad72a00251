import { json } from "@remix-run/node";
import type { z } from "zod";
import type { MessageKey } from "./i18n";

export type FieldErrors = Record<string, MessageKey>;

const KNOWN_PREFIXES = ["form."];

/** First issue per field, as a message key the page translates. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_form");
    if (out[field]) continue;
    const message = issue.message;
    out[field] = (KNOWN_PREFIXES.some((p) => message.startsWith(p))
      ? message
      : issue.code === "too_big"
        ? "form.tooLong"
        : issue.code === "invalid_type" && issue.input === undefined
          ? "form.required"
          : "form.invalid") as MessageKey;
  }
  return out;
}

export type FormResult<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Parse a submitted form with a zod schema; never throws on bad input. */
export async function parseForm<S extends z.ZodType>(request: Request, schema: S): Promise<FormResult<z.infer<S>>> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { ok: false, errors: { _form: "form.invalid" }, values: {} };
  }
  const values: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !/password/i.test(k)) values[k] = v.slice(0, 500);
  const raw = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string"));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error), values };
  return { ok: true, data: parsed.data };
}

/** 400 with field errors and the values to put back in the form (never passwords). */
export function invalid(errors: FieldErrors, values: Record<string, string> = {}) {
  return json({ ok: false as const, errors, values }, { status: 400 });
}
