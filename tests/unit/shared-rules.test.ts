import { describe, expect, it } from "vitest";
import { outsideSearchRadiusKm } from "../../app/domain/geo";
import { cityAdcodeOf } from "../../app/domain/places";
import { sumsOn, type BasisSums } from "../../app/domain/rates";

// The rules that were written more than once, now one function each.

describe("cityAdcodeOf", () => {
  it("gives a county's or district's parent city", () => {
    expect(cityAdcodeOf({ adcode: 220104, level: "district", parent_adcode: 220100 })).toBe(220100);
    expect(cityAdcodeOf({ adcode: 220183, level: "county_level_city", parent_adcode: 220100 })).toBe(220100);
  });
  it("keeps a prefecture-level city and an autonomous prefecture as their own city (Yanbian)", () => {
    expect(cityAdcodeOf({ adcode: 220100, level: "prefecture_city", parent_adcode: 220000 })).toBe(220100);
    expect(cityAdcodeOf({ adcode: 222400, level: "autonomous_prefecture", parent_adcode: 220000 })).toBe(222400);
  });
  it("gives a county of Yanbian its prefecture, and a province no city", () => {
    expect(cityAdcodeOf({ adcode: 222401, level: "county_level_city", parent_adcode: 222400 })).toBe(222400);
    expect(cityAdcodeOf({ adcode: 220000, level: "province", parent_adcode: 100000 })).toBeNull();
  });
});

describe("outsideSearchRadiusKm", () => {
  it("looks three times the radius out, at least 200 km beyond it, at most 1,000 km", () => {
    expect(outsideSearchRadiusKm(100)).toBe(300);
    expect(outsideSearchRadiusKm(50)).toBe(250);
    expect(outsideSearchRadiusKm(10)).toBe(210);
    expect(outsideSearchRadiusKm(400)).toBe(1000);
  });
});

describe("sumsOn", () => {
  const row: BasisSums = {
    total_fen: 1000n,
    province_fen: 600n,
    circle_fen: 450n,
    nev_total_fen: 300n,
    nev_province_fen: 200n,
    nev_circle_fen: 100n,
  };
  it("picks the local part of the chosen basis", () => {
    expect(sumsOn(row, "province")).toEqual({ totalFen: 1000n, localFen: 600n });
    expect(sumsOn(row, "circle")).toEqual({ totalFen: 1000n, localFen: 450n });
  });
  it("picks the NEV key parts' sums", () => {
    expect(sumsOn(row, "province", { nev: true })).toEqual({ totalFen: 300n, localFen: 200n });
    expect(sumsOn(row, "circle", { nev: true })).toEqual({ totalFen: 300n, localFen: 100n });
  });
  it("treats absent sums as an empty period", () => {
    expect(sumsOn(undefined, "circle")).toEqual({ totalFen: 0n, localFen: 0n });
  });
});
