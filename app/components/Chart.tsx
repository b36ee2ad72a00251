import type { ECElementEvent, EChartsOption } from "echarts";
import { useEffect, useRef } from "react";

/**
 * A chart painted first from server-rendered SVG; in the browser ECharts takes over the
 * same container (tooltips, legend toggles). Without JavaScript the SVG stays. The option
 * is built here from plain data (functions in options cannot cross the loader's JSON).
 * `onClick` receives ECharts' click events (the chain map's cells).
 */
export function Chart({
  option,
  svg,
  height,
  label,
  testId,
  className,
  onClick,
}: {
  option: EChartsOption;
  svg: string;
  height: number;
  label: string;
  testId?: string;
  className?: string;
  onClick?: (event: ECElementEvent) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const onClickRef = useRef(onClick);
  onClickRef.current = onClick;
  const key = JSON.stringify(option);
  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | undefined;
    import("echarts").then((echarts) => {
      if (disposed || !ref.current) return;
      ref.current.innerHTML = "";
      const chart = echarts.init(ref.current, null, { renderer: "svg" });
      chart.setOption(option);
      chart.on("click", (event) => onClickRef.current?.(event));
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
      className={className ? `chart ${className}` : "chart"}
      style={{ height }}
      role="img"
      aria-label={label}
      data-testid={testId}
      dangerouslySetInnerHTML={{ __html: svg }}
    />
  );
}
