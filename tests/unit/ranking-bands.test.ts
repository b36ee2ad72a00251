import { describe, expect, it } from "vitest";
import { cutBand } from "../../search/ranking.server";

const plant = { code: "OEM05" };
const hits = (...bands: number[]) => bands.map((b) => ({ plant_hm: { OEM05: b, OEM01: 0 } }));

describe("cutBand: when the ranking must fetch the page's last 100 m band whole (decision 021)", () => {
  it("is null when the first query returned fewer hits than it asked for: nothing is left beyond them", () => {
    expect(cutBand(hits(10, 11, 11), plant, 2, 4)).toBeNull();
  });

  it("names the band when the page is full and the k-th hit's band runs to its end", () => {
    expect(cutBand(hits(10, 11, 11, 11), plant, 2, 4)).toBe(11);
    expect(cutBand(hits(12, 12, 12, 12), plant, 1, 4)).toBe(12);
  });

  it("is null when the k-th hit's band ends before the page does: that band is whole", () => {
    expect(cutBand(hits(10, 11, 12, 12), plant, 2, 4)).toBeNull();
  });

  it("reads the asked plant's band, not another plant's", () => {
    expect(cutBand(hits(10, 11, 12, 13), { code: "OEM01" }, 2, 4)).toBe(0);
  });
});
