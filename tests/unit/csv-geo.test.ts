import { describe, expect, it } from "vitest";
import { csvRecords, parseCsv } from "../../app/lib/import/csv";
import { boundingBox, haversineKm } from "../../app/domain/geo";

describe("CSV", () => {
  it("handles quotes, doubled quotes, commas, CRLF and a BOM", () => {
    const text = '\uFEFFa,b\r\n"x, y","say ""hi"""\r\n1,\n';
    expect(parseCsv(text)).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["1", ""],
    ]);
    expect(csvRecords(text)[0]).toEqual({ a: "x, y", b: 'say "hi"' });
  });
});

describe("geo", () => {
  it("computes great-circle distances", () => {
    // Changchun to Jilin city, about 95 km.
    const d = haversineKm({ lat: 43.8844, lng: 125.318 }, { lat: 43.8378, lng: 126.5496 });
    expect(d).toBeGreaterThan(98);
    expect(d).toBeLessThan(100);
    expect(haversineKm({ lat: 44, lng: 125 }, { lat: 44, lng: 125 })).toBe(0);
    // One degree of latitude is 111.19 km on a 6371 km sphere.
    expect(haversineKm({ lat: 43, lng: 125 }, { lat: 44, lng: 125 })).toBeCloseTo(111.195, 2);
  });

  it("bounding boxes contain the whole circle", () => {
    const c = { lat: 43.8, lng: 125.2 };
    const box = boundingBox(c, 100);
    expect(haversineKm(c, { lat: box.maxLat, lng: c.lng })).toBeCloseTo(100, 6);
    expect(haversineKm(c, { lat: c.lat, lng: box.maxLng })).toBeGreaterThanOrEqual(100);
  });
});
