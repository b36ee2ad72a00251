import { sql } from "kysely";
import { cityAdcodeOf } from "../app/domain/places";
import { pinyin } from "pinyin-pro";
import { haversineKm } from "../app/domain/geo";
import type { SitePrecision, SiteStatus } from "../app/domain/vocabulary";
import type { DB } from "../db/connection.server";
import { certKindKey, dayNumber, validKinds } from "../app/domain/certificates";
import { chinaDay } from "../app/domain/dates";
import { hectometres, rankingDocumentsOf, type RankingDocument, type SupplierDocument } from "./settings";

/** Each kind's latest end date as YYYYMMDD (no end date: 99991231), keyed for a filter. */
function certUntil(certs: { kind: string; validUntil: string | null }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of certs) {
    const key = certKindKey(c.kind);
    out[key] = Math.max(out[key] ?? 0, dayNumber(c.validUntil));
  }
  return out;
}

/** What a name carries that nobody types in pinyin: annotations in brackets (（长春）, （示例）) and the legal form at its end. */
const UNTYPED_IN_PINYIN = [/[（(][^）)]*[）)]/g, /(股份有限公司|有限责任公司|有限公司|集团公司|公司)$/];

/**
 * Pinyin forms of a Chinese name: spaced, joined and initials, so any of them matches.
 * Only the name itself (city, brand, line of business) is spelled out: each joined form and
 * each set of initials is a word of its own in the index, and the legal form and bracketed
 * annotations would only make every one of them longer and unique (decision 019).
 */
export function pinyinForms(nameZh: string): string {
  const name = UNTYPED_IN_PINYIN.reduce((n, re) => n.replace(re, ""), nameZh.trim()).trim() || nameZh;
  const syllables = pinyin(name, { toneType: "none", type: "array", nonZh: "consecutive" })
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (syllables.length === 0) return "";
  const initials = syllables.map((s) => s[0]).join("");
  return [syllables.join(" "), syllables.join(""), initials].join(" | ");
}

interface SiteRow {
  id: string;
  supplier_id: string;
  label: string;
  adcode: number;
  lat: number;
  lng: number;
  location_precision: SitePrecision;
  precision_km: number | null;
  operating_status: SiteStatus;
  name_zh: string;
  name_en: string | null;
  verification_status: string;
  is_sample: boolean;
  updated_at: Date;
  products_zh: string | null;
  products_en: string | null;
  nev_capable: boolean | null;
  place_level: string | null;
  parent_adcode: number | null;
  category_codes: string[];
  certificates: { kind: string; valid_until: string | null }[];
  processes: string[] | null;
}

/** How many documents a full reindex writes: one per site of a supplier (as loadSupplierDocuments reads them). */
export async function countSupplierDocuments(db: DB): Promise<number> {
  const row = await db
    .selectFrom("supplier_sites as s")
    .innerJoin("organizations as o", "o.id", "s.supplier_id")
    .select((eb) => eb.fn.countAll<string>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Both indexes' documents of whole suppliers: every site of each, in the directory and in the ranking. */
export interface SiteDocuments {
  directory: SupplierDocument[];
  ranking: RankingDocument[];
  /** When reading a page of suppliers: its last supplier (by id), to page on from; null past the last page. */
  lastSupplier: string | null;
}

/**
 * Build the search documents of whole suppliers (all of their sites), from PostgreSQL: the
 * given ones, or a page of up to `suppliers` suppliers after `afterSupplier` in id order.
 * Whole suppliers, because a site's ranking document depends on its supplier's other sites.
 */
export async function loadSupplierDocuments(
  db: DB,
  scope: { supplierIds: string[] } | { afterSupplier: string | null; suppliers: number },
): Promise<SiteDocuments> {
  let query = db
    .selectFrom("supplier_sites as s")
    .innerJoin("organizations as o", "o.id", "s.supplier_id")
    .leftJoin("supplier_profiles as p", "p.supplier_id", "o.id")
    .leftJoin("places as pl", "pl.adcode", "s.adcode")
    .select([
      "s.id",
      "s.supplier_id",
      "s.label",
      "s.adcode",
      "s.lat",
      "s.lng",
      "s.location_precision",
      "s.precision_km",
      "s.operating_status",
      "o.name_zh",
      "o.name_en",
      "o.verification_status",
      "o.is_sample",
      "o.updated_at",
      "p.products_zh",
      "p.products_en",
      "p.nev_capable",
      "pl.level as place_level",
      "pl.parent_adcode",
      "p.processes",
      sql<string[]>`coalesce((select array_agg(sc.category_code order by sc.category_code)
        from supplier_categories sc where sc.supplier_id = o.id), '{}')`.as("category_codes"),
      // Every certificate, kind and end date (expired ones too): which count is decided
      // when indexing (`certifications`, for the facets) and again when searching
      // (`cert_until`), on China's day (app/domain/certificates.ts).
      sql<{ kind: string; valid_until: string | null }[]>`coalesce((select json_agg(json_build_object(
          'kind', c.kind, 'valid_until', to_char(c.valid_until, 'YYYY-MM-DD')))
        from supplier_certifications c where c.supplier_id = o.id), '[]')`.as("certificates"),
    ])
    .where("o.kind", "=", "supplier");
  let supplierIds: string[];
  let lastSupplier: string | null = null;
  if ("supplierIds" in scope) {
    supplierIds = scope.supplierIds;
  } else {
    // The page of suppliers first: one without sites still moves the page on.
    let page = db.selectFrom("organizations").select("id").where("kind", "=", "supplier");
    if (scope.afterSupplier) page = page.where("id", ">", scope.afterSupplier);
    supplierIds = (await page.orderBy("id").limit(scope.suppliers).execute()).map((o) => o.id);
    lastSupplier = supplierIds[supplierIds.length - 1] ?? null;
  }
  if (supplierIds.length === 0) return { directory: [], ranking: [], lastSupplier };
  // One array parameter, whatever the number of suppliers (PostgreSQL takes 65,535 parameters).
  query = query.where(sql<boolean>`s.supplier_id = any(${supplierIds}::uuid[])`);
  const rows = (await query.orderBy("s.supplier_id").orderBy("s.id").execute()) as SiteRow[];
  if (rows.length === 0) return { directory: [], ranking: [], lastSupplier };

  const categories = await db
    .selectFrom("part_categories")
    .select(["code", "parent_code", "name_zh", "name_en"])
    .execute();
  const byCode = new Map(categories.map((c) => [c.code, c]));
  // Retired plants are not ranked against: their distances leave the documents.
  const plants = await db
    .selectFrom("plants")
    .select(["code", "lat", "lng"])
    .where("retired_at", "is", null)
    .orderBy("code")
    .execute();

  const today = chinaDay(new Date());
  const exactKm = new Map<string, Record<string, number>>();
  const directory = rows.map((r) => {
    const km = Object.fromEntries(plants.map((p) => [p.code, haversineKm(p, r)]));
    exactKm.set(r.id, km);
    const certs = r.certificates.map((c) => ({ kind: c.kind, validUntil: c.valid_until }));
    const cats = r.category_codes.map((code) => byCode.get(code)).filter((c) => c !== undefined);
    return {
      id: r.id,
      supplier_id: r.supplier_id,
      name_zh: r.name_zh,
      name_en: r.name_en ?? "",
      name_pinyin: pinyinForms(r.name_zh),
      products_zh: r.products_zh ?? "",
      products_en: r.products_en ?? "",
      category_codes: r.category_codes,
      category_groups: [...new Set(cats.map((c) => c.parent_code ?? c.code))],
      category_names_zh: cats.map((c) => c.name_zh),
      category_names_en: cats.map((c) => c.name_en),
      certifications: validKinds(certs, today).sort(),
      cert_until: certUntil(certs),
      processes: r.processes ?? [],
      city_adcode: cityAdcodeOf({ adcode: r.adcode, level: r.place_level ?? "", parent_adcode: r.parent_adcode }),
      county_adcode: r.adcode,
      verification_status: r.verification_status,
      nev_capable: r.nev_capable ?? false,
      is_sample: r.is_sample,
      site_label: r.label,
      site_status: r.operating_status,
      site_precision: r.location_precision,
      precision_km: r.precision_km,
      updated_at: Math.floor(new Date(r.updated_at).getTime() / 1000),
      plant_hm: Object.fromEntries(Object.entries(km).map(([code, d]) => [code, hectometres(d)])),
      location: { lat: r.lat, lng: r.lng },
    } satisfies SupplierDocument;
  });
  return { directory, ranking: rankingDocumentsOf(directory, exactKm), lastSupplier };
}
