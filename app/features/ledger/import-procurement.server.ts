import type { Transaction } from "kysely";
import { audit } from "../../../db/audit.server";
import {
  insertImportEntries,
  leafCategoryCodes,
  oemPlantsByCode,
  placesByAdcode,
  registeredSuppliersByUscc,
  supplierLocality,
  type ImportEntryValues,
} from "../../../db/procurement-import.server";
import type { Database } from "../../../db/schema";
import { haversineKm } from "../../domain/geo";
import { circleLocality } from "../../domain/locality";
import { cityAdcodeOf } from "../../domain/places";
import type { Actor } from "../../domain/policy";
import {
  parseProcurementRow,
  type ParsedProcurement,
  type ProcurementProblem,
  type ProcurementRecord,
} from "../../domain/procurement-import";
import type { Deps } from "../deps.server";

export interface ProcurementImportResult {
  inserted: number;
  unchanged: number;
  rejected: number;
  /** The refused rows, each with its reasons as codes (messages `ledger.reason.<code>`). */
  report: { row: number; reasons: ProcurementProblem[] }[];
}

export interface ProcurementImportInput {
  /** The file's rows, numbered as the user sees them (the header is row 1). */
  records: { row: number; record: ProcurementRecord }[];
}

/** Who imports: the OEM whose ledger it is, and the user (null for a token or a script). */
export type ImportActor = Pick<Actor, "userId" | "organizationId">;

type Locality = Pick<
  ImportEntryValues,
  "supplier_province" | "supplier_city_adcode" | "supplier_in_jilin" | "distance_km" | "inside_circle"
>;
type Plant = { id: string; code: string; lat: number; lng: number };
type Place = { adcode: number; lat: number; lng: number; level: string; parent_adcode: number | null };
type Checked = { row: number; v: ParsedProcurement; plant: Plant };

/** Rows per transaction: one multi-row insert each. */
const CHUNK = 500;

/** An audit insert that failed: never a row's fault, so it ends the import instead of being reported as one. */
class AuditFailure extends Error {
  constructor(readonly original: unknown) {
    super(original instanceof Error ? original.message : String(original));
    this.name = "AuditFailure";
  }
}

/**
 * Import an OEM's own procurement rows into the ledger. Idempotent on the OEM's document
 * number: a row already imported is left as it is. Rows are checked one by one, then
 * written 500 to a transaction in one insert; a chunk that fails is written again row by
 * row, so that the report names the row and the other rows still land. Every transaction
 * that writes entries holds its `ledger_imported` audit row, naming the rows it wrote.
 */
export async function importProcurement(
  deps: Pick<Deps, "db" | "ip">,
  actor: ImportActor,
  input: ProcurementImportInput,
): Promise<ProcurementImportResult> {
  const { db } = deps;
  const oemId = actor.organizationId;
  const [plants, categories, places] = await Promise.all([
    oemPlantsByCode(db, oemId),
    leafCategoryCodes(db),
    placesByAdcode(db),
  ]);
  const result: ProcurementImportResult = { inserted: 0, unchanged: 0, rejected: 0, report: [] };

  /** One transaction: the entries and, when any were written, the audit row naming their rows. */
  const write = (rows: Checked[]) =>
    db.transaction().execute(async (trx) => {
      const written = await insertImportEntries(trx, await entryValues(trx, oemId, rows, places, actor.userId));
      if (written.length > 0) {
        const docs = new Set(written.map((w) => w.document_no));
        // The file rows written: the first row of each document number the insert kept.
        const writtenRows = rows.filter((r) => docs.delete(r.v.documentNo)).map((r) => r.row);
        try {
          await audit(trx, {
            action: "ledger_imported",
            actorUserId: actor.userId,
            organizationId: oemId,
            subjectType: "ledger_import",
            detail: { rows: writtenRows, inserted: written.length, unchanged: rows.length - written.length },
            ip: deps.ip,
          });
        } catch (err) {
          throw new AuditFailure(err);
        }
      }
      return written.length;
    });

  for (let start = 0; start < input.records.length; start += CHUNK) {
    const valid: Checked[] = [];
    for (const { row, record } of input.records.slice(start, start + CHUNK)) {
      const parsed = parseProcurementRow(record);
      const reasons = parsed.ok ? [] : parsed.reasons;
      const v = parsed.ok ? parsed.value : null;
      const plant = v ? plants.get(v.plantCode) : undefined;
      if (v && !plant) reasons.push({ code: "not_your_plant", value: v.plantCode });
      if (v && !categories.has(v.category)) reasons.push({ code: "unknown_category", value: v.category });
      if (!v || !plant || reasons.length) {
        result.rejected++;
        result.report.push({ row, reasons });
        continue;
      }
      valid.push({ row, v, plant });
    }
    if (valid.length === 0) continue;
    try {
      const inserted = await write(valid);
      result.inserted += inserted;
      result.unchanged += valid.length - inserted;
    } catch (err) {
      if (err instanceof AuditFailure) throw err.original;
      for (const one of valid) {
        try {
          const inserted = await write([one]);
          result[inserted === 1 ? "inserted" : "unchanged"]++;
        } catch (err) {
          if (err instanceof AuditFailure) throw err.original;
          result.rejected++;
          result.report.push({
            row: one.row,
            reasons: [{ code: "refused", value: String(err instanceof Error ? err.message : err) }],
          });
        }
      }
    }
  }
  return result;
}

/** Ledger rows for checked import rows: registered suppliers by USCC (their nearest site), others from the row. */
async function entryValues(
  trx: Transaction<Database>,
  oemId: string,
  rows: Checked[],
  places: Map<number, Place>,
  postedBy: string | null,
): Promise<ImportEntryValues[]> {
  const usccs = [...new Set(rows.map((r) => r.v.supplierUscc).filter((u): u is string => Boolean(u)))];
  const registered = await registeredSuppliersByUscc(trx, usccs);
  const localities = new Map<string, Locality | null>();
  const values: ImportEntryValues[] = [];
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
      locality = {
        supplier_province: v.province ?? "未知",
        // The city through the one rule: an autonomous prefecture (延边州) is a city of its own.
        supplier_city_adcode: place ? cityAdcodeOf(place) : null,
        supplier_in_jilin: v.province === "吉林省",
        ...circleLocality(point ? haversineKm(plant, point) : null),
      };
    }
    values.push({
      oem_id: oemId,
      plant_id: plant.id,
      supplier_id: supplierId ?? null,
      outside_supplier_name: supplierId ? null : v.supplierName,
      ...locality,
      category_code: v.category,
      amount_fen: v.amountFen,
      period_year: v.year,
      period_quarter: v.quarter,
      source: "import",
      document_no: v.documentNo,
      posted_by: postedBy,
    });
  }
  return values;
}
