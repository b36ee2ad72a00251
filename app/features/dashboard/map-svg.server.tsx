import { renderToStaticMarkup } from "react-dom/server";
import type { DB } from "../../../db/connection.server";
import { listPlantsBasic } from "../../../db/catalog.server";
import { supplierSitePoints } from "../../../db/stats.server";
import { SupplierMap } from "../../components/SupplierMap";
import { localName, type Lang } from "../../lib/i18n";
import { baseLayer } from "./base-map.server";
import { ttlCache } from "../../lib/ttl-cache.server";

/** The officials' map shows at most this many supplier sites. */
export const MAP_POINTS_MAX = 1_500;

// The same drawing for every viewer of a language (sites and plants are public); redrawn
// at most once a minute per process.
const cache = ttlCache<string>(60_000);

/**
 * The dashboard's map of all plants with their 100 km circles and the supplier sites, as a
 * standalone SVG document: served by /dashboard/map.svg so that the 1,500 sites are neither
 * rendered into every dashboard page nor shipped again in its hydration data.
 */
export function dashboardMapSvg(db: DB, opts: { lang: Lang; tileUrl: string | null; label: string }): Promise<string> {
  return cache(`${opts.lang}|${opts.tileUrl ?? ""}`, async () => {
    const [plants, points] = await Promise.all([listPlantsBasic(db), supplierSitePoints(db, MAP_POINTS_MAX)]);
    const markup = renderToStaticMarkup(
      <SupplierMap
        base={baseLayer().prefectures}
        plants={plants.map((p) => ({ code: p.code, name: localName(opts.lang, p), lat: p.lat, lng: p.lng }))}
        points={points.map((p) => ({ id: p.id, lat: p.lat, lng: p.lng, group: p.group ?? undefined }))}
        plantCircles={100}
        tileUrl={opts.tileUrl}
        label={opts.label}
      />,
    );
    return `<?xml version="1.0" encoding="UTF-8"?>\n${markup}`;
  });
}
