import { describe, expect, it } from "vitest";
import {
  compareYear,
  coverageFrom,
  periodSums,
  resolveYear,
  yearCoverage,
  ZERO_SUMS,
  type PeriodSums,
} from "../../app/domain/partial-year";

const row = (year: number, quarter: number | null, total: number, local: number): PeriodSums => ({
  ...ZERO_SUMS,
  year,
  quarter,
  total_fen: BigInt(total),
  province_fen: BigInt(local),
  circle_fen: 0n,
});

describe("partial years", () => {
  const rows = [
    row(2026, 1, 100, 60),
    row(2026, 3, 100, 40),
    row(2025, 1, 100, 50),
    row(2025, 2, 100, 50),
    row(2025, 3, 100, 20),
    row(2025, 4, 700, 0),
  ];

  it("a year reaching Q3 only is partial through Q3; one with Q4 or a whole-year entry is full", () => {
    expect(yearCoverage(rows, 2026)).toEqual({ partial: true, throughQuarter: 3 });
    expect(yearCoverage(rows, 2025)).toEqual({ partial: false, throughQuarter: 4 });
    expect(yearCoverage([row(2024, 1, 1, 1), row(2024, null, 1, 1)], 2024).partial).toBe(false);
    expect(yearCoverage(rows, 2019)).toEqual({ partial: false, throughQuarter: 4 });
    expect(coverageFrom(1, false)).toEqual({ partial: true, throughQuarter: 1 });
    expect(coverageFrom(null, true).partial).toBe(false);
  });

  it("sums the same quarters of the year before, leaving whole-year entries out", () => {
    expect(periodSums(rows, 2025, 3).total_fen).toBe(300n);
    expect(periodSums(rows, 2025).total_fen).toBe(1000n);
    expect(periodSums([...rows, row(2025, null, 5, 5)], 2025, 3).total_fen).toBe(300n);
    expect(periodSums([...rows, row(2025, null, 5, 5)], 2025).total_fen).toBe(1005n);
  });

  it("compares a partial year with the same quarters: 50% against 40%, not against 12%", () => {
    const c = compareYear(rows, 2026, "province");
    expect(c.coverage.partial).toBe(true);
    expect(c.current).toEqual({ totalFen: 200n, localFen: 100n });
    expect(c.previous).toEqual({ totalFen: 300n, localFen: 120n });
    expect(c.check.rate).toBe(0.5);
    expect(c.check.previousRate).toBe(0.4);
    expect(c.check.changePp).toBeCloseTo(10, 10);
    expect(c.check.meetsRise).toBe(true);
    // The whole of 2025 would have been 120 / 1000 = 12%.
    expect(compareYear(rows, 2026, "province", { partial: false, throughQuarter: 4 }).check.previousRate).toBe(0.12);
  });

  it("picks the year shown: the one asked if the ledger has it, else the latest, saying why", () => {
    expect(resolveYear(undefined, [2026, 2025], 2030)).toEqual({ year: 2026, notice: null, asked: null });
    expect(resolveYear("", [2026, 2025], 2030)).toEqual({ year: 2026, notice: null, asked: null });
    expect(resolveYear("2025", [2026, 2025], 2030)).toEqual({ year: 2025, notice: null, asked: "2025" });
    expect(resolveYear("1999", [2026, 2025], 2030)).toEqual({ year: 2026, notice: "not-in-data", asked: "1999" });
    expect(resolveYear("abc", [2026], 2030)).toEqual({ year: 2026, notice: "not-in-data", asked: "abc" });
    expect(resolveYear("2026", [], 2030)).toEqual({ year: 2030, notice: "empty-ledger", asked: "2026" });
  });
});
