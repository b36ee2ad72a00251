import { describe, expect, it } from "vitest";
import { changePp, fenToReach, groupSums, policyCheck, rate, rateIfAwardedLocally, sumFacts, type LedgerFact } from "../../app/domain/rates";

const f = (over: Partial<LedgerFact>): LedgerFact => ({
  amountFen: 100_00, inJilin: false, insideCircle: false, year: 2026, quarter: 1, nevKey: false, oemId: "oem-a", ...over,
});

// A hand-computed ledger for one OEM, 2026 (amounts in yuan × 100 = fen):
//   A  4,000 yuan  in Jilin, inside the circle, Q1, NEV key part
//   B  2,000 yuan  in Jilin, 150 km away (outside the circle), Q2
//   C  3,000 yuan  Liaoning supplier 80 km away (inside the circle, not in Jilin), Q2
//   D  1,000 yuan  Shanghai, Q3, NEV key part
//   E  5,000 yuan  in Jilin, inside, Q4 — reversed by F (−5,000)
// Totals: 10,000 yuan.  Province basis: A+B = 6,000 → 60%.  Circle basis: A+C = 7,000 → 70%.
const ledger2026: LedgerFact[] = [
  f({ amountFen: 4_000_00, inJilin: true, insideCircle: true, quarter: 1, nevKey: true, group: "A", cityAdcode: 220100 }),
  f({ amountFen: 2_000_00, inJilin: true, insideCircle: false, quarter: 2, group: "D", cityAdcode: 220800 }),
  f({ amountFen: 3_000_00, inJilin: false, insideCircle: true, quarter: 2, group: "D", cityAdcode: 210300 }),
  f({ amountFen: 1_000_00, inJilin: false, insideCircle: false, quarter: 3, nevKey: true, group: "A" }),
  f({ amountFen: 5_000_00, inJilin: true, insideCircle: true, quarter: 4, group: "E", cityAdcode: 220100 }),
  f({ amountFen: -5_000_00, inJilin: true, insideCircle: true, quarter: 4, group: "E", cityAdcode: 220100 }),
];
// 2025: 10,000 yuan of which 5,500 in Jilin (55%), 5,000 inside the circle (50%).
const ledger2025: LedgerFact[] = [
  f({ year: 2025, amountFen: 5_000_00, inJilin: true, insideCircle: true }),
  f({ year: 2025, amountFen: 500_00, inJilin: true, insideCircle: false }),
  f({ year: 2025, amountFen: 4_500_00, inJilin: false, insideCircle: false }),
];

describe("local supply rate arithmetic", () => {
  it("mixes local and outside suppliers, nets reversals, on both bases", () => {
    expect(sumFacts(ledger2026, "province")).toEqual({ totalFen: 10_000_00, localFen: 6_000_00 });
    expect(rate(sumFacts(ledger2026, "province"))).toBeCloseTo(0.6, 12);
    expect(sumFacts(ledger2026, "circle")).toEqual({ totalFen: 10_000_00, localFen: 7_000_00 });
    expect(rate(sumFacts(ledger2026, "circle"))).toBeCloseTo(0.7, 12);
  });

  it("splits by quarter, group and city", () => {
    const q = groupSums(ledger2026, (x) => x.quarter, "province");
    expect(q.get(1)).toEqual({ totalFen: 4_000_00, localFen: 4_000_00 });
    expect(q.get(2)).toEqual({ totalFen: 5_000_00, localFen: 2_000_00 });
    expect(q.get(3)).toEqual({ totalFen: 1_000_00, localFen: 0 });
    expect(q.get(4)).toEqual({ totalFen: 0, localFen: 0 });
    expect(rate(q.get(4)!)).toBeNull(); // the reversed quarter has no procurement left
    const groups = groupSums(ledger2026, (x) => x.group, "circle");
    expect(rate(groups.get("D")!)).toBeCloseTo(0.6, 12);
    const cities = groupSums(ledger2026, (x) => x.cityAdcode, "province");
    expect(cities.get(220100)).toEqual({ totalFen: 4_000_00, localFen: 4_000_00 });
  });

  it("computes the NEV subset and the policy checks with the CNY still needed", () => {
    const nev = sumFacts(ledger2026.filter((x) => x.nevKey), "province");
    expect(nev).toEqual({ totalFen: 5_000_00, localFen: 4_000_00 });
    const check = policyCheck(sumFacts(ledger2026, "province"), sumFacts(ledger2025, "province"), nev);
    expect(check.rate).toBeCloseTo(0.6, 12);
    expect(check.previousRate).toBeCloseTo(0.55, 12);
    expect(check.changePp).toBeCloseTo(5, 9);
    expect(check).toMatchObject({ meetsMinRate: true, meetsRise: true, fenToMinRate: 0, fenToRise: 0, meetsNevTarget: true, fenToNevTarget: 0 });
    expect(check.nevRate).toBeCloseTo(0.8, 12);

    const circle = policyCheck(sumFacts(ledger2026, "circle"), sumFacts(ledger2025, "circle"), sumFacts(ledger2026.filter((x) => x.nevKey), "circle"));
    expect(circle.changePp).toBeCloseTo(20, 9);
    // NEV on the circle basis: A (4,000) of 5,000 → 80%.
    expect(circle.nevRate).toBeCloseTo(0.8, 12);
  });

  it("says how much must move to local suppliers to reach a threshold", () => {
    // 10,000 yuan at 35% local: 40% needs 500 yuan more local (total unchanged).
    expect(fenToReach({ totalFen: 10_000_00, localFen: 3_500_00 }, 0.4)).toBe(500_00);
    const check = policyCheck({ totalFen: 10_000_00, localFen: 3_500_00 }, { totalFen: 8_000_00, localFen: 2_800_00 }, { totalFen: 2_000_00, localFen: 1_000_00 });
    expect(check).toMatchObject({ meetsMinRate: false, meetsRise: false, fenToMinRate: 500_00, fenToRise: 300_00, meetsNevTarget: false, fenToNevTarget: 400_00 });
    expect(check.changePp).toBeCloseTo(0, 9);
  });

  it("has no rate for empty periods and no change without a previous year", () => {
    expect(rate(sumFacts([], "province"))).toBeNull();
    expect(changePp(0.5, null)).toBeNull();
    const check = policyCheck({ totalFen: 0, localFen: 0 }, { totalFen: 0, localFen: 0 }, { totalFen: 0, localFen: 0 });
    expect(check).toMatchObject({ rate: null, meetsMinRate: false, meetsRise: false, fenToMinRate: 0, fenToRise: null, nevRate: null, meetsNevTarget: false });
  });

  it("projects the rate if an open demand is awarded locally", () => {
    expect(rateIfAwardedLocally({ totalFen: 10_000_00, localFen: 3_500_00 }, 10_000_00)).toBeCloseTo(0.675, 12);
  });
});
