import {
  parseImportRow,
  sameProfile,
  type ImportLookups,
  type ImportRecord,
} from "../app/domain/supplier-import";
import type { DB } from "./connection.server";
import type { ImportRowReport } from "./schema";
import { findNearDuplicates, getSupplierProfile, saveSupplierProfile } from "./supplier-profiles.server";

export async function importLookups(db: DB): Promise<ImportLookups> {
  const places = await db.selectFrom("places").select(["adcode", "name_zh", "level", "lat", "lng"]).where("level", "not in", ["province", "prefecture_city", "autonomous_prefecture"]).execute();
  const counties = new Map<string, { adcode: number; lat: number; lng: number }>();
  const nameCount = new Map<string, number>();
  for (const p of places) nameCount.set(p.name_zh, (nameCount.get(p.name_zh) ?? 0) + 1);
  for (const p of places) {
    counties.set(String(p.adcode), p);
    if (nameCount.get(p.name_zh) === 1) counties.set(p.name_zh, p); // names only where unambiguous
  }
  const categories = new Set((await db.selectFrom("part_categories").select("code").where("level", "=", 2).execute()).map((c) => c.code));
  return { counties, categories };
}

export async function createImportJob(db: DB, fileName: string, totalRows: number, createdBy: string | null) {
  const row = await db.insertInto("supplier_imports").values({ file_name: fileName, total_rows: totalRows, created_by: createdBy }).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function getImportJob(db: DB, id: string) {
  return db.selectFrom("supplier_imports").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listImportJobs(db: DB, limit = 20) {
  return db.selectFrom("supplier_imports").select(["id", "file_name", "status", "total_rows", "processed_rows", "inserted", "updated", "unchanged", "rejected", "created_at"]).orderBy("created_at", "desc").limit(limit).execute();
}

type Outcome = "inserted" | "updated" | "unchanged";

/** Upsert one valid row: by USCC, else by name and county. Its own transaction. */
async function applyRow(db: DB, uscc: string | null, profile: Parameters<typeof saveSupplierProfile>[2]): Promise<{ outcome: Outcome; id: string }> {
  const county = profile.sites[0]!.adcode;
  const existing = uscc
    ? await db.selectFrom("organizations").select(["id", "kind"]).where("uscc", "=", uscc).executeTakeFirst()
    : await db
        .selectFrom("organizations as o")
        .select(["o.id", "o.kind"])
        .where("o.kind", "=", "supplier")
        .where("o.name_zh", "=", profile.nameZh)
        .where(({ exists, selectFrom }) => exists(selectFrom("supplier_sites as s").select("s.id").whereRef("s.supplier_id", "=", "o.id").where("s.adcode", "=", county)))
        .executeTakeFirst();
  if (existing && existing.kind !== "supplier") throw new Error("该统一社会信用代码属于非供应商机构 the USCC belongs to a non-supplier organization");
  if (existing) {
    const current = await getSupplierProfile(db, existing.id);
    if (current && sameProfile(current, profile)) return { outcome: "unchanged", id: existing.id };
    // Keep the ids of the existing sites where the import has as many.
    const sites = profile.sites.map((s, i) => ({ ...s, id: current?.sites[i]?.id }));
    await saveSupplierProfile(db, existing.id, { ...profile, sites });
    return { outcome: "updated", id: existing.id };
  }
  const id = await db.transaction().execute(async (trx) => {
    const org = await trx.insertInto("organizations").values({ kind: "supplier", name_zh: profile.nameZh, name_en: profile.nameEn || null, uscc }).returning("id").executeTakeFirstOrThrow();
    await saveSupplierProfile(db, org.id, profile, trx);
    return org.id;
  });
  return { outcome: "inserted", id };
}

/**
 * Run an import job over parsed records, row by row, in batches that yield to the event
 * loop (the server keeps answering) and record progress. Each row commits on its own:
 * a rejected row writes nothing, the valid rows are written.
 */
export async function runSupplierImport(db: DB, jobId: string, records: { row: number; record: ImportRecord }[], batchSize = 100) {
  const lookups = await importLookups(db);
  const report: ImportRowReport[] = [];
  const counts = { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  try {
    for (let start = 0; start < records.length; start += batchSize) {
      for (const { row, record } of records.slice(start, start + batchSize)) {
        const parsed = parseImportRow(record, lookups);
        if (!parsed.ok) {
          counts.rejected++;
          report.push({ row, reasons: parsed.reasons });
          continue;
        }
        try {
          if (!parsed.uscc) {
            const dupes = await findNearDuplicates(db, parsed.profile.nameZh, [parsed.profile.sites[0]!.adcode]);
            const similar = dupes.filter((d) => d.nameZh !== parsed.profile.nameZh);
            if (similar.length) report.push({ row, warning: true, reasons: [`名称相近的企业 similar names in the same county: ${similar.map((d) => d.nameZh).join("、")}`] });
          }
          const { outcome } = await applyRow(db, parsed.uscc, parsed.profile);
          counts[outcome]++;
        } catch (err) {
          counts.rejected++;
          report.push({ row, reasons: [String(err instanceof Error ? err.message : err)] });
        }
      }
      await db
        .updateTable("supplier_imports")
        .set({ processed_rows: Math.min(records.length, start + batchSize), ...counts, report: JSON.stringify(report) })
        .where("id", "=", jobId)
        .execute();
      await new Promise((r) => setImmediate(r));
    }
    await db.updateTable("supplier_imports").set({ status: "done", finished_at: new Date(), ...counts, report: JSON.stringify(report) }).where("id", "=", jobId).execute();
  } catch (err) {
    await db.updateTable("supplier_imports").set({ status: "failed", finished_at: new Date(), error: String(err) }).where("id", "=", jobId).execute();
  }
  return { ...counts, report };
}
