import { sql, type Transaction } from "kysely";
import { haversineKm } from "../app/domain/geo";
import { circleLocality, inJilin, provinceOf } from "../app/domain/locality";
import { cityAdcodeOf } from "../app/domain/places";
import type { DB } from "./connection.server";
import type { Database, LedgerEntriesTable } from "./schema";

// Small repository functions of the procurement import; the workflow (checking rows,
// chunks of 500, the row-by-row fallback, the audit rows) is importProcurement in
// app/features/ledger/import-procurement.server.ts.

type Handle = DB | Transaction<Database>;

/** The frozen locality of a registered supplier relative to a plant: its nearest site. */
export async function supplierLocality(trx: Handle, supplierId: string, plant: { lat: number; lng: number }) {
  const sites = await trx
    .selectFrom("supplier_sites as s")
    .leftJoin("places as pl", "pl.adcode", "s.adcode")
    .select(["s.adcode", "s.lat", "s.lng", "pl.parent_adcode", "pl.level"])
    .where("s.supplier_id", "=", supplierId)
    .execute();
  const nearest = sites.map((s) => ({ ...s, km: haversineKm(plant, s) })).sort((a, b) => a.km - b.km)[0];
  if (!nearest) return null;
  const { distance_km, inside_circle } = circleLocality(nearest.km);
  return {
    supplier_province: provinceOf(nearest.adcode) ?? "未知",
    supplier_city_adcode: nearest.level
      ? cityAdcodeOf({ adcode: nearest.adcode, level: nearest.level, parent_adcode: nearest.parent_adcode })
      : null,
    supplier_in_jilin: inJilin(nearest.adcode),
    distance_km,
    inside_circle,
  };
}

/** The OEM's own plants by code (a row may only name these). */
export async function oemPlantsByCode(db: Handle, oemId: string) {
  const rows = await db.selectFrom("plants").select(["id", "code", "lat", "lng"]).where("oem_id", "=", oemId).execute();
  return new Map(rows.map((p) => [p.code, p]));
}

/** The leaf (level 2) category codes a ledger entry may carry. */
export async function leafCategoryCodes(db: Handle) {
  return new Set(
    (await db.selectFrom("part_categories").select("code").where("level", "=", 2).execute()).map((c) => c.code),
  );
}

/**
 * The gazetteer by code, with each place's level and parent (for its city). A place stands
 * at its seat of government when the gazetteer has one (as a supplier's site given only by
 * its county or prefecture does), else at its point.
 */
export async function placesByAdcode(db: Handle) {
  const rows = await db
    .selectFrom("places")
    .select(["adcode", "lat", "lng", "seat_lat", "seat_lng", "level", "parent_adcode"])
    .execute();
  return new Map(
    rows.map(({ seat_lat, seat_lng, ...p }) => [p.adcode, { ...p, lat: seat_lat ?? p.lat, lng: seat_lng ?? p.lng }]),
  );
}

/** Registered suppliers among these USCCs: USCC → organization id. */
export async function registeredSuppliersByUscc(db: Handle, usccs: string[]) {
  if (!usccs.length) return new Map<string, string>();
  const rows = await db
    .selectFrom("organizations")
    .select(["id", "uscc"])
    .where("uscc", "in", usccs)
    .where("kind", "=", "supplier")
    .execute();
  return new Map(rows.map((o) => [o.uscc!, o.id]));
}

export type ImportEntryValues = Pick<
  LedgerEntriesTable,
  | "oem_id"
  | "plant_id"
  | "supplier_id"
  | "outside_supplier_name"
  | "supplier_province"
  | "supplier_city_adcode"
  | "supplier_in_jilin"
  | "distance_km"
  | "inside_circle"
  | "category_code"
  | "amount_fen"
  | "period_year"
  | "period_quarter"
  | "document_no"
  | "posted_by"
> & {
  source: "import";
  province_unknown: boolean;
  circle_unknown: boolean;
  import_revision: number;
  /** JSON of the document's parsed content. */
  import_content: string;
};

/**
 * Insert imported entries; a (document number, revision) already taken is skipped (the
 * import holds the OEM's import lock, so only a concurrent writer outside it could take
 * one). Returns the rows written.
 */
export function insertImportEntries(trx: Transaction<Database>, values: ImportEntryValues[]) {
  return trx
    .insertInto("ledger_entries")
    .values(values)
    .onConflict((oc) =>
      oc.columns(["oem_id", "document_no", "import_revision"]).where("source", "=", "import").doNothing(),
    )
    .returning(["id", "document_no"])
    .execute();
}

/**
 * One OEM's imports run one at a time (until the transaction ends): what a row is compared
 * with is what the ledger holds when the row is written.
 */
export async function lockOemImports(trx: Transaction<Database>, oemId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext('ledger_import'), hashtext(${oemId}))`.execute(trx);
}

/**
 * The latest imported entry of each of these document numbers of one OEM: its revision,
 * whether it has been reversed, its stored content, and for entries imported before the
 * content was stored, the values the entry itself keeps.
 */
export async function latestImportedDocuments(trx: Handle, oemId: string, documentNos: string[]) {
  if (!documentNos.length) return new Map<string, ImportedDocumentRow>();
  const rows = await trx
    .selectFrom("ledger_entries as l")
    .leftJoin("ledger_entries as r", "r.reverses_id", "l.id")
    .leftJoin("plants as p", "p.id", "l.plant_id")
    .leftJoin("organizations as o", "o.id", "l.supplier_id")
    .select([
      "l.id",
      "l.document_no",
      "l.import_revision",
      "l.import_content",
      "l.period_year",
      "l.period_quarter",
      "l.category_code",
      "l.amount_fen",
      "l.outside_supplier_name",
      "p.code as plant_code",
      "o.uscc as supplier_uscc",
      "r.id as reversed_by",
    ])
    .where("l.oem_id", "=", oemId)
    .where("l.source", "=", "import")
    .where("l.document_no", "in", documentNos)
    .orderBy("l.document_no")
    .orderBy("l.import_revision", "desc")
    .execute();
  const latest = new Map<string, ImportedDocumentRow>();
  for (const r of rows) if (!latest.has(r.document_no!)) latest.set(r.document_no!, r);
  return latest;
}

export type ImportedDocumentRow = {
  id: number;
  document_no: string | null;
  import_revision: number;
  import_content: Record<string, unknown> | null;
  period_year: number;
  period_quarter: number | null;
  category_code: string;
  amount_fen: number;
  outside_supplier_name: string | null;
  plant_code: string | null;
  supplier_uscc: string | null;
  reversed_by: number | null;
};
