import type { AppLoadContext } from "@remix-run/node";
import { authorize } from "../../auth/guard.server";
import { ledgerYears } from "../../../db/dashboard.server";
import { coverageFrom, resolveYear } from "../../domain/partial-year";
import { drillData } from "./drill.server";
import { gapList } from "./gap-list.server";
import { dashboardData } from "./rates-overview.server";
import { dashboardParams } from "./schemas";
import { dashboardTables, drillTables } from "./tables";
import { getLang } from "../../lib/lang.server";
import { ttlCache } from "../../lib/ttl-cache.server";

// Dashboard figures are aggregates over the whole ledger: computed at most every 15 s per
// scope, year and basis, so a crowd of officials opening the page costs one computation.
const cache = ttlCache<{
  data: Awaited<ReturnType<typeof dashboardData>>;
  gaps: Awaited<ReturnType<typeof gapList>> | null;
}>(15_000);
const yearsCache = ttlCache<Awaited<ReturnType<typeof ledgerYears>>>(15_000);
const drillCache = ttlCache<Awaited<ReturnType<typeof drillData>>>(15_000);

/** The dashboard for the asking user: officials see the province, OEM users their own OEM. */
export async function loadDashboard(context: AppLoadContext, request: Request) {
  const actor = authorize(context, request, "dashboard.read");
  const query = dashboardParams.parse(Object.fromEntries(new URL(request.url).searchParams));
  const oemId = actor.organizationKind === "oem" ? actor.organizationId : undefined;
  const lang = await getLang(request);
  // The years offered are the ledger's; an empty or unknown year shows the latest, and says so.
  let ledger = await yearsCache(oemId ?? "all", () => ledgerYears(context.db, oemId));
  // A year just posted is not in a list read a moment ago: asked for, it is looked up afresh.
  if (query.year && /^\d{4}$/.test(query.year.trim()) && !ledger.some((y) => y.year === Number(query.year)))
    ledger = await ledgerYears(context.db, oemId);
  const years = ledger.map((y) => ({ year: y.year, ...coverageFrom(y.lastQuarter, y.wholeYear) }));
  const resolved = resolveYear(
    query.year,
    years.map((y) => y.year),
    new Date().getFullYear(),
  );
  const params = { year: resolved.year, basis: query.basis, view: query.view };
  const { data, gaps } = await cache(`${oemId ?? "all"}|${params.year}|${params.basis}`, async () => {
    const [data, gaps] = await Promise.all([
      dashboardData(context.db, { year: params.year, basis: params.basis, oemId }),
      gapList(context.db, context.search, { oemId, gapMin: context.thresholds.gapMin }).catch(() => null),
    ]);
    return { data, gaps };
  });
  const drillQuery = { view: query.view, oem: query.oem, plant: query.plant, category: query.category };
  const drill = await drillCache(JSON.stringify([oemId ?? "all", params.year, params.basis, drillQuery]), () =>
    drillData(context.db, { ...drillQuery, year: params.year, basis: params.basis, scopeOemId: oemId }),
  );
  // The headline figures: the whole scope (province, or the OEM), a partial year against the same quarters.
  const headline =
    drill.at.oem || drill.at.plant || drill.at.category
      ? await drillCache(JSON.stringify([oemId ?? "all", params.year, params.basis]), () =>
          drillData(context.db, { view: "oem", year: params.year, basis: params.basis, scopeOemId: oemId }),
        )
      : drill;
  const scoped = Boolean(oemId);
  return {
    actor,
    params,
    years,
    yearNotice: { notice: resolved.notice, asked: resolved.asked },
    drill,
    headline: headline.total,
    coverage: headline.coverage,
    data,
    gaps,
    tables: [...drillTables(drill, lang, { view: query.view, scoped }), ...dashboardTables(data, gaps ?? [], lang)],
    lang,
    scoped,
  };
}
