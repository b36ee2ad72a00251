import ExcelJS from "exceljs";
import { ledgerCells, nearestOutsideFor, type CellSupplier } from "../../../db/chain.server";
import { outOfProvinceFen, type ChainThresholds } from "../../domain/chain";
import { fenToYuanDecimal } from "../../domain/money";
import type { Actor } from "../../domain/policy";
import { localName, translate, type Lang, type MessageKey } from "../../lib/i18n";
import { spreadsheetCells } from "../../lib/import/csv";
import type { Deps } from "../deps.server";
import { chainMap, chainScope, type ChainMap } from "./chain-map.server";
import type { ChainQuery } from "./schemas";

export interface GuideRow {
  plantId: string;
  plantCode: string;
  plantZh: string;
  plantEn: string | null;
  category: string;
  categoryZh: string;
  categoryEn: string;
  nevKey: boolean;
  verifiedInside: number;
  pendingInside: number;
  openDemands: number;
  openVolume: number;
  openPriced: number;
  openDemandFen: bigint;
  /** The year before the map's: bought from suppliers outside Jilin in this category at this plant. */
  lastYearOutOfProvinceFen: bigint;
  nearestOutsideCircle: CellSupplier[];
  nearestOutsideProvince: CellSupplier[];
  hooks: MessageKey[];
}

export interface Guide {
  map: ChainMap;
  rows: GuideRow[];
  /** Every gap cell the officials may choose from (plant, category). */
  choices: { plants: { id: string; code: string; nameZh: string; nameEn: string | null }[]; cats: string[] };
}

/** The policy hooks a gap category's guide row cites (their text is in the catalogue). */
export function policyHooks(nevKey: boolean): MessageKey[] {
  return [
    "chain.hook.circle",
    ...(nevKey ? (["chain.hook.nev"] as const) : []),
    "chain.hook.entrant",
    "chain.hook.oemReward",
  ];
}

/**
 * 招商指南: each gap (缺链) cell of the plant map, for the plants and categories chosen (none
 * chosen: all), with the demand behind it, the year before's out-of-province procurement in
 * the category, the nearest existing suppliers outside the circle and the province, and the
 * policy hooks that apply.
 */
export async function chainGuide(
  deps: Pick<Deps, "db">,
  actor: Pick<Actor, "organizationKind" | "organizationId">,
  query: ChainQuery,
  choice: { plants: string[]; cats: string[] },
  opts: { thresholds?: ChainThresholds } = {},
): Promise<Guide> {
  const map = await chainMap(deps, actor, { ...query, by: "plant" }, opts);
  const gaps = map.cells.filter((c) => c.status === "gap");
  const choices = {
    plants: map.columns
      .filter((c) => gaps.some((g) => g.column === c.id))
      .map((c) => ({ id: c.id, code: c.code, nameZh: c.nameZh, nameEn: c.nameEn })),
    cats: [...new Set(gaps.map((g) => g.category))],
  };
  const chosen = gaps.filter(
    (g) =>
      (!choice.plants.length || choice.plants.includes(g.column)) &&
      (!choice.cats.length || choice.cats.includes(g.category)),
  );
  const lastYear = await ledgerCells(deps.db, "plant", { years: [map.year - 1], oemId: chainScope(actor) });
  const lastBy = new Map(lastYear.map((l) => [`${l.col}|${l.category_code}`, l]));
  const picked = chosen.slice(0, 500);
  const pairs = picked.map((g) => ({ plantId: g.column, category: g.category }));
  const [outCircleAll, outProvinceAll] = await Promise.all([
    nearestOutsideFor(deps.db, pairs, "outside_circle", 3),
    nearestOutsideFor(deps.db, pairs, "outside_province", 3),
  ]);
  const group = (list: typeof outCircleAll) => {
    const by = new Map<string, CellSupplier[]>();
    for (const s of list) {
      const k = `${s.plant_id}|${s.category_code}`;
      by.set(k, [...(by.get(k) ?? []), s]);
    }
    return by;
  };
  const outCircleBy = group(outCircleAll);
  const outProvinceBy = group(outProvinceAll);
  const rows: GuideRow[] = [];
  for (const g of picked) {
    const col = map.columns.find((c) => c.id === g.column)!;
    const row = map.rows.find((r) => r.category === g.category)!;
    const outCircle = outCircleBy.get(`${g.column}|${g.category}`) ?? [];
    const outProvince = outProvinceBy.get(`${g.column}|${g.category}`) ?? [];
    const last = lastBy.get(`${g.column}|${g.category}`);
    rows.push({
      plantId: col.id,
      plantCode: col.code,
      plantZh: col.nameZh,
      plantEn: col.nameEn,
      category: row.category,
      categoryZh: row.nameZh,
      categoryEn: row.nameEn,
      nevKey: row.nevKey,
      verifiedInside: g.verifiedInside,
      pendingInside: g.pendingInside,
      openDemands: g.openDemands,
      openVolume: g.openVolume,
      openPriced: g.openPriced,
      openDemandFen: g.openDemandFen,
      lastYearOutOfProvinceFen: last
        ? outOfProvinceFen({
            totalFen: BigInt(last.total_fen),
            provinceFen: BigInt(last.province_fen),
            circleFen: BigInt(last.circle_fen),
            provinceUnknownFen: BigInt(last.province_unknown_fen),
            circleUnknownFen: BigInt(last.circle_unknown_fen),
            entries: last.entries,
          })
        : 0n,
      nearestOutsideCircle: outCircle,
      nearestOutsideProvince: outProvince,
      hooks: policyHooks(row.nevKey),
    });
  }
  return { map, rows, choices };
}

const supplierList = (lang: Lang, list: CellSupplier[]) =>
  list.map((s) => `${localName(lang, s)} (${Math.round(s.km * 10) / 10} km)`).join("; ");

/** Money in a workbook: a number where a spreadsheet keeps every digit, else the exact yuan as text. */
function yuanCell(fen: bigint): number | string {
  const text = fenToYuanDecimal(fen);
  return text.replace(/^-/, "").replace(".", "").replace(/^0+/, "").length <= 15 ? Number(text) : text;
}

/** The guide as a workbook: the guide sheet, and a "method" sheet saying how each figure was computed. */
export async function guideXlsx(guide: Guide, lang: Lang): Promise<Buffer> {
  const t = (k: MessageKey, v?: Record<string, string | number>) => translate(lang, k, v);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t("chain.guide.sheet"));
  const headers = [
    t("chain.col.plant"),
    t("chain.col.category"),
    t("chain.col.nev"),
    t("chain.col.verified"),
    t("chain.col.pending"),
    t("chain.col.openDemands"),
    t("chain.col.openVolume"),
    t("chain.col.openValue"),
    t("chain.col.lastYearOut", { year: guide.map.year - 1 }),
    t("chain.col.nearestOutCircle"),
    t("chain.col.nearestOutProvince"),
    t("chain.col.hooks"),
  ];
  sheet.addRow(spreadsheetCells(headers));
  sheet.getRow(1).font = { bold: true };
  for (const r of guide.rows) {
    sheet.addRow(
      spreadsheetCells([
        `${r.plantCode} ${localName(lang, { name_zh: r.plantZh, name_en: r.plantEn })}`,
        `${r.category} ${localName(lang, { name_zh: r.categoryZh, name_en: r.categoryEn })}`,
        r.nevKey ? t("chain.yes") : t("chain.no"),
        r.verifiedInside,
        r.pendingInside,
        r.openDemands,
        r.openVolume,
        yuanCell(r.openDemandFen),
        yuanCell(r.lastYearOutOfProvinceFen),
        supplierList(lang, r.nearestOutsideCircle),
        supplierList(lang, r.nearestOutsideProvince),
        r.hooks.map((h) => t(h)).join("\n"),
      ]),
    );
  }
  sheet.columns.forEach((col, i) => {
    col.width = i < 2 || i >= 9 ? 36 : 14;
  });
  const method = workbook.addWorksheet(t("chain.method.sheet"));
  method.addRow(spreadsheetCells([t("chain.method.figure"), t("chain.method.how")]));
  method.getRow(1).font = { bold: true };
  const th = guide.map.thresholds;
  const lines: [MessageKey, MessageKey, Record<string, string | number>?][] = [
    ["chain.col.plant", "chain.method.scope", { year: guide.map.year }],
    [
      "chain.legend.gap",
      "chain.method.gap",
      {
        thin: th.thinMinVerified,
        covered: th.coveredMinVerified,
        share: Math.round(th.coveredMinShare * 100),
        basis: t(guide.map.basis === "province" ? "chain.basis.province" : "chain.basis.circle"),
      },
    ],
    ["chain.col.verified", "chain.method.verified"],
    ["chain.col.pending", "chain.method.pending"],
    ["chain.col.openDemands", "chain.method.openDemands"],
    ["chain.col.openVolume", "chain.method.openVolume"],
    ["chain.col.openValue", "chain.method.openValue"],
    ["chain.col.lastYearOut", "chain.method.lastYearOut", { year: guide.map.year - 1 }],
    ["chain.col.nearestOutCircle", "chain.method.nearestOutCircle"],
    ["chain.col.nearestOutProvince", "chain.method.nearestOutProvince"],
    ["chain.col.hooks", "chain.method.hooks"],
  ];
  for (const [figure, how, vars] of lines) {
    method.addRow(spreadsheetCells([t(figure, { year: guide.map.year - 1 }), t(how, vars)]));
  }
  method.getColumn(1).width = 30;
  method.getColumn(2).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
