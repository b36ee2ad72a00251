import * as echarts from "echarts";
import { mapGeometry } from "./geometry.server";
import { MAP_NAME, mapOption, type MapData } from "./map-option";

let registered = false;

/** The first paint's size; the SVG scales to its container (it has a viewBox). */
export const MAP_SVG_WIDTH = 640;
export const MAP_SVG_HEIGHT = 560;

/** A map rendered to SVG on the server (ECharts SSR): what a page shows before and without JavaScript. */
export function renderMapSvg(data: MapData, width = MAP_SVG_WIDTH, height = MAP_SVG_HEIGHT): string {
  if (!registered) {
    echarts.registerMap(MAP_NAME, mapGeometry() as never);
    registered = true;
  }
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption(mapOption(data));
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** What the map component takes from a loader: the data (for the browser) and its first paint. */
export interface MapView {
  data: MapData;
  svg: string;
}

export function mapView(data: MapData): MapView {
  return { data, svg: renderMapSvg(data) };
}
