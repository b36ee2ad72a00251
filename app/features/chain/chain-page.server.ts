import type { AppLoadContext } from "@remix-run/node";
import { chainCategories } from "../../../db/chain.server";
import { authorize } from "../../auth/guard.server";
import { statusValue } from "../../domain/chain";
import { DomainError } from "../../domain/errors";
import { formatFen } from "../../domain/money";
import { formatRate } from "../../domain/rates";
import { getLang } from "../../lib/lang.server";
import { localName, translate, type Lang, type MessageKey } from "../../lib/i18n";
import { ttlCache } from "../../lib/ttl-cache.server";
import { renderChartSvg } from "../dashboard/chart-svg.server";
import { chainCellDetail, chainMap, type CellDetail, type ChainMap } from "./chain-map.server";
import { chainGuide, guideXlsx } from "./guide.server";
import { heatmapHeight, heatmapOption, type HeatmapData } from "./heatmap-option";
import { chainCellParams, chainQuery, guideChoice, type ChainQuery } from "./schemas";

const svgCache = ttlCache<string>(60_000);
export const HEATMAP_WIDTH = 900;

/** The query of a page: the shared schema, falling back to the defaults (and saying so) on a bad value. */
function pageQuery(url: URL): { query: ChainQuery; bad: boolean } {
  const raw = Object.fromEntries([...url.searchParams].filter(([k, v]) => k in chainQuery.shape && v !== ""));
  const parsed = chainQuery.safeParse(raw);
  return parsed.success ? { query: parsed.data, bad: false } : { query: chainQuery.parse({}), bad: true };
}

const entryLocality = (
  e: { supplier_in_jilin: boolean; inside_circle: boolean; province_unknown: boolean; circle_unknown: boolean },
  lang: Lang,
) => {
  const t = (k: MessageKey) => translate(lang, k);
  const parts: string[] = [];
  if (e.province_unknown || e.circle_unknown) parts.push(t("chain.local.unknown"));
  if (e.supplier_in_jilin) parts.push(t("chain.local.province"));
  if (e.inside_circle) parts.push(t("chain.local.circle"));
  return parts.length ? parts.join(" · ") : t("chain.local.none");
};

function columnLabel(lang: Lang, c: { code: string; nameZh: string; nameEn: string | null }) {
  return `${c.code} ${localName(lang, { name_zh: c.nameZh, name_en: c.nameEn })}`;
}

/** The map's plain data for the page: its table rows, the heatmap's data and its first paint. */
async function mapView(map: ChainMap, lang: Lang) {
  const t = (k: MessageKey, v?: Record<string, string | number>) => translate(lang, k, v);
  const n = map.columns.length;
  const heat: HeatmapData = {
    columns: map.columns.map((c) => c.code),
    rows: map.rows.map(
      (r) => `${r.nevKey ? "★" : ""}${r.category} ${localName(lang, { name_zh: r.nameZh, name_en: r.nameEn })}`,
    ),
    cells: map.cells.map((c, i) => {
      const col = map.columns[i % n]!;
      const row = map.rows[Math.floor(i / n)]!;
      const tip = [
        `${row.category} ${localName(lang, { name_zh: row.nameZh, name_en: row.nameEn })} · ${columnLabel(lang, col)}`,
        `${t(`chain.legend.${c.status}`)}`,
        `${t("chain.col.verified")}: ${c.verifiedInside} · ${t("chain.col.pending")}: ${c.pendingInside}`,
        `${t("chain.col.provinceShare")}: ${formatRate(c.provinceShare)} · ${t("chain.col.circleShare")}: ${formatRate(c.circleShare)}`,
      ].join("<br>");
      return [i % n, Math.floor(i / n), statusValue(c.status), c.verifiedInside, tip];
    }),
    legend: { gap: t("chain.legend.gap"), thin: t("chain.legend.thin"), covered: t("chain.legend.covered") },
  };
  const height = heatmapHeight(map.rows.length);
  const svg = await svgCache(`${lang}|${JSON.stringify(heat)}`, async () =>
    renderChartSvg(heatmapOption(heat), HEATMAP_WIDTH, height),
  );
  const groups = map.groups.map((g) => ({
    code: g.code,
    name: `${g.code} ${localName(lang, { name_zh: g.nameZh, name_en: g.nameEn })}`,
    rows: map.rows
      .map((r, ri) => ({ r, ri }))
      .filter(({ r }) => r.group === g.code)
      .map(({ r, ri }) => ({
        category: r.category,
        name: `${r.category} ${localName(lang, { name_zh: r.nameZh, name_en: r.nameEn })}`,
        nevKey: r.nevKey,
        cells: map.cells.slice(ri * n, ri * n + n).map((c) => ({
          column: c.column,
          status: c.status,
          verified: c.verifiedInside,
          pending: c.pendingInside,
          nearestKm: c.nearestVerifiedKm,
          provinceShare: formatRate(c.provinceShare),
          circleShare: formatRate(c.circleShare),
          totalYuan: formatFen(c.ledger.totalFen, { decimals: 0 }),
          openDemands: c.openDemands,
          openYuan: formatFen(c.openDemandFen, { decimals: 0 }),
        })),
      })),
  }));
  return {
    heat,
    svg,
    height,
    columns: map.columns.map((c) => ({ id: c.id, label: columnLabel(lang, c), code: c.code })),
    groups: groups.filter((g) => g.rows.length),
  };
}

function detailView(d: CellDetail, lang: Lang) {
  const supplier = (s: CellDetail["inside"][number]) => ({
    id: s.supplier_id,
    name: localName(lang, s),
    km: Math.round(s.km * 10) / 10,
    verified: s.verification_status === "verified",
  });
  return {
    col: d.column.id,
    cat: d.row.category,
    title: translate(lang, "chain.cell.title", {
      category: `${d.row.category} ${localName(lang, { name_zh: d.row.nameZh, name_en: d.row.nameEn })}`,
      column: columnLabel(lang, d.column),
    }),
    status: d.cell.status,
    inside: d.inside.map(supplier),
    outsideCircle: d.nearestOutsideCircle.map(supplier),
    outsideProvince: d.nearestOutsideProvince.map(supplier),
    entries: d.entries.map((e) => ({
      id: String(e.id),
      source: e.source,
      reverses: e.reverses_id === null ? null : String(e.reverses_id),
      document: e.document_no,
      plant: e.plant_code,
      supplier: e.supplier_zh
        ? localName(lang, { name_zh: e.supplier_zh, name_en: e.supplier_en })
        : (e.outside_supplier_name ?? "—"),
      yuan: formatFen(e.amount_fen),
      km: e.distance_km === null ? null : Math.round(e.distance_km * 10) / 10,
      locality: entryLocality(e, lang),
    })),
  };
}

/** The chain map page: the filters, the map (table and heatmap), and the clicked cell's detail. */
export async function chainPage(context: AppLoadContext, request: Request) {
  const actor = authorize(context, request, "dashboard.read");
  const url = new URL(request.url);
  const { query, bad } = pageQuery(url);
  const lang = await getLang(request);
  const map = await chainMap({ db: context.db }, actor, query);
  const cellParams = chainCellParams.safeParse(Object.fromEntries(url.searchParams));
  let detail: ReturnType<typeof detailView> | null = null;
  if (cellParams.success) {
    try {
      detail = detailView(await chainCellDetail({ db: context.db }, map, cellParams.data), lang);
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
    }
  }
  const groups = (await chainCategories(context.db))
    .filter((g) => g.level === 1)
    .map((g) => ({ code: g.code, name: `${g.code} ${localName(lang, g)}` }));
  return {
    query: { ...query, year: map.year },
    bad,
    scoped: actor.organizationKind === "oem",
    thresholds: map.thresholds,
    allGroups: groups,
    view: await mapView(map, lang),
    detail,
  };
}

function guideChoiceOf(url: URL) {
  return guideChoice.safeParse({
    plants: url.searchParams.getAll("plant").filter(Boolean),
    cats: url.searchParams.getAll("cat").filter(Boolean),
  });
}

/** The guide page's data: every row as plain text, the choices, and the parameters of its export. */
export async function guidePage(context: AppLoadContext, request: Request) {
  const actor = authorize(context, request, "dashboard.read");
  const url = new URL(request.url);
  const { query, bad } = pageQuery(url);
  const choice = guideChoiceOf(url);
  const lang = await getLang(request);
  const chosen = choice.success ? choice.data : { plants: [], cats: [] };
  const guide = await chainGuide({ db: context.db }, actor, query, chosen);
  const t = (k: MessageKey) => translate(lang, k);
  const supplierText = (list: { name_zh: string; name_en: string | null; km: number }[]) =>
    list.map((s) => ({ name: localName(lang, s), km: Math.round(s.km * 10) / 10 }));
  return {
    query: { ...query, year: guide.map.year },
    bad: bad || !choice.success,
    chosen,
    thresholds: guide.map.thresholds,
    choices: {
      plants: guide.choices.plants.map((p) => ({ id: p.id, label: columnLabel(lang, p) })),
      cats: guide.choices.cats.map((code) => {
        const r = guide.map.rows.find((x) => x.category === code)!;
        return { code, label: `${code} ${localName(lang, { name_zh: r.nameZh, name_en: r.nameEn })}` };
      }),
    },
    rows: guide.rows.map((r) => ({
      key: `${r.plantId}|${r.category}`,
      plant: `${r.plantCode} ${localName(lang, { name_zh: r.plantZh, name_en: r.plantEn })}`,
      category: `${r.category} ${localName(lang, { name_zh: r.categoryZh, name_en: r.categoryEn })}`,
      nevKey: r.nevKey,
      verified: r.verifiedInside,
      pending: r.pendingInside,
      openDemands: r.openDemands,
      unpriced: r.openDemands - r.openPriced,
      openVolume: r.openVolume,
      openYuan: formatFen(r.openDemandFen, { decimals: 0 }),
      lastYearOutYuan: formatFen(r.lastYearOutOfProvinceFen, { decimals: 0 }),
      outsideCircle: supplierText(r.nearestOutsideCircle),
      outsideProvince: supplierText(r.nearestOutsideProvince),
      hooks: r.hooks.map((h) => t(h)),
    })),
    exportQuery: url.search,
  };
}

/** The guide as XLSX (its rows, and a method sheet). */
export async function guideExport(context: AppLoadContext, request: Request) {
  const actor = authorize(context, request, "dashboard.read");
  const url = new URL(request.url);
  const { query } = pageQuery(url);
  const choice = guideChoiceOf(url);
  const lang = await getLang(request);
  const guide = await chainGuide(
    { db: context.db },
    actor,
    query,
    choice.success ? choice.data : { plants: [], cats: [] },
  );
  return { buffer: await guideXlsx(guide, lang), year: guide.map.year };
}
