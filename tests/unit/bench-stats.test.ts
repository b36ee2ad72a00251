import { describe, expect, it } from "vitest";
import { timedInterleaved } from "../bench/stats";

// The benchmark's one-client ranking rows take turns per query (issue 16: (a) − (a0) ≤ 1 ms).
describe("interleaved timing", () => {
  it("runs every method on every query once, in a shuffled order, never one query twice in a row, and times each call", async () => {
    const calls: string[] = [];
    const method = (name: string, ms: number) => async (i: number) => {
      calls.push(`${name}${i}`);
      await new Promise((r) => setTimeout(r, ms));
    };
    const out = await timedInterleaved(40, { a: method("a", 0), b: method("b", 20) });
    expect(calls).toHaveLength(80);
    // Every query once per method: a gets query i in round i, b query i + 20.
    for (const m of ["a", "b"])
      expect(calls.filter((c) => c.startsWith(m)).sort()).toEqual(
        Array.from({ length: 40 }, (_, i) => `${m}${i}`).sort(),
      );
    for (let r = 0; r < 40; r++)
      expect(calls.slice(2 * r, 2 * r + 2).sort()).toEqual([`a${r}`, `b${(r + 20) % 40}`].sort());
    // The order is shuffled: each method starts some rounds, not all, not none.
    const aFirst = Array.from({ length: 40 }, (_, r) => calls[2 * r]!.startsWith("a")).filter(Boolean).length;
    expect(aFirst).toBeGreaterThan(8);
    expect(aFirst).toBeLessThan(32);
    // Never the same query twice in a row.
    for (let c = 1; c < calls.length; c++) expect(calls[c]!.slice(1)).not.toBe(calls[c - 1]!.slice(1));
    expect(out.a).toHaveLength(40);
    expect(out.b!.every((x) => x >= 0)).toBe(true);
    expect(Math.min(...out.b!)).toBeGreaterThanOrEqual(19);
    expect(Math.max(...out.a!)).toBeLessThan(Math.min(...out.b!));
  });
});
