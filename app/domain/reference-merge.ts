/**
 * A reference-managed row (an OEM, a plant) meets a newer reference version: per field, a
 * three-way comparison of what the row holds now, what the reference last gave it (`base`)
 * and what the reference gives now. A field nobody edited follows the reference; a field an
 * administrator edited keeps the edit, and if the reference changed that field too, the two
 * values are a difference for the administrator to decide.
 */
export type FieldValues = Record<string, unknown>;

export interface MergeResult {
  /** Fields to set to the reference value (nobody edited them). */
  updates: FieldValues;
  /** Edited fields whose reference value changed as well: the administrator decides. */
  differences: { field: string; local: unknown; reference: unknown }[];
  /** Fields that now hold the reference value (an open difference on them is settled). */
  agreeing: string[];
}

/** Value equality for the JSON values reference fields hold. */
export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function mergeReference(
  fields: readonly string[],
  current: FieldValues,
  base: FieldValues | null,
  reference: FieldValues,
): MergeResult {
  const result: MergeResult = { updates: {}, differences: [], agreeing: [] };
  for (const field of fields) {
    const now = current[field];
    const next = reference[field];
    // Never loaded from the reference before (or not this field): nothing was edited against it.
    const was = base && field in base ? base[field] : now;
    if (sameValue(now, next)) result.agreeing.push(field);
    else if (sameValue(now, was)) {
      result.updates[field] = next;
      result.agreeing.push(field);
    } else if (!sameValue(next, was)) result.differences.push({ field, local: now, reference: next });
  }
  return result;
}
