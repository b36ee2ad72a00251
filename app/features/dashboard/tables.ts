import type { GapRow } from "./gap-list.server";
import type { dashboardData } from "./rates-overview.server";
import type { Drill, DrillRow } from "./drill.server";
import type { YearComparison } from "../../domain/partial-year";
import { fenToYuanDecimal, formatCount, formatExactYuan, formatInUnit, MONEY_UNIT_NAMES } from "../../domain/money";
import { formatPp, formatRate, ratio, type Basis } from "../../domain/rates";
import { localName, translate, type Lang, type MessageKey } from "../../lib/i18n";

type Data = Awaited<ReturnType<typeof dashboardData>>;
/** The dashboard's message keys without their `dash.` prefix. */
type DashKey = { [K in MessageKey]: K extends `dash.${infer R}` ? R : never }[MessageKey];

/**
 * A cell: the value exports carry, and the text the page shows. Money (`money: true`)
 * carries exact yuan as decimal text ("1234.56"): sums pass 2^53 fen, which no number
 * holds; the XLSX writes a number where one holds it exactly (tableXlsx). The page shows
 * it in 万元, with the exact yuan in `title` (a tooltip).
 */
export interface Cell {
  value: number | string | null;
  display: string;
  money?: true;
  /** The exact figure, as a tooltip. */
  title?: string;
  /** Where a click on the cell leads (the drill-down's next level). */
  href?: string;
}
export type TableId =
  "oems" | "plants" | "categories" | "suppliers" | "entries" | "groups" | "cities" | "quarters" | "gaps";
export interface Table {
  id: TableId;
  title: string;
  /** The page's column headers (money in 万元). */
  headers: string[];
  /** The exports' column headers (money in exact 元), each naming its unit. */
  exportHeaders: string[];
  /** Each column's spreadsheet number format (null: text or general). */
  numFmts: (string | null)[];
  rows: Cell[][];
  /** The scope's total (全省合计), shown first and never sorted. */
  total?: Cell[];
  /** A line under the title (how many entries are listed). */
  note?: string;
}

const FMT_MONEY = "#,##0.00";
const FMT_PCT = "0.0";
const FMT_COUNT = "#,##0";

const pct = (r: number | null): Cell => ({
  value: r === null ? null : Math.round(r * 1000) / 10,
  display: formatRate(r),
});
const pp = (v: number | null, lang: Lang): Cell => ({
  value: v === null ? null : Math.round(v * 10) / 10,
  display: formatPp(v, lang),
});
const text = (s: string, href?: string): Cell => ({ value: s, display: s, ...(href ? { href } : {}) });
const count = (n: number): Cell => ({ value: n, display: formatCount(n) });

/** A column of a table: its page header, its export header, its number format. */
interface Col {
  page: string;
  export: string;
  fmt: string | null;
}

/** The query of a dashboard address, keeping year, basis and view. */
export function dashboardHref(
  base: { year: number; basis: Basis; view: string },
  at: { oem?: string; plant?: string; category?: string } = {},
): string {
  const p = new URLSearchParams({ year: String(base.year), basis: base.basis });
  if (base.view !== "oem") p.set("view", base.view);
  if (at.oem) p.set("oem", at.oem);
  if (at.plant) p.set("plant", at.plant);
  if (at.category) p.set("category", at.category);
  return `/dashboard?${p.toString()}`;
}

/** Helpers that build a table's cells and columns in one language and basis. */
function tableKit(lang: Lang, basis: Basis) {
  // Titles and column headers from the catalogue: the page shows them, the exports write them.
  const h = (key: DashKey, vars?: Record<string, string | number>) => translate(lang, `dash.${key}`, vars);
  const units = MONEY_UNIT_NAMES[lang];
  const basisName = h(`basisShort.${basis}`);
  const money = (fen: bigint | null, rounding: "nearest" | "up" = "nearest"): Cell =>
    fen === null
      ? { value: null, display: "—" }
      : {
          value: fenToYuanDecimal(fen),
          display: formatInUnit(fen, "wan", 2, rounding),
          title: formatExactYuan(fen, lang),
          money: true,
        };
  const yesNo = (b: boolean): Cell => ({ value: h(b ? "cell.yes" : "cell.no"), display: b ? "✓" : "✗" });
  const moneyCol = (name: string, withBasis = false): Col => {
    const n = withBasis ? h("withBasis", { name, basis: basisName }) : name;
    return {
      page: h("withUnit", { name: n, unit: units.wan }),
      export: h("withUnit", { name: n, unit: units.yuan }),
      fmt: FMT_MONEY,
    };
  };
  const plain = (label: string, fmt: string | null = null): Col => ({ page: label, export: label, fmt });
  const pctCol = (label: string, withBasis = false): Col =>
    plain(
      h("withUnit", { name: withBasis ? h("withBasis", { name: label, basis: basisName }) : label, unit: "%" }),
      FMT_PCT,
    );
  const table = (id: TableId, title: string, cols: Col[], rows: Cell[][], extra: Partial<Table> = {}): Table => ({
    id,
    title,
    headers: cols.map((c) => c.page),
    exportHeaders: cols.map((c) => c.export),
    numFmts: cols.map((c) => c.fmt),
    rows,
    ...extra,
  });

  return { h, money, yesNo, moneyCol, plain, pctCol, table, basisName };
}

/** The drill-down's table: OEMs, plants or categories with the policy checks; or a category's suppliers and entries. */
export function drillTables(drill: Drill, lang: Lang, opts: { view: string; scoped: boolean }): Table[] {
  const { h, money, yesNo, moneyCol, plain, pctCol, table, basisName } = tableKit(lang, drill.basis);
  const partial = drill.coverage.partial;
  const base = { year: drill.year, basis: drill.basis, view: opts.view };
  const name = (n: { nameZh: string; nameEn: string | null }) =>
    localName(lang, { name_zh: n.nameZh, name_en: n.nameEn });

  const tables: Table[] = [];
  const totalLabel =
    opts.scoped || drill.at.oem || drill.at.plant || drill.at.category ? h("total.scope") : h("total.province");
  if (drill.level !== "supplier") {
    const id: TableId = drill.level === "oem" ? "oems" : drill.level === "plant" ? "plants" : "categories";
    const firstCol = h(drill.level === "oem" ? "col.oem" : drill.level === "plant" ? "col.plant" : "col.category");
    const checkCells = (c: YearComparison): Cell[] => [
      money(c.current.totalFen),
      money(c.current.localFen),
      pct(c.check.rate),
      pct(c.check.previousRate),
      pp(c.check.changePp, lang),
      yesNo(c.check.meetsMinRate),
      yesNo(c.check.meetsRise),
      pct(c.check.nevRate),
      yesNo(c.check.meetsNevTarget),
      money(c.check.fenToMinRate, "up"),
      money(c.check.fenToRise, "up"),
      money(c.check.fenToNevTarget, "up"),
    ];
    const label = (r: DrillRow) => (drill.level === "category" ? `${r.key} ${name(r)}` : name(r));
    tables.push(
      table(
        id,
        h(id === "oems" ? "table.oems" : id === "plants" ? "table.plants" : "table.categories"),
        [
          plain(firstCol),
          moneyCol(h("col.name.total")),
          moneyCol(h("col.name.local"), true),
          pctCol(h("col.name.rate"), true),
          pctCol(h(partial ? "col.name.prevSame" : "col.name.prev"), true),
          plain(h("col.change"), FMT_PCT),
          plain(h("col.min")),
          plain(h("col.rise")),
          pctCol(h("col.name.nev"), true),
          plain(h("col.nevOk")),
          moneyCol(h("col.name.toMin")),
          moneyCol(h("col.name.toRise")),
          moneyCol(h("col.name.toNev")),
        ],
        drill.rows.map((r) => [text(label(r), r.next ? dashboardHref(base, r.next) : undefined), ...checkCells(r.cmp)]),
        { total: [text(totalLabel), ...checkCells(drill.total)] },
      ),
    );
  } else {
    const share = (fen: bigint) =>
      pct(drill.total.current.totalFen > 0n ? ratio(fen, drill.total.current.totalFen) : null);
    const supplierCells = (c: YearComparison, entries: number): Cell[] => [
      count(entries),
      money(c.current.totalFen),
      money(c.current.localFen),
      pct(c.check.rate),
      share(c.current.totalFen),
    ];
    tables.push(
      table(
        "suppliers",
        h("table.suppliers"),
        [
          plain(h("col.supplier")),
          plain(h("col.entries"), FMT_COUNT),
          moneyCol(h("col.name.total")),
          moneyCol(h("col.name.local"), true),
          pctCol(h("col.name.localShare"), true),
          pctCol(h("col.name.share")),
        ],
        drill.rows.map((r) => [text(name(r)), ...supplierCells(r.cmp, r.entries)]),
        { total: [text(totalLabel), ...supplierCells(drill.total, drill.total.entries)] },
      ),
    );
    const e = drill.entries ?? { rows: [], total: 0 };
    const sourceKey = (s: string): MessageKey =>
      s === "match" ? "ledger.source.match" : s === "reversal" ? "ledger.source.reversal" : "ledger.source.import";
    tables.push(
      table(
        "entries",
        h("table.entries"),
        [
          plain(h("col.document")),
          plain(h("col.quarter")),
          plain(h("col.plant")),
          plain(h("col.category")),
          plain(h("col.supplier")),
          moneyCol(h("col.amount")),
          plain(h("withBasis", { name: h("col.isLocal"), basis: basisName })),
          plain(h("col.source")),
        ],
        e.rows.map((r) => [
          text(r.documentNo ?? `#${r.id}`),
          text(r.quarter === null ? "—" : `Q${r.quarter}`),
          text(r.plant ? name(r.plant) : "—"),
          text(`${r.category.code} ${name(r.category)}`),
          text(name(r.supplier)),
          money(BigInt(r.amountFen)),
          r.unknown ? text(h("cell.unknownLocality")) : yesNo(r.local),
          text(translate(lang, sourceKey(r.source))),
        ]),
        { note: h("entriesShown", { shown: e.rows.length, total: e.total }) },
      ),
    );
  }

  return tables;
}

/** The dashboard's other tables (groups, cities, quarters, gaps), as the page shows them and the exports write them. */
export function dashboardTables(d: Data, gaps: GapRow[], lang: Lang): Table[] {
  const { h, money, moneyCol, plain, pctCol, table } = tableKit(lang, d.basis);
  return [
    table(
      "groups",
      h("table.groups"),
      [
        plain(h("col.group")),
        moneyCol(h("col.name.total")),
        moneyCol(h("col.name.local"), true),
        pctCol(h("col.name.rate"), true),
      ],
      d.groupRows.map((g) => [
        text(`${g.code} ${localName(lang, { name_zh: g.nameZh, name_en: g.nameEn })}`),
        money(g.totalFen),
        money(g.localFen),
        pct(g.rate),
      ]),
    ),
    table(
      "cities",
      h("table.cities"),
      [plain(h("col.city")), moneyCol(h("col.name.total")), pctCol(h("col.name.share"))],
      d.cityRows.map((c) => [
        text(
          c.nameZh === null
            ? translate(lang, "dash.city.outside")
            : [
                ...(c.provinceZh ? [localName(lang, { name_zh: c.provinceZh, name_en: c.provinceEn })] : []),
                localName(lang, { name_zh: c.nameZh, name_en: c.nameEn }),
              ].join(" · "),
        ),
        money(c.totalFen),
        pct(c.share),
      ]),
    ),
    table(
      "quarters",
      h("table.quarters"),
      [
        plain(h("col.quarter")),
        moneyCol(h("col.name.total")),
        moneyCol(h("col.name.local"), true),
        pctCol(h("col.name.rate"), true),
      ],
      d.quarters.map((q) => [text(`${d.year} Q${q.quarter}`), money(q.totalFen), money(q.localFen), pct(q.rate)]),
    ),
    table(
      "gaps",
      h("table.gaps"),
      [
        plain(h("col.part")),
        plain(h("col.category")),
        plain(h("col.plant")),
        plain(h("col.oem")),
        plain(h("col.volume"), FMT_COUNT),
        plain(h("col.inside"), FMT_COUNT),
        plain(h("col.nearest")),
      ],
      gaps.map((g) => [
        text(g.partName),
        text(`${g.categoryCode} ${localName(lang, { name_zh: g.categoryZh, name_en: g.categoryEn })}`),
        text(localName(lang, { name_zh: g.plantZh, name_en: g.plantEn })),
        text(localName(lang, { name_zh: g.oemZh, name_en: g.oemEn })),
        {
          value: g.annualVolume,
          display: g.annualVolume === null ? "—" : `${formatCount(g.annualVolume)} ${g.unit}`,
        },
        { value: g.verifiedInside, display: String(g.verifiedInside) },
        text(
          g.nearestOutside
            .map((n) => `${localName(lang, { name_zh: n.nameZh, name_en: n.nameEn })} (${n.distanceKm} km)`)
            .join(translate(lang, "common.listSeparator")) || "—",
        ),
      ]),
    ),
  ];
}
