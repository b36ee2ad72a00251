import { useEffect, useRef, useState } from "react";
import type { LatLng } from "../domain/geo";
import { mapOption, type MapData } from "../features/maps/map-option";

/**
 * What a map shows: its data and its server-rendered first paint, inline (`svg`, from a
 * loader's `mapView`) or by address (`svgSrc`, with `dataSrc` for the data: the
 * dashboard's 1,500 sites stay out of its hydration data).
 */
export interface MapSource {
  data?: MapData | null;
  svg?: string;
  svgSrc?: string;
  dataSrc?: string;
}

export interface MapProps {
  view: MapSource;
  label: string;
  testId?: string;
  /** The site being placed, drawn as a marker (overrides the data's). */
  marker?: LatLng | null;
  /** With JavaScript: called with the WGS-84 point the user clicked. */
  onPick?: (point: LatLng) => void;
}

const attr = (s: string) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

type Chart = ReturnType<(typeof import("echarts/core"))["init"]>;

/**
 * The map (Apache ECharts `geo` on Jilin's offline boundaries): painted first from the
 * server's SVG, then, in the browser, the same option made interactive: zoom and pan,
 * tooltips, the legend by category group; with `onPick`, a click places the site.
 */
export function SupplierMap({ view, label, testId, marker, onPick }: MapProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chartRef = useRef<Chart | null>(null);
  const [data, setData] = useState<MapData | null>(view.data ?? null);
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const markerRef = useRef(marker);
  markerRef.current = marker;
  const dataKey = view.data ? JSON.stringify(view.data) : (view.dataSrc ?? "");

  useEffect(() => {
    let disposed = false;
    let cleanup: (() => void) | undefined;
    (async () => {
      const mapData: MapData | null =
        view.data ??
        (view.dataSrc ? ((await fetch(view.dataSrc).then((r) => (r.ok ? r.json() : null))) as MapData | null) : null);
      if (!mapData || disposed) return;
      const mod = await import("./map-echarts");
      await mod.ensureMap();
      const el = ref.current;
      if (disposed || !el) return;
      el.innerHTML = "";
      const chart = mod.echarts.init(el, null, { renderer: "svg" });
      chart.setOption(mapOption(markerRef.current === undefined ? mapData : { ...mapData, marker: markerRef.current }));
      chart.getZr().on("click", (e) => {
        if (!pickRef.current) return;
        const at = chart.convertFromPixel({ geoIndex: 0 }, [e.offsetX, e.offsetY]) as number[] | undefined;
        if (at && Number.isFinite(at[0]) && Number.isFinite(at[1])) pickRef.current({ lng: at[0]!, lat: at[1]! });
      });
      const observer = new ResizeObserver(() => chart.resize());
      observer.observe(el);
      chartRef.current = chart;
      el.dataset.interactive = "1";
      setData(mapData);
      cleanup = () => {
        // The element may outlive this chart (a client navigation to another page with a
        // map): it is not interactive again until the next chart has taken it over.
        delete el.dataset.interactive;
        observer.disconnect();
        chart.dispose();
        chartRef.current = null;
      };
    })().catch(() => {
      // Without the interactive map the server's drawing stays.
    });
    return () => {
      disposed = true;
      cleanup?.();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dataKey]);

  // A moved marker redraws the series only: zoom and pan stay.
  useEffect(() => {
    const chart = chartRef.current;
    if (!chart || !data || marker === undefined) return;
    chart.setOption(mapOption({ ...data, marker }), { replaceMerge: ["series"] });
  }, [marker, data]);

  const first = view.svg ?? (view.svgSrc ? `<img src="${attr(view.svgSrc)}" alt="${attr(label)}">` : "");
  return (
    <div
      ref={ref}
      className={onPick ? "supplier-map pickable" : "supplier-map"}
      role="img"
      aria-label={label}
      data-testid={testId ?? "supplier-map"}
      data-plants={data?.plants.length}
      data-points={data?.points.length}
      data-circles={data?.circles.length}
      // The server's drawing, kept until ECharts takes the element over.
      dangerouslySetInnerHTML={{ __html: first }}
      suppressHydrationWarning
    />
  );
}
