// The browser's ECharts for maps: only the pieces a map uses (loaded on demand by
// SupplierMap, never part of a page's first bundle).
import * as echarts from "echarts/core";
import { GeoComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { LinesChart, ScatterChart } from "echarts/charts";
import { SVGRenderer } from "echarts/renderers";
import { MAP_NAME } from "../features/maps/map-option";

echarts.use([GeoComponent, TooltipComponent, LegendComponent, ScatterChart, LinesChart, SVGRenderer]);

let geometry: Promise<void> | undefined;

/** Fetch the offline boundaries once per page and register them (same geometry as the server's). */
export function ensureMap(): Promise<void> {
  geometry ??= fetch("/maps/jilin.json")
    .then((r) => {
      if (!r.ok) throw new Error(`map geometry: ${r.status}`);
      return r.json();
    })
    .then((geo) => echarts.registerMap(MAP_NAME, geo));
  geometry.catch(() => (geometry = undefined));
  return geometry;
}

export { echarts };
