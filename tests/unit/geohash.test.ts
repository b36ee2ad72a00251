import { describe, expect, it } from "vitest";
import { coverCircle, geohash, precisionFor } from "../../app/domain/geohash";
import { destination } from "../../app/domain/map-projection";
import { prng } from "../../db/seed.server";

describe("geohash", () => {
  it("encodes known points", () => {
    expect(geohash({ lat: 57.64911, lng: 10.40744 }, 11)).toBe("u4pruydqqvj");
    expect(geohash({ lat: 43.8, lng: 125.18 }, 5)).toMatch(/^wz/);
  });

  it("covers every point of a circle, at every precision, including the edge", () => {
    const rand = prng(7);
    for (let i = 0; i < 40; i++) {
      const center = { lat: 41 + rand() * 5, lng: 122 + rand() * 9 };
      const r = 1 + rand() * 150;
      for (const p of [3, 4, 5]) {
        const cells = new Set(coverCircle(center, r, p));
        for (let b = 0; b < 360; b += 7.5) {
          for (const f of [0, 0.5, 0.999]) {
            const pt = destination(center, r * f, b);
            expect(cells.has(geohash(pt, p)), `${p} ${r} ${b}`).toBe(true);
          }
        }
      }
    }
  });

  it("picks the finest precision with few enough cells", () => {
    expect(precisionFor({ lat: 43.8, lng: 125.2 }, 5).precision).toBe(5);
    const wide = precisionFor({ lat: 43.8, lng: 125.2 }, 100);
    expect(wide.precision).toBe(4);
    expect(wide.cells.length).toBeLessThanOrEqual(100);
    expect(precisionFor({ lat: 43.8, lng: 125.2 }, 400).precision).toBe(3);
  });
});
