import { z } from "zod";
import { checkUscc } from "./uscc";
import { isWebUrl, supplierProfileSchema, type SupplierProfile } from "./supplier-profile";
import { CERTIFICATION_KINDS, type SitePrecision, type SiteStatus } from "./vocabulary";

/**
 * The import's columns: header (Chinese, as in the template) and the English aliases accepted.
 * `example` fills the template's example row, which is a comment (its first cell starts with
 * `#`), so an unmodified template imports nothing.
 */
export const IMPORT_COLUMNS = [
  {
    key: "uscc",
    zh: "统一社会信用代码",
    en: "uscc",
    required: false,
    example: "914403001922038216",
    help: "18位，校验位按 GB 32100-2015 检查；没有时按外部编号、再按企业名称+区县匹配",
  },
  {
    key: "externalId",
    zh: "外部编号",
    en: "external_id",
    required: false,
    example: "JL-CC-0001",
    help: "来源名单中的稳定编号（每家企业唯一）；没有统一社会信用代码时按它更新，改名不会产生重复企业",
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
    key: "prefecture",
    zh: "地级市",
    en: "prefecture",
    required: false,
    anyOf: "place",
    example: "长春市",
    help: "地级市（州、盟）代码或名称，如 220100 或 长春市；只知道地级市时区县留空，按地级市驻地定位",
  },
  {
    key: "county",
    zh: "区县",
    en: "county",
    // A list known at prefecture level only may have no county column at all; a file needs
    // the prefecture or the county column.
    required: false,
    anyOf: "place",
    example: "220106",
    help: "区县行政区划代码（6位）或名称，如 绿园区；只知道地级市时留空并填写地级市",
  },
  {
    key: "lat",
    zh: "纬度",
    en: "lat",
    required: false,
    example: "43.8462",
    help: "十进制度；留空则取区县（或地级市）驻地",
  },
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
    key: "precision",
    zh: "坐标精度",
    en: "precision",
    required: false,
    example: "片区",
    help: "精确、街道、片区（须填误差半径）、区县驻地、地级市驻地；留空时有坐标为精确，否则为驻地",
  },
  {
    key: "precisionKm",
    zh: "误差半径（公里）",
    en: "precision_km",
    required: false,
    example: "3",
    help: "坐标的 ± 公里数；片区必填，精确不填；驻地留空时按其面积估算",
  },
  {
    key: "status",
    zh: "经营状态",
    en: "status",
    required: false,
    example: "在营",
    help: "在营（默认）、在建、关闭、未核实；关闭的厂区不参与需求推荐",
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
  {
    key: "productsEn",
    zh: "英文产品",
    en: "products_en",
    required: false,
    example: "Body stampings",
    help: "主要产品的英文说明",
  },
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
  {
    key: "sourceUrls",
    zh: "来源链接",
    en: "source_urls",
    required: false,
    example: "https://www.example.com/about https://www.example.com/news/1",
    help: "资料来源网址（http 或 https），多个用空格或 ; 分隔，最多 10 个",
  },
] as const;

export type ImportKey = (typeof IMPORT_COLUMNS)[number]["key"];
export type ImportRecord = Partial<Record<ImportKey, string>>;

/** A place of the gazetteer as the import resolves it. */
export interface ImportPlace {
  adcode: number;
  /** Chinese name, to say which places a name could mean. */
  name: string;
  /** A prefecture-level place (地级市, 州, 盟), not a county. */
  isCity: boolean;
  parentAdcode: number | null;
  /** Where a site known only by this place stands: the seat, or the gazetteer's point. */
  lat: number;
  lng: number;
  /** The ± of that point (from the place's area), km. */
  radiusKm: number | null;
}

export interface ImportLookups {
  /** Sub-province places by adcode (as text) and by Chinese name; a name can mean several. */
  places: Map<string, ImportPlace[]>;
  categories: Set<string>;
}

/**
 * Why a row was refused or warned about, as a code and its values: the import page says it
 * in its language (message `imports.reason.<code>`), the stored report keeps the code.
 */
export const IMPORT_REASONS = [
  "invalid_uscc",
  "unknown_county",
  "unknown_prefecture",
  "ambiguous_place",
  "county_not_in_prefecture",
  "prefecture_as_county",
  "county_with_prefecture_seat",
  "county_seat_without_county",
  "location_required",
  "unknown_precision",
  "precision_needs_point",
  "unknown_status",
  "invalid_url",
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
  | { ok: true; uscc: string | null; externalId: string | null; profile: SupplierProfile }
  | { ok: false; reasons: ImportReason[] };

const split = (v?: string) =>
  (v ?? "")
    .split(/[;；、,，|]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** A cell's words as one key: case, spaces, hyphens and underscores do not matter. */
const wordKey = (v: string) =>
  v
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, "");

const PRECISION_WORDS: Record<string, SitePrecision> = {};
for (const [value, words] of [
  ["exact", ["exact", "精确", "精确坐标", "准确"]],
  ["street", ["street", "街道", "街道级"]],
  ["zone", ["zone", "片区", "园区", "区域"]],
  ["county_seat", ["county_seat", "county seat", "county", "区县驻地", "区县", "县城"]],
  ["prefecture_seat", ["prefecture_seat", "prefecture seat", "prefecture", "地级市驻地", "地级市", "市区"]],
] as [SitePrecision, string[]][])
  for (const w of words) PRECISION_WORDS[wordKey(w)] = value;

const STATUS_WORDS: Record<string, SiteStatus> = {};
for (const [value, words] of [
  ["operating", ["operating", "在营", "运营", "正常", "生产", "投产"]],
  ["under_construction", ["under_construction", "under construction", "在建", "建设中", "筹建"]],
  ["closed", ["closed", "关闭", "已关闭", "停业", "注销", "停产"]],
  ["unverified", ["unverified", "未核实", "待核实", "不详"]],
] as [SiteStatus, string[]][])
  for (const w of words) STATUS_WORDS[wordKey(w)] = value;

/** A precision cell (Chinese or English word, or the code); null when blank, undefined when unknown. */
export function parsePrecision(cell: string | undefined): SitePrecision | null | undefined {
  if (!cell?.trim()) return null;
  return PRECISION_WORDS[wordKey(cell)];
}

/** A status cell (Chinese or English word, or the code); null when blank, undefined when unknown. */
export function parseSiteStatus(cell: string | undefined): SiteStatus | null | undefined {
  if (!cell?.trim()) return null;
  return STATUS_WORDS[wordKey(cell)];
}

/** The import column a profile field comes from (sites.lat → lat), or null. */
function columnOf(field: string): ImportKey | null {
  const [head, tail] = field.split(".");
  if (head === "sites") {
    if (tail === "adcode") return "county";
    if (tail === "lat" || tail === "lng" || tail === "address" || tail === "precision" || tail === "status")
      return tail;
    return tail === "precisionKm" ? "precisionKm" : null;
  }
  if (head === "certifications") return "certifications";
  return IMPORT_COLUMNS.some((c) => c.key === head) ? (head as ImportKey) : null;
}

type Located = { place: ImportPlace; precision: SitePrecision | null } | { reasons: ImportReason[] };

/**
 * Where a row is: its county, or its prefecture when no county is given (precision then the
 * prefecture's seat). A prefecture in the county column is refused with how to mark it,
 * unless the row's precision already says prefecture seat.
 */
function locate(record: ImportRecord, lookups: ImportLookups, precision: SitePrecision | null): Located {
  const prefCell = (record.prefecture ?? "").trim();
  const countyCell = (record.county ?? "").trim();
  const candidates = (cell: string) => lookups.places.get(cell) ?? [];
  const names = (places: ImportPlace[]) => places.map((p) => `${p.name} ${p.adcode}`).join("、");
  let prefecture: ImportPlace | undefined;
  if (prefCell) {
    const found = candidates(prefCell).filter((p) => p.isCity);
    if (found.length === 0) return { reasons: [{ code: "unknown_prefecture", vars: { value: prefCell } }] };
    if (found.length > 1)
      return { reasons: [{ code: "ambiguous_place", vars: { value: prefCell, places: names(found) } }] };
    prefecture = found[0];
  }
  if (!countyCell) {
    if (!prefecture) return { reasons: [{ code: "location_required" }] };
    if (precision === "county_seat")
      return { reasons: [{ code: "county_seat_without_county", vars: { value: prefCell } }] };
    return { place: prefecture, precision: precision ?? "prefecture_seat" };
  }
  const all = candidates(countyCell);
  const found = prefecture
    ? all.filter((p) => p.adcode === prefecture.adcode || p.parentAdcode === prefecture.adcode)
    : all;
  if (found.length === 0) {
    if (all.length && prefecture)
      return {
        reasons: [{ code: "county_not_in_prefecture", vars: { value: countyCell, prefecture: prefCell } }],
      };
    return { reasons: [{ code: "unknown_county", vars: { value: countyCell } }] };
  }
  if (found.length > 1)
    return { reasons: [{ code: "ambiguous_place", vars: { value: countyCell, places: names(found) } }] };
  const place = found[0]!;
  if (place.isCity) {
    if (precision !== "prefecture_seat")
      return { reasons: [{ code: "prefecture_as_county", vars: { value: countyCell, name: place.name } }] };
    return { place, precision };
  }
  if (precision === "prefecture_seat")
    return { reasons: [{ code: "county_with_prefecture_seat", vars: { value: countyCell } }] };
  return { place, precision };
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
  const externalId = (record.externalId ?? "").trim() || null;
  if (externalId && externalId.length > 100)
    reasons.push({ code: "invalid_field", vars: { column: "externalId", message: "form.tooLong" } });

  const precision = parsePrecision(record.precision);
  if (precision === undefined) reasons.push({ code: "unknown_precision", vars: { value: record.precision ?? "" } });
  const status = parseSiteStatus(record.status);
  if (status === undefined) reasons.push({ code: "unknown_status", vars: { value: record.status ?? "" } });

  const located = locate(record, lookups, precision ?? null);
  if ("reasons" in located) reasons.push(...located.reasons);
  const place = "place" in located ? located.place : undefined;

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

  // Without coordinates a site stands at its place's seat: only a seat precision says so truly.
  const sitePrecision: SitePrecision =
    ("place" in located ? located.precision : precision) ??
    (hasPoint ? "exact" : place?.isCity ? "prefecture_seat" : "county_seat");
  if (!hasPoint && (sitePrecision === "exact" || sitePrecision === "street" || sitePrecision === "zone"))
    reasons.push({ code: "precision_needs_point", vars: { precision: sitePrecision } });
  const seat = sitePrecision === "county_seat" || sitePrecision === "prefecture_seat";
  const kmCell = (record.precisionKm ?? "").trim();

  const urls = (record.sourceUrls ?? "").split(/[\s;；|、，]+|,(?=\s*https?:)/i).filter(Boolean);
  const badUrls = urls.filter((u) => !isWebUrl(u));
  if (badUrls.length) reasons.push({ code: "invalid_url", vars: { value: badUrls.join(" ") } });

  const parsed = supplierProfileSchema.safeParse({
    nameZh: record.nameZh ?? "",
    nameEn: record.nameEn ?? "",
    productsZh: record.productsZh ?? "",
    productsEn: record.productsEn ?? "",
    categories,
    processes: split(record.processes),
    certifications,
    annualCapacity: record.annualCapacity ?? "",
    employees: record.employees ? record.employees : null,
    customers: split(record.customers),
    contactName: record.contactName ?? "",
    contactPhone: record.contactPhone ?? "",
    contactEmail: record.contactEmail ?? "",
    sourceUrls: badUrls.length ? [] : urls,
    sites: [
      {
        label: "",
        adcode: place?.adcode ?? 0,
        lat: hasPoint ? record.lat : place?.lat,
        lng: hasPoint ? record.lng : place?.lng,
        datum: hasPoint && datum === "gcj02" ? "gcj02" : "wgs84",
        address: record.address ?? "",
        precision: sitePrecision,
        precisionKm: kmCell || (seat ? (place?.radiusKm ?? null) : null),
        status: status ?? "operating",
      },
    ],
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path
        .map(String)
        .filter((p) => !/^\d+$/.test(p))
        .join(".");
      if ((field === "sites.adcode" || field === "sites.lat" || field === "sites.lng") && !place) continue;
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
  return { ok: true, uscc, externalId, profile: parsed.data };
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
      sourceUrls: [...p.sourceUrls].sort(),
      categories: [...p.categories].sort(),
      processes: [...p.processes].sort(),
      customers: [...p.customers].sort(),
      certifications: p.certifications.map((c) => `${c.kind}|${c.name}|${c.validUntil ?? ""}`).sort(),
      sites: p.sites
        .map(
          (s) =>
            `${s.adcode}|${s.lat.toFixed(6)}|${s.lng.toFixed(6)}|${s.address}|${s.label}|${s.precision}|${s.precisionKm ?? ""}|${s.status}`,
        )
        .sort(),
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
