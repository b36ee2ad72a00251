import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { csvRecords } from "../../app/lib/import/csv";
import { gcj02ToWgs84, outOfChina, wgs84ToGcj02 } from "../../app/domain/datum";
import { haversineKm } from "../../app/domain/geo";

const places = csvRecords(fs.readFileSync("db/reference/jilin_places.csv", "utf8"));

describe("GCJ-02 and WGS-84", () => {
  it("matches the reference pairs of the Jilin gazetteer to within a metre", () => {
    expect(places.length).toBe(70);
    for (const p of places) {
      const wgs = { lat: Number(p.centroid_lat), lng: Number(p.centroid_lng) };
      const gcj = { lat: Number(p.centroid_lat_gcj02), lng: Number(p.centroid_lng_gcj02) };
      expect(haversineKm(gcj02ToWgs84(gcj), wgs) * 1000, p.name_zh).toBeLessThan(1);
      expect(haversineKm(wgs84ToGcj02(wgs), gcj) * 1000, p.name_zh).toBeLessThan(1);
    }
  });

  it("offsets points in Jilin by a few hundred metres and leaves points outside China alone", () => {
    const changchun = { lat: 43.8844, lng: 125.318 };
    const offset = haversineKm(changchun, wgs84ToGcj02(changchun)) * 1000;
    expect(offset).toBeGreaterThan(200);
    expect(offset).toBeLessThan(800);
    expect(outOfChina({ lat: 48.85, lng: 2.35 })).toBe(true);
    expect(gcj02ToWgs84({ lat: 48.85, lng: 2.35 })).toEqual({ lat: 48.85, lng: 2.35 });
  });
});
