/**
 * Meilisearch filter building. Every value that reaches a filter goes through
 * `literal`, which quotes it and escapes backslashes and double quotes, so a user
 * value is always one string literal and never filter syntax (OR, parentheses,
 * operators, quotes). Attribute names are never user input: they are typed below.
 */

export type FilterValue = string | number | boolean;

export function literal(value: FilterValue): string {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new RangeError(`filter value must be finite, got ${value}`);
    return String(value);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

export function eq<A extends string>(attribute: A, value: FilterValue): string {
  return `${attribute} = ${literal(value)}`;
}

export function inList<A extends string>(attribute: A, values: readonly FilterValue[]): string {
  if (values.length === 0) throw new RangeError(`inList(${attribute}) needs at least one value`);
  return `${attribute} IN [${values.map(literal).join(", ")}]`;
}

/** Join clauses with AND, each in parentheses; empty or undefined clauses are dropped. */
export function and(...clauses: (string | undefined | false)[]): string | undefined {
  const kept = clauses.filter((c): c is string => typeof c === "string" && c.length > 0);
  if (kept.length === 0) return undefined;
  return kept.map((c) => `(${c})`).join(" AND ");
}
