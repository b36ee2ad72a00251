import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { dashboardMapSvg } from "../features/dashboard/map-svg.server";
import { translate } from "../lib/i18n";
import { getLang } from "../lib/lang.server";

/** The officials' map as an SVG document (embedded by the dashboard). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  authorize(context, request, "dashboard.read");
  const lang = await getLang(request);
  const svg = await dashboardMapSvg(context.db, {
    lang,
    tileUrl: context.publicConfig.mapTileUrl,
    label: translate(lang, "dash.map"),
  });
  return new Response(svg, {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "private, max-age=60", Vary: "Cookie" },
  });
}
