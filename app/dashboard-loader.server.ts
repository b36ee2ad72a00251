import type { AppLoadContext } from "@remix-run/node";
import { z } from "zod";
import { authorize } from "./auth/guard.server";
import { dashboardData, gapList } from "./dashboard.server";
import { dashboardTables } from "./dashboard-tables";
import { getLang } from "./lang.server";

export const dashboardParams = z.object({
  year: z.coerce.number().int().min(2000).max(2100).catch(new Date().getFullYear()),
  basis: z.enum(["province", "circle"]).catch("province"),
});

/** The dashboard for the asking user: officials see the province, OEM users their own OEM. */
export async function loadDashboard(context: AppLoadContext, request: Request) {
  const actor = authorize(context, request, "dashboard.read");
  const params = dashboardParams.parse(Object.fromEntries(new URL(request.url).searchParams));
  const oemId = actor.organizationKind === "oem" ? actor.organizationId : undefined;
  const lang = await getLang(request);
  const [data, gaps] = await Promise.all([
    dashboardData(context.db, { year: params.year, basis: params.basis, oemId }),
    gapList(context.db, context.search, { oemId }).catch(() => null),
  ]);
  return { actor, params, data, gaps, tables: dashboardTables(data, gaps ?? [], lang), lang, scoped: Boolean(oemId) };
}
