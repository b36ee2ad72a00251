import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { audit } from "../../../db/audit.server";
import {
  claimProcurementJob,
  failAbandonedProcurementJobs,
  finishProcurementJob,
  insertImportEntries,
  insertProcurementJob,
  listProcurementJobs,
  renewProcurementLease,
  updateProcurementProgress,
  type ProcurementLease,
  latestImportedDocuments,
  leafCategoryCodes,
  lockOemImports,
  oemPlantsByCode,
  placesByAdcode,
  registeredSuppliersByUscc,
  supplierLocality,
  type ImportedDocumentRow,
  type ImportEntryValues,
} from "../../../db/procurement-import.server";
import type { Database } from "../../../db/schema";
import { databaseProblem } from "../../domain/database-problem";
import type { Actor } from "../../domain/policy";
import {
  documentDifferences,
  documentOf,
  localityProblem,
  parseProcurementRow,
  rowLocality,
  type ImportedDocument,
  type ParsedProcurement,
  type PlaceRef,
  type ProcurementProblem,
  type ProcurementRecord,
} from "../../domain/procurement-import";
import type { Deps } from "../deps.server";

export interface ProcurementImportResult {
  inserted: number;
  unchanged: number;
  rejected: number;
  /** Of the inserted rows, those imported with their locality unknown on a basis (on request). */
  unknownLocality: number;
  /** The refused rows, each with its reasons as codes (messages `ledger.reason.<code>`). */
  report: { row: number; reasons: ProcurementProblem[] }[];
}

export interface ProcurementImportInput {
  /** The file's rows, numbered as the user sees them (the header is row 1). */
  records: { row: number; record: ProcurementRecord }[];
  /**
   * "import": a row whose locality is unknown on a basis is imported as unknown there
   * (in the total, never local, shown apart); "reject" (the default): it is a row error.
   */
  unknownLocality?: "reject" | "import";
  /** The uploaded file's name, for the OEM's list of imports. */
  fileName?: string;
}

export interface ProcurementImportOptions {
  /** How long the request's hold on its job lasts unrenewed (PEITAO_IMPORT_LEASE_SECONDS). */
  leaseSeconds?: number;
  /** How often a queued job asks whether its turn has come. */
  pollMs?: number;
}

const DEFAULT_LEASE_SECONDS = 60;

/** The job's hold was lost (its lease ran out and it was failed): the transaction is undone. */
class LeaseLost extends Error {
  constructor(readonly jobId: string) {
    super(`procurement import ${jobId}: the lease was lost`);
    this.name = "LeaseLost";
  }
}

/** Who imports: the OEM whose ledger it is, and the user (null for a token or a script). */
export type ImportActor = Pick<Actor, "userId" | "organizationId">;

type Locality = Pick<
  ImportEntryValues,
  | "supplier_province"
  | "supplier_city_adcode"
  | "supplier_in_jilin"
  | "distance_km"
  | "inside_circle"
  | "province_unknown"
  | "circle_unknown"
>;
type Plant = { id: string; code: string; lat: number; lng: number };
/** A row ready to write: its entry (without the revision) and its document's content. */
type Ready = {
  row: number;
  v: ParsedProcurement;
  document: ImportedDocument;
  entry: Omit<ImportEntryValues, "import_revision">;
};

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
 * An OEM's procurement import as a job, one running per OEM: the job is queued, waits while
 * another import of the OEM runs (its request renews its lease meanwhile: the OEM's list of
 * imports shows it queued), then runs (writeProcurementRows) with its progress written in
 * each transaction that writes entries. When the request's worker dies, the job's lease
 * runs out and recoverProcurementImports marks it failed with what it wrote; importing the
 * same file again finishes it (its written documents are "unchanged").
 */
export async function importProcurement(
  deps: Pick<Deps, "db" | "ip">,
  actor: ImportActor,
  input: ProcurementImportInput,
  opts: ProcurementImportOptions = {},
): Promise<ProcurementImportResult> {
  const { db } = deps;
  const lease: ProcurementLease = { owner: randomUUID(), seconds: opts.leaseSeconds ?? DEFAULT_LEASE_SECONDS };
  const jobId = await insertProcurementJob(
    db,
    {
      oemId: actor.organizationId,
      createdBy: actor.userId,
      fileName: (input.fileName ?? "").slice(0, 200),
      totalRows: input.records.length,
    },
    lease,
  );
  let lost = false;
  const heartbeat = setInterval(
    () =>
      void renewProcurementLease(db, jobId, lease)
        .then((held) => (lost ||= !held))
        .catch(() => {}),
    (lease.seconds * 1000) / 3,
  );
  heartbeat.unref();
  try {
    while (!(await claimProcurementJob(db, jobId, lease))) {
      if (lost) throw new LeaseLost(jobId);
      await new Promise((r) => setTimeout(r, opts.pollMs ?? 250));
    }
    const result = await writeProcurementRows(deps, actor, input, { id: jobId, lease });
    await finishProcurementJob(
      db,
      jobId,
      { status: "done", progress: progressOf(input.records.length, result) },
      lease,
    );
    return result;
  } catch (err) {
    if (!(err instanceof LeaseLost))
      await finishProcurementJob(db, jobId, { status: "failed", error: String(err) }, lease).catch(() => {});
    throw err;
  } finally {
    clearInterval(heartbeat);
  }
}

/** The OEM's latest imports with their state (queued, running, done, failed) and counts. */
export async function recentProcurementImports(deps: Pick<Deps, "db">, actor: ImportActor) {
  return listProcurementJobs(deps.db, actor.organizationId);
}

/** Jobs whose request is gone (their worker died), marked failed with what they wrote. */
export async function recoverProcurementImports(deps: Pick<Deps, "db">): Promise<string[]> {
  return failAbandonedProcurementJobs(deps.db);
}

const progressOf = (
  processedRows: number,
  r: Pick<ProcurementImportResult, "inserted" | "unchanged" | "rejected">,
) => ({
  processedRows,
  inserted: r.inserted,
  unchanged: r.unchanged,
  rejected: r.rejected,
});

/**
 * Import an OEM's own procurement rows into the ledger, keyed by the OEM's document number:
 * - a number not imported yet is written;
 * - a number imported with the same content is left as it is ("unchanged");
 * - a number imported with other content is a row error naming the fields that differ
 *   (the correction: reverse that entry, then import the corrected document, which is
 *   written as the document's next revision);
 * - a row whose supplier's locality cannot be told on a basis is a row error, or, when the
 *   uploader asks, imported as "locality unknown" on that basis (decision 013).
 * Rows are checked one by one, then written 500 to a transaction in one insert, under the
 * OEM's import lock; a chunk that fails is written again row by row, so that the report
 * names the row and the other rows still land. Every transaction that writes entries holds
 * its `ledger_imported` audit row, naming the rows it wrote.
 */
async function writeProcurementRows(
  deps: Pick<Deps, "db" | "ip">,
  actor: ImportActor,
  input: ProcurementImportInput,
  job: { id: string; lease: ProcurementLease },
): Promise<ProcurementImportResult> {
  const { db } = deps;
  const oemId = actor.organizationId;
  const allowUnknown = input.unknownLocality === "import";
  const [plants, categories, places] = await Promise.all([
    oemPlantsByCode(db, oemId),
    leafCategoryCodes(db),
    placesByAdcode(db),
  ]);
  const result: ProcurementImportResult = { inserted: 0, unchanged: 0, rejected: 0, unknownLocality: 0, report: [] };
  const reject = (row: number, reasons: ProcurementProblem[]) => {
    result.rejected++;
    result.report.push({ row, reasons });
  };
  /** The first row of the file with each document number, for a later row that repeats it. */
  const firstRowOf = new Map<string, { row: number; document: ImportedDocument }>();

  /**
   * One transaction: compare each row with the ledger's latest entry of its document
   * number, write the new ones and, when any were written, the audit row naming them.
   */
  const write = (rows: Ready[], processedRows: number) =>
    db.transaction().execute(async (trx) => {
      await lockOemImports(trx, oemId);
      const latest = await latestImportedDocuments(
        trx,
        oemId,
        rows.map((r) => r.v.documentNo),
      );
      const outcome = { inserted: 0, unchanged: 0, unknown: 0, report: [] as typeof result.report };
      const values: ImportEntryValues[] = [];
      const pending = new Map<string, Ready>();
      for (const r of rows) {
        const no = r.v.documentNo;
        const earlier = pending.get(no);
        if (earlier) {
          // The same number twice in this transaction: the second is the same document or an error.
          const fields = documentDifferences(earlier.document, r.document);
          if (fields.length) outcome.report.push({ row: r.row, reasons: [repeated(no, earlier.row, fields)] });
          else outcome.unchanged++;
          continue;
        }
        const prev = latest.get(no);
        if (prev && prev.reversed_by === null) {
          const fields = documentDifferences(storedDocument(prev), r.document);
          if (fields.length)
            outcome.report.push({
              row: r.row,
              reasons: [{ code: "document_changed", value: no, entry: String(prev.id), fields }],
            });
          else outcome.unchanged++;
          continue;
        }
        pending.set(no, r);
        values.push({ ...r.entry, import_revision: prev ? prev.import_revision + 1 : 1 });
      }
      const written = values.length ? await insertImportEntries(trx, values) : [];
      const docs = new Set(written.map((w) => w.document_no));
      const writtenRows = [...pending.values()].filter((r) => docs.has(r.v.documentNo));
      outcome.inserted = written.length;
      outcome.unchanged += values.length - written.length;
      outcome.unknown = writtenRows.filter((r) => r.entry.province_unknown || r.entry.circle_unknown).length;
      if (written.length > 0) {
        try {
          await audit(trx, {
            action: "ledger_imported",
            actorUserId: actor.userId,
            organizationId: oemId,
            subjectType: "ledger_import",
            detail: {
              rows: writtenRows.map((r) => r.row),
              inserted: written.length,
              unchanged: outcome.unchanged,
              unknown_locality: outcome.unknown,
            },
            ip: deps.ip,
          });
        } catch (err) {
          throw new AuditFailure(err);
        }
        // The job's progress commits with the entries it counts.
        const progress = {
          processedRows,
          inserted: result.inserted + outcome.inserted,
          unchanged: result.unchanged + outcome.unchanged,
          rejected: result.rejected + outcome.report.length,
        };
        if (!(await updateProcurementProgress(trx, job.id, progress, job.lease))) throw new LeaseLost(job.id);
      }
      return outcome;
    });

  const apply = (o: Awaited<ReturnType<typeof write>>) => {
    result.inserted += o.inserted;
    result.unchanged += o.unchanged;
    result.unknownLocality += o.unknown;
    for (const r of o.report) reject(r.row, r.reasons);
  };

  for (let start = 0; start < input.records.length; start += CHUNK) {
    const checked: { row: number; v: ParsedProcurement; plant: Plant }[] = [];
    for (const { row, record } of input.records.slice(start, start + CHUNK)) {
      const parsed = parseProcurementRow(record);
      const reasons = parsed.ok ? [] : parsed.reasons;
      const v = parsed.ok ? parsed.value : null;
      const plant = v ? plants.get(v.plantCode) : undefined;
      if (v && !plant) reasons.push({ code: "not_your_plant", value: v.plantCode });
      if (v && !categories.has(v.category)) reasons.push({ code: "unknown_category", value: v.category });
      if (!v || !plant || reasons.length) reject(row, reasons);
      else checked.push({ row, v, plant });
    }
    const ready: Ready[] = [];
    for (const c of await located(db, checked, places)) {
      if (c.problem && !allowUnknown) {
        reject(c.row, [c.problem]);
        continue;
      }
      const document = documentOf(c.v);
      // A number repeated further down the file, in a later chunk, is compared with its first row.
      const first = firstRowOf.get(c.v.documentNo);
      if (first && first.row !== c.row) {
        const fields = documentDifferences(first.document, document);
        if (fields.length) {
          reject(c.row, [repeated(c.v.documentNo, first.row, fields)]);
          continue;
        }
      } else firstRowOf.set(c.v.documentNo, { row: c.row, document });
      ready.push({
        row: c.row,
        v: c.v,
        document,
        entry: entryOf(oemId, c.v, c.plant, c.locality, document, actor.userId),
      });
    }
    if (ready.length === 0) continue;
    const processed = Math.min(start + CHUNK, input.records.length);
    try {
      apply(await write(ready, processed));
    } catch (err) {
      if (err instanceof AuditFailure) throw err.original;
      if (err instanceof LeaseLost) throw err;
      for (const one of ready) {
        try {
          apply(await write([one], processed));
        } catch (err) {
          if (err instanceof AuditFailure) throw err.original;
          if (err instanceof LeaseLost) throw err;
          // The report says what it means; the database's own text goes to the server log only.
          console.error(`[ledger import] row ${one.row} refused by the database:`, err);
          reject(one.row, [{ code: "refused", problem: databaseProblem(err) }]);
        }
      }
    }
  }
  result.report.sort((a, b) => a.row - b.row);
  return result;
}

const repeated = (value: string, row: number, fields: ReturnType<typeof documentDifferences>): ProcurementProblem => ({
  code: "document_repeated",
  value,
  row: String(row),
  fields,
});

/**
 * What a re-import is compared with: the stored content, or for an entry imported before
 * content was stored, the values the entry keeps (its locality is not compared then).
 */
function storedDocument(prev: ImportedDocumentRow): Partial<ImportedDocument> {
  if (prev.import_content) return prev.import_content as Partial<ImportedDocument>;
  return {
    year: prev.period_year,
    quarter: prev.period_quarter,
    plant: prev.plant_code ?? "",
    category: prev.category_code,
    amount: prev.amount_fen,
    ...(prev.outside_supplier_name !== null ? { supplierName: prev.outside_supplier_name } : {}),
    ...(prev.supplier_uscc !== null ? { supplierUscc: prev.supplier_uscc } : {}),
  };
}

/**
 * Each checked row's frozen locality: a registered supplier (by USCC) from its site nearest
 * the plant, any other from the row; with what keeps it unknown on a basis, if anything.
 */
async function located(
  db: Deps["db"] | Transaction<Database>,
  rows: { row: number; v: ParsedProcurement; plant: Plant }[],
  places: Map<number, PlaceRef>,
) {
  const usccs = [...new Set(rows.map((r) => r.v.supplierUscc).filter((u): u is string => Boolean(u)))];
  const registered = await registeredSuppliersByUscc(db, usccs);
  const sites = new Map<string, Awaited<ReturnType<typeof supplierLocality>>>();
  const out: {
    row: number;
    v: ParsedProcurement;
    plant: Plant;
    locality: Locality & { supplier_id: string | null };
    problem: ProcurementProblem | null;
  }[] = [];
  for (const { row, v, plant } of rows) {
    const supplierId = v.supplierUscc ? registered.get(v.supplierUscc) : undefined;
    if (supplierId) {
      const key = `${supplierId}|${plant.id}`;
      if (!sites.has(key)) sites.set(key, await supplierLocality(db, supplierId, plant));
      const site = sites.get(key);
      if (site) {
        out.push({
          row,
          v,
          plant,
          locality: { ...site, province_unknown: false, circle_unknown: false, supplier_id: supplierId },
          problem: null,
        });
        continue;
      }
    }
    const place = v.county !== null ? (places.get(v.county) ?? null) : null;
    const loc = rowLocality(v, place, plant);
    out.push({
      row,
      v,
      plant,
      locality: {
        supplier_id: supplierId ?? null,
        supplier_province: loc.province?.zh ?? "未知",
        supplier_city_adcode: loc.cityAdcode,
        supplier_in_jilin: loc.inJilin ?? false,
        distance_km: loc.distanceKm,
        inside_circle: loc.insideCircle ?? false,
        province_unknown: loc.inJilin === null,
        circle_unknown: loc.insideCircle === null,
      },
      problem: localityProblem(loc, v, plant.code),
    });
  }
  return out;
}

function entryOf(
  oemId: string,
  v: ParsedProcurement,
  plant: Plant,
  locality: Locality & { supplier_id: string | null },
  document: ImportedDocument,
  postedBy: string | null,
): Omit<ImportEntryValues, "import_revision"> {
  const { supplier_id, ...place } = locality;
  return {
    oem_id: oemId,
    plant_id: plant.id,
    supplier_id,
    outside_supplier_name: supplier_id ? null : v.supplierName,
    ...place,
    category_code: v.category,
    amount_fen: v.amountFen,
    period_year: v.year,
    period_quarter: v.quarter,
    source: "import",
    document_no: v.documentNo,
    posted_by: postedBy,
    import_content: JSON.stringify(document),
  };
}
