import { describe, expect, it } from "vitest";
import { progressLine } from "../../search/progress";

describe("progressLine", () => {
  it("says how many of the total, the rate and the time left at that rate", () => {
    // 45,000 in 30 s: 1,500 a second; 55,000 left: 36.7 s → 37 s.
    expect(progressLine({ documents: 45_000, total: 100_000, elapsedMs: 30_000 })).toBe(
      "45,000 / 100,000 documents (45%), 1,500 a second, about 37 s left",
    );
    // 100,000 of 1,000,000 in 20 s: 5,000 a second; 900,000 left: 180 s.
    expect(progressLine({ documents: 100_000, total: 1_000_000, elapsedMs: 20_000 })).toBe(
      "100,000 / 1,000,000 documents (10%), 5,000 a second, about 3 min 0 s left",
    );
  });

  it("ends with done, and never divides by nothing", () => {
    expect(progressLine({ documents: 300, total: 300, elapsedMs: 600 })).toBe(
      "300 / 300 documents (100%), 500 a second, done",
    );
    expect(progressLine({ documents: 0, total: 10, elapsedMs: 0 })).toBe(
      "0 / 10 documents (0%), 0 a second, time left unknown",
    );
    expect(progressLine({ documents: 0, total: 0, elapsedMs: 5 })).toBe("0 / 0 documents (100%), 0 a second, done");
  });
});
