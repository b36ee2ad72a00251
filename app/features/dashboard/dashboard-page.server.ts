import type { AppLoadContext } from "@remix-run/node";
import { moneyJson } from "../../domain/money";
import { localName, translate } from "../../lib/i18n";
import { ttlCache } from "../../lib/ttl-cache.server";
import { barsOption, trendOption } from "./chart-options";
import { renderChartSvg } from "./chart-svg.server";
import { loadDashboard } from "./load-dashboard.server";

// The charts' server-rendered SVG, the same for every viewer of the same figures.
const svgCache = ttlCache<string>(60_000);

/**
 * The dashboard page's data: figures, tables, the charts' data and their first paint as
 * SVG. Server only (the route's loader): the chart options are rebuilt in the browser
 * from the plain data, since functions in options cannot cross the loader's JSON.
 */
export async function dashboardPage(context: AppLoadContext, request: Request) {
  const { params, data, gaps, tables, lang, scoped, years, yearNotice, drill, headline, coverage } =
    await loadDashboard(context, request);
  const partialOf = new Map(years.filter((y) => y.partial).map((y) => [y.year, y.throughQuarter]));
  const names = {
    province: translate(lang, "dash.series.province"),
    circle: translate(lang, "dash.series.circle"),
    threshold: translate(lang, "dash.series.threshold"),
  };
  const trendData = {
    // A partial year says so on the axis: its rate is of fewer quarters.
    labels: data.trend.map((t) => (partialOf.has(t.year) ? `${t.year} Q1–Q${partialOf.get(t.year)}` : String(t.year))),
    province: data.trend.map((t) => t.province),
    circle: data.trend.map((t) => t.circle),
    names,
  };
  const groupData = {
    labels: data.groupRows.map((g) =>
      `${g.code} ${localName(lang, { name_zh: g.nameZh, name_en: g.nameEn })}`.slice(0, 18),
    ),
    values: data.groupRows.map((g) => g.rate),
    name: names.province,
  };
  // Sums are bigint, and cross the loader's JSON as exact decimal text. The headline is the
  // whole scope's, a partial year compared with the same quarters of the year before.
  const { unknown } = data.overview;
  const { current, check } = headline;
  const overview = {
    totalFen: moneyJson(current.totalFen),
    check: {
      ...check,
      fenToMinRate: moneyJson(check.fenToMinRate),
      fenToRise: check.fenToRise === null ? null : moneyJson(check.fenToRise),
      fenToNevTarget: moneyJson(check.fenToNevTarget),
    },
    unknown: { ...unknown, fen: moneyJson(unknown.fen) },
  };
  const name = (n: { nameZh: string; nameEn: string | null }) =>
    localName(lang, { name_zh: n.nameZh, name_en: n.nameEn });
  return {
    params,
    scoped,
    years,
    yearNotice,
    coverage,
    drill: {
      level: drill.level,
      unknown: drill.unknown,
      at: {
        oem: drill.at.oem ? { id: drill.at.oem.id, name: name(drill.at.oem) } : null,
        plant: drill.at.plant ? { code: drill.at.plant.code, name: name(drill.at.plant) } : null,
        category: drill.at.category
          ? { code: drill.at.category.code, name: `${drill.at.category.code} ${name(drill.at.category)}` }
          : null,
      },
    },
    overview,
    tables,
    gapsDown: gaps === null,
    trendData,
    trendSvg: await svgCache(`t|${JSON.stringify(trendData)}`, async () =>
      renderChartSvg(trendOption(trendData.labels, trendData.province, trendData.circle, names), 640, 300),
    ),
    groupData,
    groupSvg: await svgCache(`g|${JSON.stringify(groupData)}`, async () =>
      renderChartSvg(barsOption(groupData.labels, groupData.values, names.province), 640, 320),
    ),
    // The map is its own document (/dashboard/map.svg); its address changes with the language.
    mapSrc: `/dashboard/map.svg?lang=${lang}`,
  };
}
