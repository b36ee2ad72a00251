import * as echarts from "echarts";
import type { EChartsOption } from "echarts";

/** Render an ECharts option to SVG on the server: the chart's first paint, without JavaScript. */
export function renderChartSvg(option: EChartsOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption(option);
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
