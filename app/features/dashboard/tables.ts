import type { dashboardData, GapRow } from "./dashboard.server";
import { formatFen } from "../../domain/money";
import { formatPp, formatRate } from "../../domain/rates";
import type { Lang } from "../../lib/i18n";

type Data = Awaited<ReturnType<typeof dashboardData>>;

/** A cell: the number exports carry, and the text the page shows. */
export interface Cell {
  value: number | string | null;
  display: string;
}
export interface Table {
  id: "oems" | "groups" | "cities" | "quarters" | "gaps";
  title: string;
  headers: string[];
  rows: Cell[][];
}

const pct = (r: number | null): Cell => ({ value: r === null ? null : Math.round(r * 1000) / 10, display: formatRate(r) });
const pp = (v: number | null): Cell => ({ value: v === null ? null : Math.round(v * 10) / 10, display: formatPp(v) });
const yuan = (fen: number | null): Cell => ({ value: fen === null ? null : fen / 100, display: fen === null ? "—" : formatFen(fen) });
const text = (s: string): Cell => ({ value: s, display: s });
const yesNo = (b: boolean, lang: Lang): Cell => ({ value: b ? (lang === "zh" ? "是" : "yes") : lang === "zh" ? "否" : "no", display: b ? "✓" : "✗" });

const H = {
  zh: {
    oems: "各整车企业本地配套率", groups: "按品类大类", cities: "按供应商所在城市", quarters: "按季度", gaps: "缺链清单（招商参考）",
    oem: "整车企业", total: "采购总额（元）", local: "本地采购额（元）", rate: "本地配套率（%）", prev: "上年（%）", change: "同比变化（百分点）",
    min: "≥40%", rise: "提升≥3个百分点", nev: "新能源关键零部件（%）", nevOk: "≥70%", toMin: "达40%尚需（元）", toRise: "提升3个百分点尚需（元）", toNev: "新能源达70%尚需（元）",
    group: "品类大类", city: "城市", share: "占采购总额（%）", quarter: "季度",
    part: "需求零件", category: "品类", plant: "工厂", volume: "年需求量", inside: "圈内已认证供应商", nearest: "圈外最近的供应商",
  },
  en: {
    oems: "Local supply rate per OEM", groups: "By category group", cities: "By supplier city", quarters: "By quarter", gaps: "Gap list (for investment attraction)",
    oem: "OEM", total: "Total procurement (CNY)", local: "Local procurement (CNY)", rate: "Local supply rate (%)", prev: "Previous year (%)", change: "Change (pp)",
    min: "≥40%", rise: "Rise ≥3 pp", nev: "NEV key parts (%)", nevOk: "≥70%", toMin: "CNY to reach 40%", toRise: "CNY to rise 3 pp", toNev: "CNY for NEV 70%",
    group: "Category group", city: "City", share: "Share of total (%)", quarter: "Quarter",
    part: "Part", category: "Category", plant: "Plant", volume: "Annual volume", inside: "Verified suppliers inside", nearest: "Nearest outside",
  },
};

/** The dashboard's tables, as the page shows them and the exports write them. */
export function dashboardTables(d: Data, gaps: GapRow[], lang: Lang): Table[] {
  const h = H[lang];
  return [
    {
      id: "oems",
      title: h.oems,
      headers: [h.oem, h.total, h.local, h.rate, h.prev, h.change, h.min, h.rise, h.nev, h.nevOk, h.toMin, h.toRise, h.toNev],
      rows: d.oemRows.map((o) => [
        text(lang === "zh" ? o.nameZh : o.nameEn ?? o.nameZh), yuan(o.totalFen), yuan(o.localFen), pct(o.check.rate), pct(o.check.previousRate), pp(o.check.changePp),
        yesNo(o.check.meetsMinRate, lang), yesNo(o.check.meetsRise, lang), pct(o.check.nevRate), yesNo(o.check.meetsNevTarget, lang),
        yuan(o.check.fenToMinRate), yuan(o.check.fenToRise), yuan(o.check.fenToNevTarget),
      ]),
    },
    {
      id: "groups",
      title: h.groups,
      headers: [h.group, h.total, h.local, h.rate],
      rows: d.groupRows.map((g) => [text(`${g.code} ${lang === "zh" ? g.nameZh : g.nameEn}`), yuan(g.totalFen), yuan(g.localFen), pct(g.rate)]),
    },
    {
      id: "cities",
      title: h.cities,
      headers: [h.city, h.total, h.share],
      rows: d.cityRows.map((c) => [text(lang === "zh" ? c.nameZh : c.nameEn), yuan(c.totalFen), pct(c.share)]),
    },
    {
      id: "quarters",
      title: h.quarters,
      headers: [h.quarter, h.total, h.local, h.rate],
      rows: d.quarters.map((q) => [text(`${d.year} Q${q.quarter}`), yuan(q.totalFen), yuan(q.localFen), pct(q.rate)]),
    },
    {
      id: "gaps",
      title: h.gaps,
      headers: [h.part, h.category, h.plant, h.oem, h.volume, h.inside, h.nearest],
      rows: gaps.map((g) => [
        text(g.partName), text(`${g.categoryCode} ${g.categoryZh}`), text(g.plantZh), text(g.oemZh),
        { value: g.annualVolume, display: g.annualVolume === null ? "—" : `${g.annualVolume.toLocaleString()} ${g.unit}` },
        { value: g.verifiedInside, display: String(g.verifiedInside) },
        text(g.nearestOutside.map((n) => `${n.nameZh} (${n.distanceKm} km)`).join("；") || "—"),
      ]),
    },
  ];
}
