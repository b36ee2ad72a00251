import type { LoaderFunctionArgs } from "@remix-run/node";
import { authorize } from "../auth/guard.server";
import { dashboardMapData } from "../features/maps/page-maps.server";
import { getLang } from "../lib/lang.server";

/** The officials' map's data (plants, circles, sites by group), for the interactive map. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  authorize(context, request, "dashboard.read");
  const data = await dashboardMapData(context.db, await getLang(request));
  return new Response(JSON.stringify(data), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "private, max-age=60",
      Vary: "Cookie",
    },
  });
}
