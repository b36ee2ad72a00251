import { describe, expect, it } from "vitest";
import { targetRow } from "../bench/verdict";

// The benchmark report's verdicts: a figure measured below the target's size is never "met".
describe("the benchmark's target rows", () => {
  it("says met only when the figure was measured at the target's size", () => {
    expect(targetRow("rate queries p95", "≤ 100 ms over 1M entries", 1_000_000, 37, 100, "lower", " ms")).toBe(
      "| rate queries p95 | ≤ 100 ms over 1M entries | 37 ms at 1,000,000 | met |",
    );
    expect(targetRow("chain-map p95, cold", "≤ 100 ms over 1M entries", 10_000, 40, 100, "lower", " ms", false)).toBe(
      "| chain-map p95, cold | ≤ 100 ms over 1M entries | 40 ms at 10,000 | within the limit at this size only: not measured at the target's size |",
    );
  });

  it("says by how much a target is missed, whatever the size", () => {
    expect(targetRow("chain-map p95", "≤ 100 ms", 10_000, 250, 100, "lower", " ms", false)).toContain(
      "missed (2.5× the target)",
    );
    expect(targetRow("speed-up", "≥ 5× at 1M", 1_000_000, 2.5, 5, "higher", "×")).toContain("missed (2.0× short)");
    expect(targetRow("sync lag p95", "≤ 1 s", undefined, undefined, 1000, "lower", " ms")).toContain(
      "not measured in this report",
    );
  });
});
