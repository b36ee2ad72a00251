import { useEffect, useRef } from "react";
import { heatmapOption, type HeatmapData } from "../features/chain/heatmap-option";

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
  const ref = useRef<HTMLDivElement>(null);
  const onCellRef = useRef(onCell);
  onCellRef.current = onCell;
  const key = JSON.stringify(data);
  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | undefined;
    import("echarts").then((echarts) => {
      if (disposed || !ref.current) return;
      ref.current.innerHTML = "";
      const chart = echarts.init(ref.current, null, { renderer: "svg" });
      chart.setOption(heatmapOption(data));
      chart.on("click", (p) => {
        const v = p.value;
        if (Array.isArray(v)) onCellRef.current(Number(v[0]), Number(v[1]));
      });
      const onResize = () => chart.resize();
      window.addEventListener("resize", onResize);
      dispose = () => {
        window.removeEventListener("resize", onResize);
        chart.dispose();
      };
    });
    return () => {
      disposed = true;
      dispose?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return (
    <div
      ref={ref}
      className="chart chain-heatmap"
      style={{ height }}
      role="img"
      aria-label={label}
      data-testid="chain-heatmap"
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
