/**
 * PostgreSQL text cannot hold the NUL character (U+0000): a value carrying one fails at
 * the database, after validation, as a 500. Inputs are checked for it at the boundary.
 * Returns the paths (a.b.0) of the strings, or object keys, in `value` that hold a NUL.
 */
export function pathsWithNul(value: unknown, path: string[] = []): string[] {
  if (typeof value === "string") return value.includes("\u0000") ? [path.join(".") || "_"] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => pathsWithNul(v, [...path, String(i)]));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) =>
      k.includes("\u0000") ? [[...path, k].join(".")] : pathsWithNul(v, [...path, k]),
    );
  }
  return [];
}
