import { describe, expect, it } from "vitest";
import { haversineKm } from "../../app/domain/geo";
import { circleCoords, labelledPlants, legendNames, mapOption, type MapData } from "../../app/features/maps/map-option";

const labels = {
  plants: "整车工厂",
  circles: "百公里配套圈",
  other: "其他",
  plant: "整车工厂",
  supplier: "供应商",
  site: "厂区位置",
};

const data = (over: Partial<MapData> = {}): MapData => ({
  plants: [
    { code: "OEM01", name: "红旗繁荣工厂", lat: 43.85, lng: 125.25 },
    { code: "OEM05", name: "解放卡车厂", lat: 43.83, lng: 125.18, selected: true },
  ],
  points: [
    { id: "a", name: "甲公司", lat: 43.9, lng: 125.3, group: "A" },
    { id: "b", name: "乙公司", lat: 43.7, lng: 126.5, group: "E" },
    { id: "c", name: "丙公司", lat: 44.1, lng: 124.9, group: "A" },
    { id: "d", name: "<b>丁</b>", lat: 42.9, lng: 129.5, group: null },
  ],
  circles: [{ lat: 43.85, lng: 125.25, radiusKm: 100 }],
  groups: [
    { code: "A", name: "发动机系统" },
    { code: "B", name: "底盘" },
    { code: "E", name: "电子电器" },
  ],
  labels,
  ...over,
});

type Series = { type: string; name: string; data: unknown[]; label?: { show?: boolean } };
const seriesOf = (d: MapData) => mapOption(d).series as Series[];

describe("the map's option", () => {
  it("draws each circle at its radius around its centre, closed", () => {
    const c = { lat: 43.85, lng: 125.25 };
    const ring = circleCoords(c, 100);
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    for (const [lng, lat] of ring) expect(haversineKm(c, { lat, lng })).toBeCloseTo(100, 0);
    const lines = seriesOf(data()).find((s) => s.type === "lines")!;
    expect(lines.name).toBe("百公里配套圈");
    expect(lines.data).toHaveLength(1);
    const fourteen = seriesOf(data({ circles: Array.from({ length: 14 }, () => ({ ...c, radiusKm: 100 })) }));
    expect(fourteen.find((s) => s.type === "lines")!.data).toHaveLength(14);
  });

  it("puts the sites in one series per category group present, in the taxonomy's order, with a legend", () => {
    const series = seriesOf(data()).filter((s) => s.type === "scatter" && s.name !== "整车工厂");
    expect(series.map((s) => [s.name, s.data.length])).toEqual([
      ["发动机系统", 2],
      ["电子电器", 1],
      ["其他", 1],
    ]);
    // No series for a group without sites (底盘), and it is not in the legend.
    expect(legendNames(data())).toEqual(["整车工厂", "百公里配套圈", "发动机系统", "电子电器", "其他"]);
    expect((mapOption(data()).legend as { data: string[] }).data).toEqual(legendNames(data()));
    expect(legendNames(data({ circles: [], points: [] }))).toEqual(["整车工厂"]);
  });

  it("labels the plants by name unless told not to, and marks the chosen plant", () => {
    const plants = seriesOf(data()).find((s) => s.name === "整车工厂")!;
    expect(plants.label!.show).toBe(true);
    expect((plants.data as { name: string }[]).map((p) => p.name)).toEqual(["红旗繁荣工厂", "解放卡车厂"]);
    expect((plants.data as { itemStyle?: unknown }[])[1]!.itemStyle).toBeDefined();
    expect((plants.data as { itemStyle?: unknown }[])[0]!.itemStyle).toBeUndefined();
    // Plants at nearly one point: one name printed (the chosen plant's), not several over each other.
    expect([...labelledPlants(data().plants)]).toEqual(["OEM05"]);
    const far = { code: "OEM14", name: "延边", lat: 42.9, lng: 129.5 };
    expect(labelledPlants([...data().plants, far])).toEqual(new Set(["OEM05", "OEM14"]));
    expect((plants.data as { label?: { show: boolean } }[])[0]!.label).toEqual({ show: false });
    const unlabelled = seriesOf(data({ plantLabels: false })).find((s) => s.name === "整车工厂")!;
    expect(unlabelled.label!.show).toBe(false);
  });

  it("zooms and pans on the offline Jilin map and draws the placed site as a marker", () => {
    const option = mapOption(data({ marker: { lat: 43.5, lng: 126 } }));
    const geo = option.geo as { map: string; roam: boolean };
    expect(geo.map).toBe("jilin");
    expect(geo.roam).toBe(true);
    const marker = (option.series as Series[]).find((s) => s.name === "厂区位置")!;
    expect(marker.data).toEqual([expect.objectContaining({ value: [126, 43.5] })]);
    expect((mapOption(data()).series as Series[]).some((s) => s.name === "厂区位置")).toBe(false);
  });

  it("names plants and suppliers in the tooltip, escaping what suppliers typed", () => {
    const tooltip = mapOption(data()).tooltip as { formatter: (p: unknown) => string };
    expect(tooltip.formatter({ seriesName: "整车工厂", name: "红旗繁荣工厂", data: { kind: "plant" } })).toBe(
      "<strong>红旗繁荣工厂</strong><br>整车工厂",
    );
    expect(tooltip.formatter({ seriesName: "其他", name: "<b>丁</b>", data: { kind: "supplier" } })).toBe(
      "<strong>&lt;b&gt;丁&lt;/b&gt;</strong><br>供应商 · 其他",
    );
  });
});
