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
 * The gazetteer by code, with each place's level and parent (for its city). A row located
 * only by its county stands at the county's seat of government, as a supplier's site does.
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

// ------------------------------------------------------------------ procurement import jobs
// An OEM's imports run one at a time: each is a job, queued while another of the OEM runs,
// held under a lease its request renews. The rows live in the request only: a job whose
// lease ran out (its worker died) is marked failed with what it wrote.

export interface ProcurementLease {
  owner: string;
  seconds: number;
}

export interface ProcurementProgress {
  processedRows: number;
  inserted: number;
  unchanged: number;
  rejected: number;
}

const leaseEnd = (seconds: number) => sql<Date>`now() + make_interval(secs => ${seconds})`;

/** A new job, queued under the lease of the request that waits for its turn. */
export async function insertProcurementJob(
  db: DB,
  job: { oemId: string; createdBy: string | null; fileName: string; totalRows: number },
  lease: ProcurementLease,
): Promise<string> {
  const row = await db
    .insertInto("procurement_imports")
    .values({
      oem_id: job.oemId,
      created_by: job.createdBy,
      file_name: job.fileName,
      total_rows: job.totalRows,
      lease_owner: lease.owner,
      lease_until: leaseEnd(lease.seconds),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Start the job when its OEM runs no other and no job queued before it waits with a live
 * lease; true when it now runs (the partial unique index decides a race).
 */
export async function claimProcurementJob(db: DB, jobId: string, lease: ProcurementLease): Promise<boolean> {
  try {
    const r = await db
      .updateTable("procurement_imports as j")
      .set({ status: "running", started_at: sql`now()`, lease_until: leaseEnd(lease.seconds) })
      .where("j.id", "=", jobId)
      .where("j.status", "=", "queued")
      .where("j.lease_owner", "=", lease.owner)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom("procurement_imports as o")
              .select("o.id")
              .whereRef("o.oem_id", "=", "j.oem_id")
              .whereRef("o.id", "!=", "j.id")
              .where((eb) =>
                eb.or([
                  eb("o.status", "=", "running"),
                  eb.and([
                    eb("o.status", "=", "queued"),
                    eb("o.created_at", "<", eb.ref("j.created_at")),
                    eb("o.lease_until", ">=", sql<Date>`now()`),
                  ]),
                ]),
              ),
          ),
        ),
      )
      .executeTakeFirst();
    return r.numUpdatedRows > 0n;
  } catch (err) {
    if ((err as { code?: string }).code === "23505") return false;
    throw err;
  }
}

/** Renew the lease of a waiting or running job; false when it is no longer this request's. */
export async function renewProcurementLease(db: DB, jobId: string, lease: ProcurementLease): Promise<boolean> {
  const r = await db
    .updateTable("procurement_imports")
    .set({ lease_until: leaseEnd(lease.seconds) })
    .where("id", "=", jobId)
    .where("status", "in", ["queued", "running"])
    .where("lease_owner", "=", lease.owner)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Progress, in the transaction that wrote it; false when the job is no longer this request's. */
export async function updateProcurementProgress(
  trx: Handle,
  jobId: string,
  progress: ProcurementProgress,
  lease: ProcurementLease,
): Promise<boolean> {
  const r = await trx
    .updateTable("procurement_imports")
    .set({
      processed_rows: progress.processedRows,
      inserted: progress.inserted,
      unchanged: progress.unchanged,
      rejected: progress.rejected,
      lease_until: leaseEnd(lease.seconds),
    })
    .where("id", "=", jobId)
    .where("status", "=", "running")
    .where("lease_owner", "=", lease.owner)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** The job's end: done with its counts, or failed (its counts are what it wrote). */
export async function finishProcurementJob(
  db: DB,
  jobId: string,
  end: { status: "done" | "failed"; progress?: ProcurementProgress; error?: string },
  lease: ProcurementLease,
) {
  await db
    .updateTable("procurement_imports")
    .set({
      status: end.status,
      finished_at: new Date(),
      lease_owner: null,
      lease_until: null,
      ...(end.progress
        ? {
            processed_rows: end.progress.processedRows,
            inserted: end.progress.inserted,
            unchanged: end.progress.unchanged,
            rejected: end.progress.rejected,
          }
        : {}),
      ...(end.error !== undefined ? { error: end.error } : {}),
    })
    .where("id", "=", jobId)
    .where("lease_owner", "=", lease.owner)
    .execute();
}

/** Jobs whose request is gone (lease run out), marked failed: their counts say what they wrote. */
export async function failAbandonedProcurementJobs(db: DB): Promise<string[]> {
  const rows = await db
    .updateTable("procurement_imports")
    .set({ status: "failed", error: "lease_expired", finished_at: new Date(), lease_owner: null, lease_until: null })
    .where("status", "in", ["queued", "running"])
    .where("lease_until", "<", sql<Date>`now()`)
    .returning("id")
    .execute();
  return rows.map((r) => r.id);
}

/** The OEM's latest import jobs, newest first. */
export async function listProcurementJobs(db: DB, oemId: string, limit = 10) {
  return db
    .selectFrom("procurement_imports")
    .select([
      "id",
      "file_name",
      "status",
      "total_rows",
      "processed_rows",
      "inserted",
      "unchanged",
      "rejected",
      "error",
      "created_at",
      "finished_at",
    ])
    .where("oem_id", "=", oemId)
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
}
