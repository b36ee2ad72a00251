import { describe, expect, it } from "vitest";
import { circleLocality, POLICY_CIRCLE_KM } from "../../app/domain/locality";
import {
  changePp,
  fenToReach,
  groupSums,
  policyCheck,
  rate,
  rateIfAwardedLocally,
  sumFacts,
  yearCheck,
  yearSeries,
  type LedgerFact,
  type YearSums,
} from "../../app/domain/rates";

const f = (over: Partial<LedgerFact>): LedgerFact => ({
  amountFen: 100_00,
  inJilin: false,
  insideCircle: false,
  year: 2026,
  quarter: 1,
  nevKey: false,
  oemId: "oem-a",
  ...over,
});

// A hand-computed ledger for one OEM, 2026 (amounts in yuan × 100 = fen):
//   A  4,000 yuan  in Jilin, inside the circle, Q1, NEV key part
//   B  2,000 yuan  in Jilin, 150 km away (outside the circle), Q2
//   C  3,000 yuan  Liaoning supplier 80 km away (inside the circle, not in Jilin), Q2
//   D  1,000 yuan  Shanghai, Q3, NEV key part
//   E  5,000 yuan  in Jilin, inside, Q4 — reversed by F (−5,000)
// Totals: 10,000 yuan.  Province basis: A+B = 6,000 → 60%.  Circle basis: A+C = 7,000 → 70%.
const ledger2026: LedgerFact[] = [
  f({
    amountFen: 4_000_00,
    inJilin: true,
    insideCircle: true,
    quarter: 1,
    nevKey: true,
    group: "A",
    cityAdcode: 220100,
  }),
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
    expect(sumFacts(ledger2026, "province")).toEqual({ totalFen: 10_000_00n, localFen: 6_000_00n });
    expect(rate(sumFacts(ledger2026, "province"))).toBeCloseTo(0.6, 12);
    expect(sumFacts(ledger2026, "circle")).toEqual({ totalFen: 10_000_00n, localFen: 7_000_00n });
    expect(rate(sumFacts(ledger2026, "circle"))).toBeCloseTo(0.7, 12);
  });

  it("splits by quarter, group and city", () => {
    const q = groupSums(ledger2026, (x) => x.quarter, "province");
    expect(q.get(1)).toEqual({ totalFen: 4_000_00n, localFen: 4_000_00n });
    expect(q.get(2)).toEqual({ totalFen: 5_000_00n, localFen: 2_000_00n });
    expect(q.get(3)).toEqual({ totalFen: 1_000_00n, localFen: 0n });
    expect(q.get(4)).toEqual({ totalFen: 0n, localFen: 0n });
    expect(rate(q.get(4)!)).toBeNull(); // the reversed quarter has no procurement left
    const groups = groupSums(ledger2026, (x) => x.group, "circle");
    expect(rate(groups.get("D")!)).toBeCloseTo(0.6, 12);
    const cities = groupSums(ledger2026, (x) => x.cityAdcode, "province");
    expect(cities.get(220100)).toEqual({ totalFen: 4_000_00n, localFen: 4_000_00n });
  });

  it("computes the NEV subset and the policy checks with the CNY still needed", () => {
    const nev = sumFacts(
      ledger2026.filter((x) => x.nevKey),
      "province",
    );
    expect(nev).toEqual({ totalFen: 5_000_00n, localFen: 4_000_00n });
    const check = policyCheck(sumFacts(ledger2026, "province"), sumFacts(ledger2025, "province"), nev);
    expect(check.rate).toBeCloseTo(0.6, 12);
    expect(check.previousRate).toBeCloseTo(0.55, 12);
    expect(check.changePp).toBeCloseTo(5, 9);
    expect(check).toMatchObject({
      meetsMinRate: true,
      meetsRise: true,
      fenToMinRate: 0n,
      fenToRise: 0n,
      meetsNevTarget: true,
      fenToNevTarget: 0n,
    });
    expect(check.nevRate).toBeCloseTo(0.8, 12);

    const circle = policyCheck(
      sumFacts(ledger2026, "circle"),
      sumFacts(ledger2025, "circle"),
      sumFacts(
        ledger2026.filter((x) => x.nevKey),
        "circle",
      ),
    );
    expect(circle.changePp).toBeCloseTo(20, 9);
    // NEV on the circle basis: A (4,000) of 5,000 → 80%.
    expect(circle.nevRate).toBeCloseTo(0.8, 12);
  });

  it("says how much must move to local suppliers to reach a threshold", () => {
    // 10,000 yuan at 35% local: 40% needs 500 yuan more local (total unchanged).
    expect(fenToReach({ totalFen: 10_000_00n, localFen: 3_500_00n }, 0.4)).toBe(500_00n);
    const check = policyCheck(
      { totalFen: 10_000_00n, localFen: 3_500_00n },
      { totalFen: 8_000_00n, localFen: 2_800_00n },
      { totalFen: 2_000_00n, localFen: 1_000_00n },
    );
    expect(check).toMatchObject({
      meetsMinRate: false,
      meetsRise: false,
      fenToMinRate: 500_00n,
      fenToRise: 300_00n,
      meetsNevTarget: false,
      fenToNevTarget: 400_00n,
    });
    expect(check.changePp).toBeCloseTo(0, 9);
  });

  it("has no rate for empty periods and no change without a previous year", () => {
    expect(rate(sumFacts([], "province"))).toBeNull();
    expect(changePp(0.5, null)).toBeNull();
    const check = policyCheck(
      { totalFen: 0n, localFen: 0n },
      { totalFen: 0n, localFen: 0n },
      { totalFen: 0n, localFen: 0n },
    );
    expect(check).toMatchObject({
      rate: null,
      meetsMinRate: false,
      meetsRise: false,
      fenToMinRate: 0n,
      fenToRise: null,
      nevRate: null,
      meetsNevTarget: false,
    });
  });

  it("projects the rate if an open demand is awarded locally", () => {
    expect(rateIfAwardedLocally({ totalFen: 10_000_00n, localFen: 3_500_00n }, 10_000_00)).toBeCloseTo(0.675, 12);
  });
});

describe("one rule for a year against the previous one (dashboard and rates API)", () => {
  // The ledger sums of the hand-computed ledgers above, as the database reports them per year.
  const yearSums = (year: number, facts: LedgerFact[]): YearSums => {
    const nev = facts.filter((x) => x.nevKey);
    return {
      year,
      total_fen: sumFacts(facts, "province").totalFen,
      province_fen: sumFacts(facts, "province").localFen,
      circle_fen: sumFacts(facts, "circle").localFen,
      nev_total_fen: sumFacts(nev, "province").totalFen,
      nev_province_fen: sumFacts(nev, "province").localFen,
      nev_circle_fen: sumFacts(nev, "circle").localFen,
    };
  };
  const byYear = [
    yearSums(2026, ledger2026),
    yearSums(2023, [f({ year: 2023, amountFen: 1_000_00, inJilin: true })]),
    yearSums(2025, ledger2025),
  ];

  it("checks a year against the year before on the chosen basis, with its NEV key parts", () => {
    const province = yearCheck(byYear, 2026, "province");
    expect(province.current).toEqual({ totalFen: 10_000_00n, localFen: 6_000_00n });
    expect(province.previous).toEqual({ totalFen: 10_000_00n, localFen: 5_500_00n });
    expect(province.nev).toEqual({ totalFen: 5_000_00n, localFen: 4_000_00n });
    expect(province.check.changePp).toBeCloseTo(5, 9);
    const circle = yearCheck(byYear, 2026, "circle");
    expect(circle.check.rate).toBeCloseTo(0.7, 12);
    expect(circle.check.changePp).toBeCloseTo(20, 9);
    // A year without a previous year, and no year at all.
    expect(yearCheck(byYear, 2023, "province").check).toMatchObject({
      previousRate: null,
      changePp: null,
      meetsRise: false,
    });
    expect(yearCheck(byYear, null, "province").current).toEqual({ totalFen: 0n, localFen: 0n });
  });

  it("lists the years in order with both bases, and a change only against the year just before", () => {
    const series = yearSeries(byYear, "province");
    expect(series.map((y) => y.year)).toEqual([2023, 2025, 2026]);
    expect(series[0]).toMatchObject({ rate: 1, changePp: null });
    expect(series[1]!.changePp).toBeNull(); // 2024 has no entries: no change
    expect(series[2]!.changePp).toBeCloseTo(5, 9);
    expect(series[2]!.rates.province).toBeCloseTo(0.6, 12);
    expect(series[2]!.rates.circle).toBeCloseTo(0.7, 12);
    expect(yearSeries(byYear, "circle")[2]).toMatchObject({ localFen: 7_000_00n });
  });
});

describe("one rule for an entry's distance and circle", () => {
  it("rounds to the metre and counts the circle's edge as inside; an unknown distance is outside", () => {
    expect(circleLocality(12.34567)).toEqual({ distance_km: 12.346, inside_circle: true });
    expect(circleLocality(POLICY_CIRCLE_KM)).toEqual({ distance_km: POLICY_CIRCLE_KM, inside_circle: true });
    expect(circleLocality(POLICY_CIRCLE_KM + 0.0004)).toEqual({ distance_km: POLICY_CIRCLE_KM, inside_circle: true });
    expect(circleLocality(POLICY_CIRCLE_KM + 0.001)).toEqual({ distance_km: 100.001, inside_circle: false });
    expect(circleLocality(null)).toEqual({ distance_km: null, inside_circle: false });
  });
});
