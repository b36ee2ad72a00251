/**
 * One row of the report's targets table: what, the target, the figure with the size it
 * was measured at, and the verdict. `atTargetSize` is false when the figure was measured
 * below the size the target names (a 10k run cannot meet a target "over 1M entries"): a
 * figure within the limit then says so instead of "met".
 */
export function targetRow(
  what: string,
  target: string,
  size: number | undefined,
  value: number | undefined,
  limit: number,
  better: "lower" | "higher",
  unit: string,
  atTargetSize = true,
): string {
  if (size === undefined || value === undefined) return `| ${what} | ${target} | not measured in this report | — |`;
  const ok = better === "lower" ? value <= limit : value >= limit;
  const by = better === "lower" ? `${(value / limit).toFixed(1)}× the target` : `${(limit / value).toFixed(1)}× short`;
  const verdict = !ok
    ? `missed (${by})`
    : atTargetSize
      ? "met"
      : "within the limit at this size only: not measured at the target's size";
  return `| ${what} | ${target} | ${value}${unit} at ${size.toLocaleString("en")} | ${verdict} |`;
}
