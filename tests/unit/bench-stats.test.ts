import { describe, expect, it } from "vitest";
import { timedInterleaved } from "../bench/stats";

// The benchmark's one-client ranking rows take turns per query (issue 16: (a) − (a0) ≤ 1 ms).
describe("interleaved timing", () => {
  it("runs every method on every query, the order rotated, and times each call", async () => {
    const calls: string[] = [];
    const method = (name: string, ms: number) => async (i: number) => {
      calls.push(`${name}${i}`);
      await new Promise((r) => setTimeout(r, ms));
    };
    const out = await timedInterleaved(3, { a: method("a", 0), b: method("b", 15) });
    expect(calls).toEqual(["a0", "b0", "b1", "a1", "a2", "b2"]);
    expect(out.a).toHaveLength(3);
    expect(Math.min(...out.b!)).toBeGreaterThanOrEqual(14);
    expect(Math.max(...out.a!)).toBeLessThan(Math.min(...out.b!));
  });
});
