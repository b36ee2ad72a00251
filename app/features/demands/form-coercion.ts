import { z } from "zod";
import { MAX_AMOUNT_FEN, readYuan } from "../../domain/money";

// The thin layer between a page's form and the API schema it shares: the form sends
// strings (and repeated fields as arrays), the API schema wants JSON types and fen.

type Issue = z.core.$ZodIssue;
/** A form message key for an issue on one field: a fixed key, or one chosen by the issue. */
export type FieldMessage = `form.${string}` | ((issue: Issue) => `form.${string}`);

/** The generic message of an issue (as the page error mapper would choose it). */
function genericMessage(issue: Issue): `form.${string}` {
  if (issue.code === "too_big") return issue.origin === "string" ? "form.tooLong" : "form.invalid";
  if (issue.code === "too_small" && issue.origin === "string") return "form.required";
  if (issue.code === "invalid_type" && issue.input === undefined) return "form.required";
  return "form.invalid";
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * A page form's schema over an API schema. `coerce` turns the submitted values into the
 * API's JSON (numbers, booleans, yuan to fen, the API's field names); the API schema
 * decides; its issues come back on the form's field names (`fields`: API field → form
 * field) with the form's message keys (`messages`: API field → key).
 */
export function formOf<S extends z.ZodType>(
  api: S,
  opts: {
    coerce: (values: Record<string, unknown>) => Record<string, unknown>;
    fields?: Record<string, string>;
    messages?: Record<string, FieldMessage>;
  },
) {
  return z.unknown().transform((input, ctx): z.output<S> => {
    const parsed = api.safeParse(isRecord(input) ? opts.coerce(input) : input);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "");
      const message = opts.messages?.[field];
      ctx.addIssue({
        code: "custom",
        path: [opts.fields?.[field] ?? field, ...issue.path.slice(1)].filter((p) => p !== ""),
        message: typeof message === "function" ? message(issue) : (message ?? genericMessage(issue)),
      });
    }
    return z.NEVER;
  });
}

// Coercions of one submitted value; anything but a string is passed on for the schema to refuse.

/** Trimmed text. */
export const text = (v: unknown) => (typeof v === "string" ? v.trim() : v);
/** A number; empty means "not given" (the schema's default applies). */
export const num = (v: unknown) => {
  if (typeof v !== "string") return v;
  const s = v.trim();
  if (s === "") return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : s;
};
/** A date (YYYY-MM-DD); empty means "not given". */
export const date = (v: unknown) => (typeof v === "string" ? v.trim() || undefined : v);
/** A checkbox. */
export const checkbox = (v: unknown) => v === true || v === "1" || v === "on" || v === "true";
/** A repeated field (checkboxes): always an array. */
export const list = (v: unknown) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]);
/**
 * An amount in yuan ("1,234.56") as integer fen; an amount above the maximum becomes one fen
 * more than it, so that the schema refuses it as too large (not as malformed).
 */
export const yuanToFen = (v: unknown) => {
  if (typeof v !== "string") return v;
  const r = readYuan(v);
  return r.ok ? r.fen : r.reason === "too_large" ? MAX_AMOUNT_FEN + 1 : v;
};
