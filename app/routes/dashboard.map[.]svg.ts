import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { dashboardMapSvg } from "../features/maps/page-maps.server";
import { getLang } from "../lib/lang.server";

/** The officials' map as an SVG document: the dashboard map's first paint (ECharts SSR). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  authorize(context, request, "dashboard.read");
  const svg = await dashboardMapSvg(context.db, await getLang(request));
  return new Response(svg, {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "private, max-age=60", Vary: "Cookie" },
  });
}
