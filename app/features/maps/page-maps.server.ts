import type { DB } from "../../../db/connection.server";
import { listCategories, listPlantsBasic } from "../../../db/catalog.server";
import { supplierSitePoints } from "../../../db/stats.server";
import type { Lang } from "../../lib/i18n";
import { ttlCache } from "../../lib/ttl-cache.server";
import { mapData, mapViewFor } from "./map-data.server";
import type { MapData } from "./map-option";
import { renderMapSvg, type MapView } from "./map-svg.server";

/** The supply circle drawn around every plant, km. */
export const CIRCLE_KM = 100;

type Named = { name_zh: string; name_en: string | null };
type Plant = Named & { code: string; lat: number; lng: number };
type Category = Named & { code: string; level: number };

/** The directory's map: the plants, the result's sites by group, the chosen plant's circle. */
export function directoryMapView(
  lang: Lang,
  page: {
    plants: Plant[];
    categories: Category[];
    params: { plant?: string | null; radius_km: number };
    result: { points: (Named & { supplier_id: string; lat: number; lng: number; group: string | null })[] } | null;
  },
): MapView | null {
  if (!page.result) return null;
  const plant = page.plants.find((p) => p.code === page.params.plant);
  return mapViewFor(lang, {
    plants: page.plants,
    categories: page.categories,
    points: page.result.points.map((p) => ({ ...p, id: p.supplier_id })),
    circles: plant ? [{ lat: plant.lat, lng: plant.lng, radiusKm: page.params.radius_km }] : [],
    selectedPlant: plant?.code ?? null,
  });
}

/** A supplier's page: its sites among the plants. */
export function supplierMapView(
  lang: Lang,
  input: {
    plants: Plant[];
    categories: (Category & { parent_code: string | null })[];
    supplier: { nameZh: string; nameEn: string | null; categories: string[] };
    sites: { id?: string; lat: number; lng: number }[];
  },
): MapView {
  const parent = new Map(input.categories.map((c) => [c.code, c.parent_code]));
  const group = input.supplier.categories.map((c) => parent.get(c)).find(Boolean) ?? null;
  return mapViewFor(lang, {
    plants: input.plants,
    categories: input.categories,
    points: input.sites.map((s, i) => ({
      id: s.id ?? String(i),
      name_zh: input.supplier.nameZh,
      name_en: input.supplier.nameEn,
      lat: s.lat,
      lng: s.lng,
      group,
    })),
  });
}

/** The plants page: every plant in service with its 100 km circle. */
export async function plantsMapView(db: DB, lang: Lang): Promise<MapView> {
  const [plants, categories] = await Promise.all([listPlantsBasic(db), listCategories(db)]);
  return mapViewFor(lang, {
    plants,
    categories,
    points: [],
    circles: plants.map((p) => ({ lat: p.lat, lng: p.lng, radiusKm: CIRCLE_KM })),
  });
}

/** The profile's map: the plants and the supplier's own sites; the browser adds the marker. */
export function profileMapView(
  lang: Lang,
  input: {
    plants: Plant[];
    categories: Category[];
    name: Named;
    sites: { id?: string; lat: number; lng: number }[];
  },
): MapView {
  return mapViewFor(lang, {
    plants: input.plants,
    categories: input.categories,
    points: input.sites.map((s, i) => ({ id: s.id ?? String(i), ...input.name, lat: s.lat, lng: s.lng })),
    plantLabels: false,
  });
}

/** The officials' map shows at most this many supplier sites. */
export const MAP_POINTS_MAX = 1_500;

// The same map for every viewer of a language (sites and plants are public); rebuilt at
// most once a minute per process.
const dataCache = ttlCache<MapData>(60_000);
const svgCache = ttlCache<string>(60_000);

/**
 * The dashboard's map: all plants with their 100 km circles and up to 1,500 supplier sites
 * by group. Served apart from the page (/dashboard/map.svg, /dashboard/map.json) so that
 * the sites are neither rendered into every dashboard page nor shipped in its hydration data.
 */
export function dashboardMapData(db: DB, lang: Lang): Promise<MapData> {
  return dataCache(lang, async () => {
    const [plants, categories, points] = await Promise.all([
      listPlantsBasic(db),
      listCategories(db),
      supplierSitePoints(db, MAP_POINTS_MAX),
    ]);
    return mapData(lang, {
      plants,
      categories,
      points: points.map((p) => ({ ...p, group: p.group ?? null })),
      circles: plants.map((p) => ({ lat: p.lat, lng: p.lng, radiusKm: CIRCLE_KM })),
    });
  });
}

/** The dashboard's map as a standalone SVG document (its first paint). */
export function dashboardMapSvg(db: DB, lang: Lang): Promise<string> {
  return svgCache(lang, async () => {
    const svg = renderMapSvg(await dashboardMapData(db, lang));
    return `<?xml version="1.0" encoding="UTF-8"?>\n${svg}`;
  });
}
