import { heatmapOption, type HeatmapData } from "../features/chain/heatmap-option";
import { Chart } from "./Chart";

/**
 * The chain map's heatmap: first painted from the server's SVG; in the browser ECharts takes
 * over the same container (tooltips) and a click on a cell calls `onCell` with its column
 * and row indexes. Without JavaScript the SVG stays and the table beside it holds the links.
 */
export function ChainHeatmap({
  data,
  svg,
  height,
  label,
  onCell,
}: {
  data: HeatmapData;
  svg: string;
  height: number;
  label: string;
  onCell: (column: number, row: number) => void;
}) {
  return (
    <Chart
      option={heatmapOption(data)}
      svg={svg}
      height={height}
      label={label}
      testId="chain-heatmap"
      className="chain-heatmap"
      onClick={(event) => {
        const v = event.value;
        if (Array.isArray(v)) onCell(Number(v[0]), Number(v[1]));
      }}
    />
  );
}
