import type { GapRow } from "./gap-list.server";
import type { dashboardData } from "./rates-overview.server";
import { fenToYuanDecimal, formatCount, formatFen } from "../../domain/money";
import { formatPp, formatRate } from "../../domain/rates";
import { localName, translate, type Lang, type MessageKey } from "../../lib/i18n";

type Data = Awaited<ReturnType<typeof dashboardData>>;
/** The dashboard's message keys without their `dash.` prefix. */
type DashKey = { [K in MessageKey]: K extends `dash.${infer R}` ? R : never }[MessageKey];

/**
 * A cell: the value exports carry, and the text the page shows. Money (`money: true`)
 * carries exact yuan as decimal text ("1234.56"): sums pass 2^53 fen, which no number
 * holds; the XLSX writes a number where one holds it exactly (tableXlsx).
 */
export interface Cell {
  value: number | string | null;
  display: string;
  money?: true;
}
export interface Table {
  id: "oems" | "groups" | "cities" | "quarters" | "gaps";
  title: string;
  headers: string[];
  rows: Cell[][];
}

const pct = (r: number | null): Cell => ({
  value: r === null ? null : Math.round(r * 1000) / 10,
  display: formatRate(r),
});
const pp = (v: number | null): Cell => ({ value: v === null ? null : Math.round(v * 10) / 10, display: formatPp(v) });
const yuan = (fen: bigint | null): Cell =>
  fen === null ? { value: null, display: "—" } : { value: fenToYuanDecimal(fen), display: formatFen(fen), money: true };
const text = (s: string): Cell => ({ value: s, display: s });
const yesNo = (b: boolean, lang: Lang): Cell => ({
  value: translate(lang, b ? "dash.cell.yes" : "dash.cell.no"),
  display: b ? "✓" : "✗",
});

/** The dashboard's tables, as the page shows them and the exports write them. */
export function dashboardTables(d: Data, gaps: GapRow[], lang: Lang): Table[] {
  // Titles and column headers from the catalogue: the page shows them, the exports write them.
  const h = (key: DashKey) => translate(lang, `dash.${key}`);
  return [
    {
      id: "oems",
      title: h("table.oems"),
      headers: [
        h("col.oem"),
        h("col.total"),
        h("col.local"),
        h("col.rate"),
        h("col.prev"),
        h("col.change"),
        h("col.min"),
        h("col.rise"),
        h("col.nev"),
        h("col.nevOk"),
        h("col.toMin"),
        h("col.toRise"),
        h("col.toNev"),
      ],
      rows: d.oemRows.map((o) => [
        text(localName(lang, { name_zh: o.nameZh, name_en: o.nameEn })),
        yuan(o.totalFen),
        yuan(o.localFen),
        pct(o.check.rate),
        pct(o.check.previousRate),
        pp(o.check.changePp),
        yesNo(o.check.meetsMinRate, lang),
        yesNo(o.check.meetsRise, lang),
        pct(o.check.nevRate),
        yesNo(o.check.meetsNevTarget, lang),
        yuan(o.check.fenToMinRate),
        yuan(o.check.fenToRise),
        yuan(o.check.fenToNevTarget),
      ]),
    },
    {
      id: "groups",
      title: h("table.groups"),
      headers: [h("col.group"), h("col.total"), h("col.local"), h("col.rate")],
      rows: d.groupRows.map((g) => [
        text(`${g.code} ${localName(lang, { name_zh: g.nameZh, name_en: g.nameEn })}`),
        yuan(g.totalFen),
        yuan(g.localFen),
        pct(g.rate),
      ]),
    },
    {
      id: "cities",
      title: h("table.cities"),
      headers: [h("col.city"), h("col.total"), h("col.share")],
      rows: d.cityRows.map((c) => [
        text(
          c.nameZh === null
            ? translate(lang, "dash.city.outside")
            : [
                ...(c.provinceZh ? [localName(lang, { name_zh: c.provinceZh, name_en: c.provinceEn })] : []),
                localName(lang, { name_zh: c.nameZh, name_en: c.nameEn }),
              ].join(" · "),
        ),
        yuan(c.totalFen),
        pct(c.share),
      ]),
    },
    {
      id: "quarters",
      title: h("table.quarters"),
      headers: [h("col.quarter"), h("col.total"), h("col.local"), h("col.rate")],
      rows: d.quarters.map((q) => [text(`${d.year} Q${q.quarter}`), yuan(q.totalFen), yuan(q.localFen), pct(q.rate)]),
    },
    {
      id: "gaps",
      title: h("table.gaps"),
      headers: [
        h("col.part"),
        h("col.category"),
        h("col.plant"),
        h("col.oem"),
        h("col.volume"),
        h("col.inside"),
        h("col.nearest"),
      ],
      rows: gaps.map((g) => [
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
    },
  ];
}
