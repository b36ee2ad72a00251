import type { EChartsOption } from "echarts";
import { EARTH_RADIUS_KM, haversineKm, type LatLng } from "../../domain/geo";

// The one map of Peitao: Apache ECharts' `geo` component on Jilin's offline boundaries.
// This builder is pure and shared: the server renders its option to SVG for the first
// paint, the browser builds the same option from the same plain data (loader JSON) and
// makes it interactive (zoom and pan, tooltips, legend). Functions (tooltip formatter)
// are added here, never sent through JSON.

/** The name under which the boundaries are registered with echarts.registerMap. */
export const MAP_NAME = "jilin";

export const BRAND = "#b3202a";

/** One colour per category group (A–K of the taxonomy); "other" for a site without one. */
export const GROUP_COLOURS: Record<string, string> = {
  A: "#d62728",
  B: "#ff7f0e",
  C: "#9467bd",
  D: "#2ca02c",
  E: "#1f77b4",
  F: "#8c564b",
  G: "#e377c2",
  H: "#17becf",
  J: "#7f7f7f",
  K: "#bcbd22",
};
const OTHER_COLOUR = "#0b5cad";

export interface MapPlant {
  code: string;
  name: string;
  lat: number;
  lng: number;
  selected?: boolean;
}

export interface MapPoint {
  id: string;
  /** The supplier's name (tooltip). */
  name: string;
  lat: number;
  lng: number;
  /** The category group code (legend); none: "other". */
  group?: string | null;
}

/** Everything a map shows, as plain data that crosses the loader's JSON. */
export interface MapData {
  plants: MapPlant[];
  points: MapPoint[];
  circles: { lat: number; lng: number; radiusKm: number }[];
  /** The category groups' names, by code, in legend order. */
  groups: { code: string; name: string }[];
  labels: {
    plants: string;
    circles: string;
    other: string;
    plant: string;
    supplier: string;
    site: string;
  };
  /** Plant names drawn next to the plants. */
  plantLabels?: boolean;
  /** The site being placed (profile). */
  marker?: LatLng | null;
}

/** The points of a circle of `radiusKm` around `center` on the sphere, as [lng, lat], closed. */
export function circleCoords(center: LatLng, radiusKm: number, steps = 72): [number, number][] {
  const rad = Math.PI / 180;
  const d = radiusKm / EARTH_RADIUS_KM;
  const φ1 = center.lat * rad;
  const λ1 = center.lng * rad;
  const out: [number, number][] = [];
  for (let i = 0; i <= steps; i++) {
    const θ = (2 * Math.PI * i) / steps;
    const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(θ));
    const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
    out.push([Math.round((λ2 / rad) * 1e5) / 1e5, Math.round((φ2 / rad) * 1e5) / 1e5]);
  }
  return out;
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

interface TooltipParams {
  seriesName?: string;
  name?: string;
  data?: unknown;
}

/** The legend's series names, in order: plants, circles, then each group present. */
export function legendNames(data: MapData): string[] {
  const present = new Set(data.points.map((p) => p.group ?? ""));
  const groups = data.groups.filter((g) => present.has(g.code)).map((g) => g.name);
  const known = new Set(data.groups.map((g) => g.code));
  const other = data.points.some((p) => !p.group || !known.has(p.group)) ? [data.labels.other] : [];
  return [
    ...(data.plants.length ? [data.labels.plants] : []),
    ...(data.circles.length ? [data.labels.circles] : []),
    ...groups,
    ...other,
  ];
}

/**
 * Which plants carry a label: the first of plants closer than `km` to each other (the
 * Changchun development zone holds several at nearly one point; the others' names would
 * print over it). The tooltip still names every plant.
 */
export function labelledPlants(plants: MapPlant[], km = 8): Set<string> {
  const shown: MapPlant[] = [];
  for (const p of [...plants].sort((a, b) => Number(Boolean(b.selected)) - Number(Boolean(a.selected))))
    if (!shown.some((q) => haversineKm(p, q) < km)) shown.push(p);
  return new Set(shown.map((p) => p.code));
}

/** The ECharts option of a map: geo boundaries, circles, supplier sites by group, plants, marker. */
export function mapOption(data: MapData): EChartsOption {
  const known = new Map(data.groups.map((g) => [g.code, g.name]));
  const byGroup = new Map<string, MapPoint[]>();
  for (const p of data.points) {
    const key = p.group && known.has(p.group) ? p.group : "";
    byGroup.set(key, [...(byGroup.get(key) ?? []), p]);
  }
  const groupSeries = [...data.groups.map((g) => g.code), ""]
    .filter((code) => byGroup.has(code))
    .map((code) => ({
      type: "scatter" as const,
      name: code ? known.get(code)! : data.labels.other,
      coordinateSystem: "geo" as const,
      symbolSize: 7,
      itemStyle: { color: code ? (GROUP_COLOURS[code] ?? OTHER_COLOUR) : OTHER_COLOUR, opacity: 0.75 },
      emphasis: { scale: 1.8 },
      data: byGroup.get(code)!.map((p) => ({ name: p.name, value: [p.lng, p.lat], id: p.id, kind: "supplier" })),
      z: 3,
    }));
  const labelled = labelledPlants(data.plants);
  const tooltipFormatter = (params: TooltipParams | TooltipParams[]) => {
    const p = Array.isArray(params) ? params[0] : params;
    if (!p?.name) return "";
    const kind = (p.data as { kind?: string } | undefined)?.kind;
    const what =
      kind === "plant"
        ? data.labels.plant
        : kind === "marker"
          ? data.labels.site
          : kind === "supplier"
            ? `${data.labels.supplier} · ${p.seriesName ?? ""}`
            : "";
    return `<strong>${escapeHtml(p.name)}</strong>${what ? `<br>${escapeHtml(what)}` : ""}`;
  };
  return {
    animation: false,
    tooltip: { trigger: "item", confine: true, formatter: tooltipFormatter as never },
    legend: {
      data: legendNames(data),
      bottom: 0,
      left: "center",
      type: "scroll",
      itemWidth: 14,
      itemHeight: 10,
      textStyle: { fontSize: 11 },
    },
    geo: {
      map: MAP_NAME,
      roam: true,
      scaleLimit: { min: 0.8, max: 16 },
      top: 8,
      bottom: 40,
      left: 8,
      right: 8,
      aspectScale: 0.73, // cos(43.5°): Jilin's parallels
      itemStyle: { areaColor: "#fbfbf8", borderColor: "#9aa7b4", borderWidth: 0.8 },
      emphasis: { itemStyle: { areaColor: "#f1f3ee" }, label: { show: false } },
      select: { disabled: true },
      label: { show: false },
    },
    series: [
      {
        type: "lines",
        name: data.labels.circles,
        coordinateSystem: "geo",
        polyline: true,
        silent: true,
        lineStyle: { color: BRAND, width: 1.2, type: "dashed", opacity: 0.7 },
        data: data.circles.map((c) => ({ coords: circleCoords(c, c.radiusKm) })),
        z: 2,
      },
      ...groupSeries,
      {
        type: "scatter",
        name: data.labels.plants,
        coordinateSystem: "geo",
        symbol: "diamond",
        symbolSize: 13,
        itemStyle: { color: "#fff", borderColor: BRAND, borderWidth: 2 },
        label: {
          show: data.plantLabels ?? true,
          formatter: "{b}",
          position: "right",
          fontSize: 11,
          color: "#333",
          textBorderColor: "#fff",
          textBorderWidth: 2,
        },
        labelLayout: { hideOverlap: true },
        data: data.plants.map((p) => ({
          name: p.name,
          value: [p.lng, p.lat],
          kind: "plant",
          ...(p.selected ? { itemStyle: { color: BRAND } } : {}),
          ...(labelled.has(p.code) ? {} : { label: { show: false } }),
        })),
        z: 4,
      },
      ...(data.marker
        ? [
            {
              type: "scatter" as const,
              name: data.labels.site,
              coordinateSystem: "geo" as const,
              symbol: "pin",
              symbolSize: 30,
              symbolOffset: [0, "-50%"],
              itemStyle: { color: BRAND },
              data: [{ name: data.labels.site, value: [data.marker.lng, data.marker.lat], kind: "marker" }],
              z: 5,
            },
          ]
        : []),
    ],
  } as EChartsOption;
}
