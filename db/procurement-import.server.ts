import type { Transaction } from "kysely";
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

/** The gazetteer by code, with each place's level and parent (for its city). */
export async function placesByAdcode(db: Handle) {
  const rows = await db.selectFrom("places").select(["adcode", "lat", "lng", "level", "parent_adcode"]).execute();
  return new Map(rows.map((p) => [p.adcode, p]));
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
> & { source: "import" };

/** Insert imported entries, skipping document numbers this OEM already imported; returns the rows written. */
export function insertImportEntries(trx: Transaction<Database>, values: ImportEntryValues[]) {
  return trx
    .insertInto("ledger_entries")
    .values(values)
    .onConflict((oc) => oc.columns(["oem_id", "document_no"]).where("source", "=", "import").doNothing())
    .returning(["id", "document_no"])
    .execute();
}
