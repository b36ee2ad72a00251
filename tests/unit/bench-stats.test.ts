import { describe, expect, it } from "vitest";
import { timedInterleaved } from "../bench/stats";

// The benchmark's one-client ranking rows take turns per query (issue 16: (a) − (a0) ≤ 1 ms).
describe("interleaved timing", () => {
  it("runs every method on every query once, the order rotated, never one query twice in a row, and times each call", async () => {
    const calls: string[] = [];
    const method = (name: string, ms: number) => async (i: number) => {
      calls.push(`${name}${i}`);
      await new Promise((r) => setTimeout(r, ms));
    };
    const out = await timedInterleaved(4, { a: method("a", 0), b: method("b", 15) });
    // Round i: a gets query i, b query i + 2; the one that starts alternates.
    expect(calls).toEqual(["a0", "b2", "b3", "a1", "a2", "b0", "b1", "a3"]);
    // Never the same query twice in a row.
    for (let c = 1; c < calls.length; c++) expect(calls[c]!.slice(1)).not.toBe(calls[c - 1]!.slice(1));
    expect(out.a).toHaveLength(4);
    expect(out.b!.every((x) => x >= 0)).toBe(true);
    expect(Math.min(...out.b!)).toBeGreaterThanOrEqual(14);
    expect(Math.max(...out.a!)).toBeLessThan(Math.min(...out.b!));
  });
});
