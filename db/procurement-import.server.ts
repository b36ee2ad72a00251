import type { Transaction } from "kysely";
import { haversineKm } from "../app/domain/geo";
import { inJilin, POLICY_CIRCLE_KM, provinceOf } from "../app/domain/locality";
import { cityAdcodeOf } from "../app/domain/places";
import { parseProcurementRow, type ProcurementRecord } from "../app/domain/procurement-import";
import type { DB } from "./connection.server";
import type { Database, ImportRowReport } from "./schema";

/** The frozen locality of a registered supplier relative to a plant: its nearest site. */
export async function supplierLocality(trx: DB | Transaction<Database>, supplierId: string, plant: { lat: number; lng: number }) {
  const sites = await trx
    .selectFrom("supplier_sites as s")
    .leftJoin("places as pl", "pl.adcode", "s.adcode")
    .select(["s.adcode", "s.lat", "s.lng", "pl.parent_adcode", "pl.level"])
    .where("s.supplier_id", "=", supplierId)
    .execute();
  const nearest = sites.map((s) => ({ ...s, km: haversineKm(plant, s) })).sort((a, b) => a.km - b.km)[0];
  if (!nearest) return null;
  const km = Math.round(nearest.km * 1000) / 1000;
  return {
    supplier_province: provinceOf(nearest.adcode) ?? "未知",
    supplier_city_adcode: nearest.level ? cityAdcodeOf({ adcode: nearest.adcode, level: nearest.level, parent_adcode: nearest.parent_adcode }) : null,
    supplier_in_jilin: inJilin(nearest.adcode),
    distance_km: km,
    inside_circle: km <= POLICY_CIRCLE_KM,
  };
}

export interface ProcurementImportResult {
  inserted: number;
  unchanged: number;
  rejected: number;
  report: ImportRowReport[];
}

type Locality = { supplier_province: string; supplier_city_adcode: number | null; supplier_in_jilin: boolean; distance_km: number | null; inside_circle: boolean };
type Parsed = Extract<ReturnType<typeof parseProcurementRow>, { ok: true }>["value"];
type Plant = { id: string; code: string; lat: number; lng: number };
type Place = { adcode: number; lat: number; lng: number; level: string; parent_adcode: number | null };

/** Rows per transaction: one multi-row insert each. */
const CHUNK = 500;

/**
 * Import an OEM's own procurement rows into the ledger. Idempotent on the OEM's document
 * number: a row already imported is left as it is. Rows are checked one by one, then
 * written 500 to a transaction in one insert; a chunk that fails is written again row by
 * row, so that the report names the row and the other rows still land.
 */
export async function importProcurement(db: DB, oemId: string, records: { row: number; record: ProcurementRecord }[], postedBy: string | null): Promise<ProcurementImportResult> {
  const plants = new Map((await db.selectFrom("plants").select(["id", "code", "lat", "lng"]).where("oem_id", "=", oemId).execute()).map((p) => [p.code, p]));
  const categories = new Set((await db.selectFrom("part_categories").select("code").where("level", "=", 2).execute()).map((c) => c.code));
  const places = new Map((await db.selectFrom("places").select(["adcode", "lat", "lng", "level", "parent_adcode"]).execute()).map((p) => [p.adcode, p]));
  const result: ProcurementImportResult = { inserted: 0, unchanged: 0, rejected: 0, report: [] };

  for (let start = 0; start < records.length; start += CHUNK) {
    const valid: { row: number; v: Parsed; plant: Plant }[] = [];
    for (const { row, record } of records.slice(start, start + CHUNK)) {
      const parsed = parseProcurementRow(record);
      const reasons = parsed.ok ? [] : parsed.reasons;
      const v = parsed.ok ? parsed.value : null;
      const plant = v ? plants.get(v.plantCode) : undefined;
      if (v && !plant) reasons.push(`不是贵司的工厂代码 not one of your plants: ${v.plantCode}`);
      if (v && !categories.has(v.category)) reasons.push(`未知品类代码 unknown category: ${v.category}`);
      if (!v || !plant || reasons.length) {
        result.rejected++;
        result.report.push({ row, reasons });
        continue;
      }
      valid.push({ row, v, plant });
    }
    if (valid.length === 0) continue;
    try {
      const inserted = await db.transaction().execute(async (trx) => {
        const values = await entryValues(trx, oemId, valid, places, postedBy);
        return (await insertEntries(trx, values)).length;
      });
      result.inserted += inserted;
      result.unchanged += valid.length - inserted;
    } catch {
      for (const one of valid) {
        try {
          const inserted = await db.transaction().execute(async (trx) => (await insertEntries(trx, await entryValues(trx, oemId, [one], places, postedBy))).length);
          result[inserted === 1 ? "inserted" : "unchanged"]++;
        } catch (err) {
          result.rejected++;
          result.report.push({ row: one.row, reasons: [String(err instanceof Error ? err.message : err)] });
        }
      }
    }
  }
  return result;
}

/** Ledger rows for checked import rows: registered suppliers by USCC (their nearest site), others from the row. */
async function entryValues(trx: Transaction<Database>, oemId: string, rows: { v: Parsed; plant: Plant }[], places: Map<number, Place>, postedBy: string | null) {
  const usccs = [...new Set(rows.map((r) => r.v.supplierUscc).filter((u): u is string => Boolean(u)))];
  const registered = new Map(
    usccs.length
      ? (await trx.selectFrom("organizations").select(["id", "uscc"]).where("uscc", "in", usccs).where("kind", "=", "supplier").execute()).map((o) => [o.uscc!, o.id])
      : [],
  );
  const localities = new Map<string, Locality | null>();
  const values = [];
  for (const { v, plant } of rows) {
    const supplierId = v.supplierUscc ? registered.get(v.supplierUscc) : undefined;
    let locality: Locality | null = null;
    if (supplierId) {
      const key = `${supplierId}|${plant.id}`;
      if (!localities.has(key)) localities.set(key, await supplierLocality(trx, supplierId, plant));
      locality = localities.get(key)!;
    }
    if (!locality) {
      const place = v.county ? places.get(v.county) : undefined;
      const point = v.point ?? (place ? { lat: place.lat, lng: place.lng } : null);
      const km = point ? Math.round(haversineKm(plant, point) * 1000) / 1000 : null;
      locality = {
        supplier_province: v.province ?? "未知",
        supplier_city_adcode: place ? cityAdcodeOf(place) : null,
        supplier_in_jilin: v.province === "吉林省",
        distance_km: km,
        inside_circle: km !== null && km <= POLICY_CIRCLE_KM,
      };
    }
    values.push({
      oem_id: oemId, plant_id: plant.id, supplier_id: supplierId ?? null, outside_supplier_name: supplierId ? null : v.supplierName,
      ...locality, category_code: v.category, amount_fen: v.amountFen, period_year: v.year, period_quarter: v.quarter,
      source: "import" as const, document_no: v.documentNo, posted_by: postedBy,
    });
  }
  return values;
}

/** Insert, skipping document numbers this OEM already imported; returns the rows written. */
function insertEntries(trx: Transaction<Database>, values: Awaited<ReturnType<typeof entryValues>>) {
  return trx
    .insertInto("ledger_entries")
    .values(values)
    .onConflict((oc) => oc.columns(["oem_id", "document_no"]).where("source", "=", "import").doNothing())
    .returning("id")
    .execute();
}
