import { z } from "zod";
import { checkUscc } from "./uscc";
import { supplierProfileSchema, type SupplierProfile } from "./supplier-profile";
import { CERTIFICATION_KINDS } from "./vocabulary";

/** The import's columns: header (Chinese, as in the template) and the English aliases accepted. */
export const IMPORT_COLUMNS = [
  {
    key: "uscc",
    zh: "统一社会信用代码",
    en: "uscc",
    required: false,
    example: "914403001922038216",
    help: "18位，校验位按 GB 32100-2015 检查；没有时按企业名称+区县匹配",
  },
  {
    key: "nameZh",
    zh: "企业名称",
    en: "name_zh",
    required: true,
    example: "长春示例汽车部件有限公司",
    help: "中文全称",
  },
  {
    key: "nameEn",
    zh: "英文名称",
    en: "name_en",
    required: false,
    example: "Changchun Example Auto Parts Co., Ltd.",
    help: "",
  },
  {
    key: "county",
    zh: "区县",
    en: "county",
    required: true,
    example: "220106",
    help: "区县行政区划代码（6位）或名称，如 绿园区",
  },
  { key: "lat", zh: "纬度", en: "lat", required: false, example: "43.8462", help: "十进制度；留空则取区县中心点" },
  { key: "lng", zh: "经度", en: "lng", required: false, example: "125.2103", help: "十进制度" },
  {
    key: "datum",
    zh: "坐标系",
    en: "datum",
    required: false,
    example: "WGS84",
    help: "WGS84（默认）或 GCJ02（高德、腾讯地图）",
  },
  {
    key: "address",
    zh: "地址",
    en: "address",
    required: false,
    example: "长春汽车经济技术开发区东风大街1号",
    help: "",
  },
  {
    key: "categories",
    zh: "品类代码",
    en: "categories",
    required: true,
    example: "E01;E02",
    help: "品类表中的二级代码，多个用 ; 分隔",
  },
  { key: "productsZh", zh: "主要产品", en: "products_zh", required: false, example: "车身冲压件", help: "" },
  { key: "processes", zh: "工艺", en: "processes", required: false, example: "冲压;焊接", help: "多个用 ; 分隔" },
  {
    key: "certifications",
    zh: "认证",
    en: "certifications",
    required: false,
    example: "IATF16949:2027-06-30;ISO9001",
    help: "类型[:有效期至]，类型为 IATF16949、ISO9001、ISO14001、ISO45001、VDA6.3",
  },
  { key: "annualCapacity", zh: "年产能", en: "annual_capacity", required: false, example: "50万件/年", help: "" },
  { key: "employees", zh: "员工人数", en: "employees", required: false, example: "320", help: "整数" },
  {
    key: "customers",
    zh: "现有客户",
    en: "customers",
    required: false,
    example: "一汽-大众;一汽解放",
    help: "多个用 ; 分隔",
  },
  { key: "contactName", zh: "联系人", en: "contact_name", required: false, example: "王工", help: "" },
  { key: "contactPhone", zh: "联系电话", en: "contact_phone", required: false, example: "0431-8888 0000", help: "" },
  { key: "contactEmail", zh: "联系邮箱", en: "contact_email", required: false, example: "sales@example.com", help: "" },
] as const;

export type ImportKey = (typeof IMPORT_COLUMNS)[number]["key"];
export type ImportRecord = Partial<Record<ImportKey, string>>;

export interface ImportLookups {
  counties: Map<string, { adcode: number; lat: number; lng: number }>;
  categories: Set<string>;
}

/**
 * Why a row was refused or warned about, as a code and its values: the import page says it
 * in its language (message `imports.reason.<code>`), the stored report keeps the code.
 */
export const IMPORT_REASONS = [
  "invalid_uscc",
  "unknown_county",
  "unknown_categories",
  "unknown_certification",
  "unknown_datum",
  "invalid_field",
  "similar_names",
  "refused",
  "failed",
] as const;
export type ImportReasonCode = (typeof IMPORT_REASONS)[number];
export interface ImportReason {
  code: ImportReasonCode;
  vars?: Record<string, string>;
}

export type ParsedRow =
  { ok: true; uscc: string | null; profile: SupplierProfile } | { ok: false; reasons: ImportReason[] };

const split = (v?: string) =>
  (v ?? "")
    .split(/[;；、,，|]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The import column a profile field comes from (sites.lat → lat), or null. */
function columnOf(field: string): ImportKey | null {
  const [head, tail] = field.split(".");
  if (head === "sites")
    return tail === "adcode" ? "county" : tail === "lat" || tail === "lng" || tail === "address" ? tail : null;
  if (head === "certifications") return "certifications";
  return IMPORT_COLUMNS.some((c) => c.key === head) ? (head as ImportKey) : null;
}

/** One row to a profile, or every reason it is refused. */
export function parseImportRow(record: ImportRecord, lookups: ImportLookups): ParsedRow {
  const reasons: ImportReason[] = [];
  let uscc: string | null = null;
  if (record.uscc) {
    const checked = checkUscc(record.uscc);
    if (checked.ok) uscc = checked.code;
    else reasons.push({ code: "invalid_uscc", vars: { problem: checked.problem } });
  }
  const county = lookups.counties.get((record.county ?? "").trim());
  if (!county) reasons.push({ code: "unknown_county", vars: { value: record.county ?? "" } });
  const categories = split(record.categories).map((c) => c.toUpperCase());
  const unknown = categories.filter((c) => !lookups.categories.has(c));
  if (unknown.length) reasons.push({ code: "unknown_categories", vars: { codes: unknown.join(", ") } });

  const certifications: { kind: string; validUntil: string | null; name: string }[] = [];
  for (const c of split(record.certifications)) {
    const [rawKind, date] = c.split(/[:：]/).map((x) => x.trim());
    const kind = CERTIFICATION_KINDS.find(
      (k) => k.replace(/\W/g, "").toLowerCase() === (rawKind ?? "").replace(/\W/g, "").toLowerCase(),
    );
    if (!kind) reasons.push({ code: "unknown_certification", vars: { value: rawKind ?? "" } });
    else certifications.push({ kind, validUntil: date || null, name: "" });
  }
  const datum = (record.datum ?? "").replace(/[-\s]/g, "").toLowerCase();
  if (datum && datum !== "wgs84" && datum !== "gcj02")
    reasons.push({ code: "unknown_datum", vars: { value: record.datum ?? "" } });
  const hasPoint = Boolean(record.lat || record.lng);

  const parsed = supplierProfileSchema.safeParse({
    nameZh: record.nameZh ?? "",
    nameEn: record.nameEn ?? "",
    productsZh: record.productsZh ?? "",
    categories,
    processes: split(record.processes),
    certifications,
    annualCapacity: record.annualCapacity ?? "",
    employees: record.employees ? record.employees : null,
    customers: split(record.customers),
    contactName: record.contactName ?? "",
    contactPhone: record.contactPhone ?? "",
    contactEmail: record.contactEmail ?? "",
    sites: [
      {
        label: "",
        adcode: county?.adcode ?? 0,
        lat: hasPoint ? record.lat : county?.lat,
        lng: hasPoint ? record.lng : county?.lng,
        datum: hasPoint && datum === "gcj02" ? "gcj02" : "wgs84",
        address: record.address ?? "",
      },
    ],
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path
        .map(String)
        .filter((p) => !/^\d+$/.test(p))
        .join(".");
      if (field === "sites.adcode" && !county) continue;
      if (field === "categories" && unknown.length) continue;
      // The schema's own messages are catalogue keys (form.*); anything else is "invalid".
      const message = issue.message.startsWith("form.")
        ? issue.message
        : issue.code === "too_big"
          ? "form.tooLong"
          : "form.invalid";
      reasons.push({ code: "invalid_field", vars: { column: columnOf(field) ?? field, message } });
    }
  }
  if (reasons.length || !parsed.success) return { ok: false, reasons };
  return { ok: true, uscc, profile: parsed.data };
}

/** Two profiles are the same import when their stored fields are equal (order-insensitive lists). */
export function sameProfile(a: SupplierProfile, b: SupplierProfile): boolean {
  const norm = (p: SupplierProfile) =>
    JSON.stringify({
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      productsZh: p.productsZh,
      productsEn: p.productsEn,
      annualCapacity: p.annualCapacity,
      employees: p.employees,
      contactName: p.contactName,
      contactPhone: p.contactPhone,
      contactEmail: p.contactEmail,
      categories: [...p.categories].sort(),
      processes: [...p.processes].sort(),
      customers: [...p.customers].sort(),
      certifications: p.certifications.map((c) => `${c.kind}|${c.name}|${c.validUntil ?? ""}`).sort(),
      sites: p.sites.map((s) => `${s.adcode}|${s.lat.toFixed(6)}|${s.lng.toFixed(6)}|${s.address}|${s.label}`).sort(),
    });
  return norm(a) === norm(b);
}

/** One row of a job's report: refused (or, with `warning`, written with a warning). */
export interface ImportReportRow {
  row: number;
  warning?: boolean;
  /** Codes; plain text in reports stored before reasons were codes. */
  reasons: (ImportReason | string)[];
}

/** A stored report read back; anything unreadable reads as an empty report. */
export const importReportSchema = z
  .array(
    z.object({
      row: z.number(),
      warning: z.boolean().optional(),
      reasons: z.array(
        z.union([
          z.string(),
          z.object({ code: z.enum(IMPORT_REASONS), vars: z.record(z.string(), z.string()).optional() }),
        ]),
      ),
    }),
  )
  .catch([]);
