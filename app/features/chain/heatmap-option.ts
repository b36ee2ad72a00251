import type { EChartsOption } from "echarts";

/** What the heatmap needs, as plain data (it crosses the loader's JSON). */
export interface HeatmapData {
  columns: string[];
  rows: string[];
  /** [columnIndex, rowIndex, status value (0 gap, 1 thin, 2 covered), verified inside, tooltip text] */
  cells: [number, number, number, number, string][];
  legend: { gap: string; thin: string; covered: string };
}

export const CHAIN_COLOURS = { gap: "#d64545", thin: "#f0b429", covered: "#3f9142" } as const;

/** Height in px of a heatmap of `rows` rows. */
export function heatmapHeight(rows: number): number {
  return Math.max(220, rows * 20 + 90);
}

/**
 * The chain map as an ECharts heatmap: columns × categories, each cell coloured by its
 * status; the figures are in its tooltip and in the table beside it. Pure: the server
 * renders it to SVG, the browser builds the same option and takes over. No cell labels and
 * no split areas: with them the server's render of 65 × 14 cells took 1.7 s instead of 0.2 s.
 */
export function heatmapOption(d: HeatmapData): EChartsOption {
  return {
    animation: false,
    grid: { left: 170, right: 12, top: 48, bottom: 12 },
    tooltip: {
      position: "top",
      formatter: (p: unknown) => {
        const v = (p as { value?: unknown[] }).value;
        return Array.isArray(v) ? String(v[4] ?? "") : "";
      },
    },
    xAxis: {
      type: "category",
      data: d.columns,
      position: "top",
      axisLabel: { interval: 0, rotate: 40, fontSize: 10 },
    },
    yAxis: {
      type: "category",
      data: d.rows,
      inverse: true,
      axisLabel: { interval: 0, fontSize: 10, width: 160, overflow: "truncate" },
    },
    visualMap: {
      type: "piecewise",
      show: false,
      dimension: 2,
      pieces: [
        { value: 0, label: d.legend.gap, color: CHAIN_COLOURS.gap },
        { value: 1, label: d.legend.thin, color: CHAIN_COLOURS.thin },
        { value: 2, label: d.legend.covered, color: CHAIN_COLOURS.covered },
      ],
    },
    series: [
      {
        type: "heatmap",
        data: d.cells,
        itemStyle: { borderColor: "#fff", borderWidth: 1 },
      },
    ],
  };
}
