import { z } from "zod";
import { parseYuanToFen } from "./money";
import { provinceOf } from "./locality";
import { checkUscc, type UsccProblem } from "./uscc";

/** Columns of an OEM's procurement import (purchases made outside Peitao, local or not). */
export const PROCUREMENT_COLUMNS = [
  {
    key: "documentNo",
    zh: "单据号",
    en: "document_no",
    required: true,
    example: "PO-2026-000123",
    help: "贵司的单据号；同一单据号重复导入不会产生变化",
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
    help: "人民币元，最多两位小数",
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
    example: "上海市",
    help: "未注册供应商：省份或区县代码至少填一项",
  },
  { key: "county", zh: "供应商区县代码", en: "county_adcode", required: false, example: "", help: "6位行政区划代码" },
  { key: "lat", zh: "纬度", en: "lat", required: false, example: "", help: "WGS-84，用于计算与工厂的距离" },
  { key: "lng", zh: "经度", en: "lng", required: false, example: "", help: "" },
] as const;

export type ProcurementKey = (typeof PROCUREMENT_COLUMNS)[number]["key"];
export type ProcurementRecord = Partial<Record<ProcurementKey, string>>;

const PROVINCE_NAMES = new Set(
  Array.from({ length: 70 }, (_, i) => provinceOf(String(11 + i))).filter((p): p is string => Boolean(p)),
);

export interface ParsedProcurement {
  documentNo: string;
  year: number;
  quarter: number | null;
  plantCode: string;
  category: string;
  amountFen: number;
  supplierUscc: string | null;
  supplierName: string;
  province: string | null;
  county: number | null;
  point: { lat: number; lng: number } | null;
}

const coord = (min: number, max: number) => z.coerce.number().refine((n) => Number.isFinite(n) && n >= min && n <= max);

/**
 * Why a procurement row is refused: a code (its message is `ledger.reason.<code>`) and the
 * offending value where there is one. USCC problems carry the checker's own code.
 */
export type ProcurementProblem =
  | { code: "document_no" | "plant_required" | "supplier_name" | "coordinates" | "place_needed" }
  | {
      code:
        | "year"
        | "quarter"
        | "amount"
        | "category"
        | "county"
        | "province"
        | "not_your_plant"
        | "unknown_category"
        | "refused";
      value: string;
    }
  | { code: `uscc.${UsccProblem}` };

/** One row, or every reason it is refused. */
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
  const amountFen = parseYuanToFen(r.amount ?? "");
  if (amountFen === null || amountFen <= 0) reasons.push({ code: "amount", value: r.amount ?? "" });
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
  const county = r.county ? Number(r.county) : null;
  if (county !== null && (!Number.isInteger(county) || !provinceOf(county)))
    reasons.push({ code: "county", value: r.county ?? "" });
  const province = (r.province ?? "").trim() || (county ? provinceOf(county) : null);
  if (province && !PROVINCE_NAMES.has(province)) reasons.push({ code: "province", value: province });
  let point: { lat: number; lng: number } | null = null;
  if (r.lat || r.lng) {
    const lat = coord(-90, 90).safeParse(r.lat);
    const lng = coord(-180, 180).safeParse(r.lng);
    if (lat.success && lng.success) point = { lat: lat.data, lng: lng.data };
    else reasons.push({ code: "coordinates" });
  }
  if (!supplierUscc && !province) reasons.push({ code: "place_needed" });
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
      province: province ?? null,
      county,
      point,
    },
  };
}
