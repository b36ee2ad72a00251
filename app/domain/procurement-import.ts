import { z } from "zod";
import type { DatabaseProblem } from "./database-problem";
import { haversineKm, type LatLng } from "./geo";
import { circleLocality, POLICY_CIRCLE_KM } from "./locality";
import { readYuan } from "./money";
import { cityAdcodeOf, type PlaceLevel } from "./places";
import {
  JILIN_ADCODE,
  kmToProvinceBox,
  mayLieIn,
  parseProvince,
  provinceByAdcode,
  provinceOfPoint,
  type Province,
} from "./provinces";
import { checkUscc, type UsccProblem } from "./uscc";

/** Columns of an OEM's procurement import (purchases made outside Peitao, local or not). */
export const PROCUREMENT_COLUMNS = [
  {
    key: "documentNo",
    zh: "单据号",
    en: "document_no",
    required: true,
    example: "PO-2026-000123",
    help: "贵司的单据号；内容相同重复导入不变，内容不同则拒绝（先冲销再导入更正单据）；以 # 开头的行是注释",
  },
  { key: "year", zh: "年度", en: "year", required: true, example: "2026", help: "" },
  { key: "quarter", zh: "季度", en: "quarter", required: false, example: "2", help: "1–4，可留空（全年）" },
  { key: "plant", zh: "工厂代码", en: "plant", required: true, example: "OEM05", help: "贵司工厂代码" },
  { key: "category", zh: "品类代码", en: "category", required: true, example: "A02", help: "二级品类代码" },
  {
    key: "amount",
    zh: "金额（元）",
    en: "amount_cny",
    required: true,
    example: "1250000.00",
    help: "人民币元，最多两位小数；单行不超过 1,000,000,000,000 元",
  },
  {
    key: "supplierUscc",
    zh: "供应商统一社会信用代码",
    en: "supplier_uscc",
    required: false,
    example: "",
    help: "已在平台注册的供应商按代码取其位置",
  },
  {
    key: "supplierName",
    zh: "供应商名称",
    en: "supplier_name",
    required: true,
    example: "上海某电池系统有限公司",
    help: "",
  },
  {
    key: "province",
    zh: "供应商省份",
    en: "province",
    required: false,
    example: "上海",
    help: "全称（吉林省）、简称（吉林）、英文（Jilin）或代码（220000）；须与区县代码和坐标一致",
  },
  {
    key: "county",
    zh: "供应商区县代码",
    en: "county_adcode",
    required: false,
    example: "",
    help: "6位行政区划代码；吉林省及邻省的供应商须填区县代码或坐标，才能判断是否在百公里圈内",
  },
  { key: "lat", zh: "纬度", en: "lat", required: false, example: "", help: "WGS-84，用于计算与工厂的距离" },
  { key: "lng", zh: "经度", en: "lng", required: false, example: "", help: "" },
] as const;

export type ProcurementKey = (typeof PROCUREMENT_COLUMNS)[number]["key"];
export type ProcurementRecord = Partial<Record<ProcurementKey, string>>;

/**
 * A comment row, not data: its document number starts with "#". The template's help and
 * example rows are comments, so a downloaded template imports as no rows at all.
 */
export function isCommentRecord(r: ProcurementRecord): boolean {
  return (r.documentNo ?? "").trimStart().startsWith("#");
}

export interface ParsedProcurement {
  documentNo: string;
  year: number;
  quarter: number | null;
  plantCode: string;
  category: string;
  amountFen: number;
  supplierUscc: string | null;
  supplierName: string;
  /** The province the row states, or the province of its county code. */
  province: Province | null;
  county: number | null;
  point: LatLng | null;
}

const coord = (min: number, max: number) => z.coerce.number().refine((n) => Number.isFinite(n) && n >= min && n <= max);

/** The document fields a re-import compares (the document number is the key, not a field). */
export type DocumentField = Exclude<ProcurementKey, "documentNo">;

/**
 * Why a procurement row is refused: a code (its message is `ledger.reason.<code>`) and the
 * values its message names. Fields named `province` or `countyProvince` hold a province's
 * code (the message names it in the reader's language); `fields` lists columns.
 */
export type ProcurementProblem =
  | { code: "document_no" | "plant_required" | "supplier_name" | "coordinates" | "place_needed" }
  | {
      code:
        | "year"
        | "quarter"
        | "amount"
        | "amount_too_large"
        | "category"
        | "county"
        | "province"
        | "not_your_plant"
        | "unknown_category";
      value: string;
    }
  /** The database refused the row: what that means, never the database's own text. */
  | { code: "refused"; problem: DatabaseProblem }
  | { code: `uscc.${UsccProblem}` }
  /** The stated province (as written) is not the county's. */
  | { code: "province_county"; value: string; county: string; countyProvince: string }
  /** The coordinates lie outside the province stated or implied by the county. */
  | { code: "province_point"; province: string; point: string }
  /** Only coordinates, near a provincial border: which province is not known. */
  | { code: "province_unknown"; value: string }
  /** Only the province, which reaches within the circle of the plant: in or out is not known. */
  | { code: "distance_unknown"; province: string; plant: string }
  /** The document number was imported before (entry `entry`) with other values in `fields`. */
  | { code: "document_changed"; value: string; entry: string; fields: DocumentField[] }
  /** The document number appears earlier in the same file (row `row`) with other values. */
  | { code: "document_repeated"; value: string; row: string; fields: DocumentField[] };

const pointText = (p: LatLng) => `${p.lat}, ${p.lng}`;

/** One row, or every reason it is refused (the rules that need no database). */
export function parseProcurementRow(
  r: ProcurementRecord,
): { ok: true; value: ParsedProcurement } | { ok: false; reasons: ProcurementProblem[] } {
  const reasons: ProcurementProblem[] = [];
  const documentNo = (r.documentNo ?? "").trim();
  if (!documentNo || documentNo.length > 100) reasons.push({ code: "document_no" });
  const year = Number(r.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) reasons.push({ code: "year", value: r.year ?? "" });
  const quarter = r.quarter ? Number(r.quarter) : null;
  if (quarter !== null && (!Number.isInteger(quarter) || quarter < 1 || quarter > 4))
    reasons.push({ code: "quarter", value: r.quarter ?? "" });
  // One row is at most ¥10^12 (MAX_AMOUNT_FEN): sums of the ledger stay exact either way,
  // but a single purchase beyond it is a typing error (or an attempt), not a purchase.
  const amount = readYuan(r.amount ?? "");
  const amountFen = amount.ok ? amount.fen : null;
  if (!amount.ok && amount.reason === "too_large") reasons.push({ code: "amount_too_large", value: r.amount ?? "" });
  else if (amountFen === null || amountFen <= 0) reasons.push({ code: "amount", value: r.amount ?? "" });
  if (!/^[A-Z]\d{2}$/.test((r.category ?? "").trim().toUpperCase()))
    reasons.push({ code: "category", value: r.category ?? "" });
  if (!(r.plant ?? "").trim()) reasons.push({ code: "plant_required" });
  const supplierName = (r.supplierName ?? "").trim();
  if (!supplierName || supplierName.length > 200) reasons.push({ code: "supplier_name" });
  let supplierUscc: string | null = null;
  if (r.supplierUscc) {
    const u = checkUscc(r.supplierUscc);
    if (u.ok) supplierUscc = u.code;
    else reasons.push({ code: `uscc.${u.problem}` });
  }
  const countyText = (r.county ?? "").trim();
  const countyProvince = countyText ? provinceByAdcode(countyText) : null;
  if (countyText && !countyProvince) reasons.push({ code: "county", value: countyText });
  const county = countyProvince ? Number(countyText) : null;
  const provinceText = (r.province ?? "").trim();
  const stated = provinceText ? parseProvince(provinceText) : null;
  if (provinceText && !stated) reasons.push({ code: "province", value: provinceText });
  if (stated && countyProvince && stated.adcode !== countyProvince.adcode)
    reasons.push({
      code: "province_county",
      value: provinceText,
      county: countyText,
      countyProvince: String(countyProvince.adcode),
    });
  let point: LatLng | null = null;
  if (r.lat || r.lng) {
    const lat = coord(-90, 90).safeParse(r.lat);
    const lng = coord(-180, 180).safeParse(r.lng);
    if (lat.success && lng.success) point = { lat: lat.data, lng: lng.data };
    else reasons.push({ code: "coordinates" });
  }
  const province = stated ?? countyProvince;
  if (point && province && !mayLieIn(province, point))
    reasons.push({ code: "province_point", province: String(province.adcode), point: pointText(point) });
  if (reasons.length) return { ok: false, reasons };
  return {
    ok: true,
    value: {
      documentNo,
      year,
      quarter,
      plantCode: r.plant!.trim(),
      category: r.category!.trim().toUpperCase(),
      amountFen: amountFen!,
      supplierUscc,
      supplierName,
      province,
      county,
      point,
    },
  };
}

/** A gazetteer place as the import uses it: its level and parent (for its city) and its point. */
export interface PlaceRef extends PlaceLevel {
  lat: number;
  lng: number;
}

/**
 * Where an unregistered supplier lies relative to a plant, on each basis; null where the
 * row does not tell. Province: the stated one, else the county's, else the one province
 * whose box holds the coordinates (near a border, several do: unknown); a point outside
 * Jilin's box is outside Jilin even when its province is unknown. Circle: the coordinates,
 * else the county's point from the gazetteer; with the province alone, outside only when
 * the province's box lies farther than the circle from the plant (Shanghai from Changchun),
 * unknown when it reaches nearer (Liaoning from Siping, Jilin itself).
 */
export interface RowLocality {
  province: Province | null;
  inJilin: boolean | null;
  distanceKm: number | null;
  insideCircle: boolean | null;
  cityAdcode: number | null;
}

export function rowLocality(
  v: Pick<ParsedProcurement, "province" | "county" | "point">,
  place: PlaceRef | null,
  plant: LatLng,
): RowLocality {
  const jilin = provinceByAdcode(JILIN_ADCODE)!;
  const province = v.province ?? (v.point ? provinceOfPoint(v.point) : null);
  const inJilin = province ? province.adcode === JILIN_ADCODE : v.point && !mayLieIn(jilin, v.point) ? false : null;
  const point = v.point ?? (place && place.level !== "province" ? { lat: place.lat, lng: place.lng } : null);
  let distanceKm: number | null = null;
  let insideCircle: boolean | null = null;
  if (point) {
    const c = circleLocality(haversineKm(plant, point));
    distanceKm = c.distance_km;
    insideCircle = c.inside_circle;
  } else if (province && kmToProvinceBox(province, plant) > POLICY_CIRCLE_KM) {
    insideCircle = false;
  }
  // The city through the one rule: an autonomous prefecture (延边州) is a city of its own.
  const cityAdcode = place ? cityAdcodeOf(place) : null;
  return { province, inJilin, distanceKm, insideCircle, cityAdcode };
}

/** What keeps a row's locality from being known on a basis, or null when both are known. */
export function localityProblem(
  loc: RowLocality,
  v: Pick<ParsedProcurement, "point">,
  plantCode: string,
): ProcurementProblem | null {
  if (loc.inJilin === null && loc.insideCircle === null) return { code: "place_needed" };
  if (loc.inJilin === null) return { code: "province_unknown", value: v.point ? pointText(v.point) : "" };
  if (loc.insideCircle === null)
    return { code: "distance_unknown", province: String(loc.province?.adcode ?? ""), plant: plantCode };
  return null;
}

/**
 * An imported document's content as a re-import compares it: the row's values after
 * parsing (so 吉林 and 吉林省, 1000 and 1000.00, a2 and A02 are the same), stored with the
 * entry. The province is the stated or the county's, by code.
 */
export type ImportedDocument = {
  year: number;
  quarter: number | null;
  plant: string;
  category: string;
  amount: number;
  supplierUscc: string | null;
  supplierName: string;
  province: number | null;
  county: number | null;
  lat: number | null;
  lng: number | null;
};

export function documentOf(v: ParsedProcurement): ImportedDocument {
  return {
    year: v.year,
    quarter: v.quarter,
    plant: v.plantCode,
    category: v.category,
    amount: v.amountFen,
    supplierUscc: v.supplierUscc,
    supplierName: v.supplierName,
    province: v.province?.adcode ?? null,
    county: v.county,
    lat: v.point?.lat ?? null,
    lng: v.point?.lng ?? null,
  };
}

const DOCUMENT_FIELDS: readonly DocumentField[] = PROCUREMENT_COLUMNS.map((c) => c.key).filter(
  (k): k is DocumentField => k !== "documentNo",
);

/**
 * The fields in which a document differs from what was imported under its number, in
 * column order; empty when it is the same. `stored` may know only some fields (entries
 * imported before the content was stored): those are compared.
 */
export function documentDifferences(stored: Partial<ImportedDocument>, incoming: ImportedDocument): DocumentField[] {
  return DOCUMENT_FIELDS.filter((k) => k in stored && (stored[k] ?? null) !== incoming[k]);
}
