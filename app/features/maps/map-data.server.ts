import type { LatLng } from "../../domain/geo";
import { localName, translate, type Lang } from "../../lib/i18n";
import type { MapData } from "./map-option";
import { mapView, type MapView } from "./map-svg.server";

type Named = { name_zh: string; name_en: string | null };

export interface MapInput {
  plants: (Named & { code: string; lat: number; lng: number })[];
  /** The taxonomy (its level-1 rows name the legend's groups). */
  categories: (Named & { code: string; level: number })[];
  points: (Named & { id: string; lat: number; lng: number; group?: string | null })[];
  circles?: { lat: number; lng: number; radiusKm: number }[];
  selectedPlant?: string | null;
  marker?: LatLng | null;
  plantLabels?: boolean;
}

/** A map's data in one language: names, legend groups and labels from the catalogue. */
export function mapData(lang: Lang, input: MapInput): MapData {
  const name = (o: Named) => localName(lang, { name_zh: o.name_zh, name_en: o.name_en ?? "" });
  return {
    plants: input.plants.map((p) => ({
      code: p.code,
      name: name(p),
      lat: p.lat,
      lng: p.lng,
      ...(p.code === input.selectedPlant ? { selected: true } : {}),
    })),
    points: input.points.map((p) => ({ id: p.id, name: name(p), lat: p.lat, lng: p.lng, group: p.group ?? null })),
    circles: input.circles ?? [],
    groups: input.categories.filter((c) => c.level === 1).map((c) => ({ code: c.code, name: name(c) })),
    labels: {
      plants: translate(lang, "map.plants"),
      circles: translate(lang, "map.circles"),
      other: translate(lang, "map.other"),
      plant: translate(lang, "map.plant"),
      supplier: translate(lang, "map.supplier"),
      site: translate(lang, "map.site"),
    },
    plantLabels: input.plantLabels ?? true,
    marker: input.marker ?? null,
  };
}

/** A map's data and its server-rendered SVG (first paint), for a loader. */
export function mapViewFor(lang: Lang, input: MapInput): MapView {
  return mapView(mapData(lang, input));
}
