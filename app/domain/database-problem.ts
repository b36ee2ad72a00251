// What a database error means for the user whose row it refused, as a code with a message
// in the catalogue (`db.problem.<code>`). Reports never show PostgreSQL's own text: it names
// tables, constraints and values, and reads as a fault of the product (issue 13, finding 16).
// The server log keeps the original.

export const DATABASE_PROBLEMS = [
  "duplicate",
  "reference",
  "constraint",
  "out_of_range",
  "invalid_value",
  "busy",
  "unavailable",
  "unexpected",
] as const;
export type DatabaseProblem = (typeof DATABASE_PROBLEMS)[number];

/** PostgreSQL's SQLSTATE of an error (node-postgres puts it on `code`), or a socket error's code. */
function codeOf(err: unknown): string {
  const code = (err as { code?: unknown } | null | undefined)?.code;
  return typeof code === "string" ? code : "";
}

/** The user's reading of a database error, by its SQLSTATE class (PostgreSQL, appendix A). */
export function databaseProblem(err: unknown): DatabaseProblem {
  const code = codeOf(err);
  if (code === "23505") return "duplicate"; // unique_violation
  if (code === "23503") return "reference"; // foreign_key_violation
  if (code.startsWith("23") || code === "P0001") return "constraint"; // check, not null, exclusion; a trigger's refusal
  if (code === "22003" || code === "22008") return "out_of_range"; // numeric or datetime field overflow
  if (code.startsWith("22")) return "invalid_value"; // data exceptions: too long, bad text, bad date
  if (["40001", "40P01", "55P03", "57014"].includes(code)) return "busy"; // serialization, deadlock, lock, timeout
  if (code.startsWith("08") || code.startsWith("57P") || /^E(CONN|TIMEDOUT|PIPE)/.test(code)) return "unavailable";
  return "unexpected";
}
