import type { AppLoadContext } from "@remix-run/node";
import { authorize } from "../../auth/guard.server";
import { gapList } from "./gap-list.server";
import { dashboardData } from "./rates-overview.server";
import { dashboardParams } from "./schemas";
import { dashboardTables } from "./tables";
import { getLang } from "../../lib/lang.server";
import { ttlCache } from "../../lib/ttl-cache.server";

// Dashboard figures are aggregates over the whole ledger: computed at most every 15 s per
// scope, year and basis, so a crowd of officials opening the page costs one computation.
const cache = ttlCache<{
  data: Awaited<ReturnType<typeof dashboardData>>;
  gaps: Awaited<ReturnType<typeof gapList>> | null;
}>(15_000);

/** The dashboard for the asking user: officials see the province, OEM users their own OEM. */
export async function loadDashboard(context: AppLoadContext, request: Request) {
  const actor = authorize(context, request, "dashboard.read");
  const params = dashboardParams.parse(Object.fromEntries(new URL(request.url).searchParams));
  const oemId = actor.organizationKind === "oem" ? actor.organizationId : undefined;
  const lang = await getLang(request);
  const { data, gaps } = await cache(`${oemId ?? "all"}|${params.year}|${params.basis}`, async () => {
    const [data, gaps] = await Promise.all([
      dashboardData(context.db, { year: params.year, basis: params.basis, oemId }),
      gapList(context.db, context.search, { oemId, gapMin: context.thresholds.gapMin }).catch(() => null),
    ]);
    return { data, gaps };
  });
  return { actor, params, data, gaps, tables: dashboardTables(data, gaps ?? [], lang), lang, scoped: Boolean(oemId) };
}
