import type { EChartsOption } from "echarts";
import { POLICY } from "../../domain/rates";

/** Line chart of yearly rates against the 40% threshold (ratios 0..1 → percent). */
export function trendOption(
  labels: string[],
  province: (number | null)[],
  circle: (number | null)[],
  names: { province: string; circle: string; threshold: string },
): EChartsOption {
  const pct = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 10);
  return {
    animation: false,
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    legend: { top: 0 },
    tooltip: { trigger: "axis", valueFormatter: (v) => `${v}%` },
    xAxis: { type: "category", data: labels },
    yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
    series: [
      { name: names.province, type: "line", data: province.map(pct), label: { show: true, formatter: "{c}%" } },
      { name: names.circle, type: "line", data: circle.map(pct) },
      {
        name: names.threshold,
        type: "line",
        data: labels.map(() => POLICY.minRate * 100),
        lineStyle: { type: "dashed" },
        symbol: "none",
      },
    ],
  };
}

/** Bars of rates per category group. */
export function barsOption(labels: string[], values: (number | null)[], name: string): EChartsOption {
  return {
    animation: false,
    grid: { left: 140, right: 40, top: 8, bottom: 24 },
    tooltip: { trigger: "axis", valueFormatter: (v) => `${v}%` },
    xAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
    yAxis: { type: "category", data: labels, inverse: true },
    series: [
      {
        name,
        type: "bar",
        data: values.map((v) => (v === null ? null : Math.round(v * 1000) / 10)),
        label: { show: true, position: "right", formatter: "{c}%" },
      },
    ],
  };
}
