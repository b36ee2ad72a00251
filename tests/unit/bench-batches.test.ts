import { describe, expect, it } from "vitest";
import { durationMs } from "../bench/batches";

// The benchmark reads Meilisearch's batch durations (ISO 8601) to say where sync lag goes.
describe("Meilisearch batch durations", () => {
  it("reads seconds, minutes and hours", () => {
    expect(durationMs("PT0.123456S")).toBeCloseTo(123.456, 6);
    expect(durationMs("PT1M2.5S")).toBe(62_500);
    expect(durationMs("PT1H")).toBe(3_600_000);
  });
  it("gives nothing for a batch still running or an unknown form", () => {
    expect(durationMs(null)).toBeUndefined();
    expect(durationMs("P1D")).toBeUndefined();
  });
});
