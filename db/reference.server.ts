import crypto from "node:crypto";
import fs from "node:fs";
import { sql, type Transaction } from "kysely";
import { csvRecords } from "../app/lib/import/csv";
import { mergeReference, type FieldValues } from "../app/domain/reference-merge";
import type { DB } from "./connection.server";
import type { Database } from "./schema";
import { recordReferenceDifferences, settleReferenceDifferences } from "./reference-differences.server";

/** Where the reference files are: db/reference/ (tests load a changed copy from elsewhere). */
export const REFERENCE_DIR = new URL("./reference/", import.meta.url);
const reader = (dir: URL) => (file: string) => fs.readFileSync(new URL(file, dir), "utf8");

/** Serialises loads across processes (several instances starting at once). */
const LOAD_LOCK = 0x7065_7266; // "perf"

export interface PlantRecord {
  code: string;
  oem_code: string;
  name_zh: string;
  name_en: string;
  company: string;
  adcode: number;
  lat: number;
  lng: number;
  precision_km: number;
}

export interface OemRecord {
  code: string;
  name_zh: string;
  name_en: string;
}

export function plantRecords(dir = REFERENCE_DIR): PlantRecord[] {
  return csvRecords(reader(dir)("oem_plants.csv")).map((r) => ({
    code: r.plant_id!,
    oem_code: r.oem_code!,
    name_zh: r.name_zh!,
    name_en: r.name_en!,
    company: r.company!,
    adcode: Number(r.adcode),
    lat: Number(r.lat),
    lng: Number(r.lng),
    precision_km: Number(r.precision_km),
  }));
}

export function oemRecords(dir = REFERENCE_DIR): OemRecord[] {
  return csvRecords(reader(dir)("oems.csv")).map((r) => ({ code: r.code!, name_zh: r.name_zh!, name_en: r.name_en! }));
}

/**
 * Every gazetteer file: `jilin_places.csv` and any other `*_places.csv` beside it (the
 * neighbouring provinces' counties), all with the same columns. Jilin's comes first, and
 * the first file to name an adcode wins.
 */
export function placesFiles(dir = REFERENCE_DIR): string[] {
  const files = fs.readdirSync(dir).filter((f) => /^[\w-]+_places\.csv$/.test(f));
  return files.sort((a, b) => (a === "jilin_places.csv" ? -1 : b === "jilin_places.csv" ? 1 : a.localeCompare(b)));
}

/** The reference datasets, in load order (plants refer to places), each with its files. */
export function referenceDatasets(
  dir = REFERENCE_DIR,
): { name: "places" | "taxonomy" | "oems_plants"; files: string[] }[] {
  return [
    { name: "places", files: placesFiles(dir) },
    { name: "taxonomy", files: ["part_taxonomy.csv"] },
    { name: "oems_plants", files: ["oems.csv", "oem_plants.csv"] },
  ];
}

/** A dataset's version: a hash of its files' names and contents. */
export function datasetVersion(files: string[], dir = REFERENCE_DIR): string {
  const read = reader(dir);
  const hash = crypto.createHash("sha256");
  for (const file of files) hash.update(file).update("\0").update(read(file)).update("\0");
  return hash.digest("hex").slice(0, 16);
}

type Trx = Transaction<Database>;

async function loadPlaces(trx: Trx, dir: URL, files: string[]): Promise<void> {
  const read = reader(dir);
  const byAdcode = new Map<number, Record<string, unknown>>();
  for (const file of files) {
    for (const r of csvRecords(read(file))) {
      const adcode = Number(r.adcode);
      if (byAdcode.has(adcode)) continue;
      byAdcode.set(adcode, {
        adcode,
        name_zh: r.name_zh!,
        name_en: r.name_en!,
        name_pinyin: r.name_pinyin!,
        level: r.level!,
        parent_adcode: r.level === "province" ? null : Number(r.parent_adcode),
        lat: Number(r.label_lat),
        lng: Number(r.label_lng),
        area_km2: r.area_km2_approx ? Number(r.area_km2_approx) : null,
        // The seat of government: where a supplier known only at this level stands.
        seat_lat: r.seat_lat ? Number(r.seat_lat) : null,
        seat_lng: r.seat_lng ? Number(r.seat_lng) : null,
      });
    }
  }
  const places = [...byAdcode.values()] as {
    adcode: number;
    name_zh: string;
    name_en: string;
    name_pinyin: string;
    level: string;
    parent_adcode: number | null;
    lat: number;
    lng: number;
    area_km2: number | null;
    seat_lat: number | null;
    seat_lng: number | null;
  }[];
  await trx
    .insertInto("places")
    .values(places)
    .onConflict((oc) =>
      oc.column("adcode").doUpdateSet((eb) => ({
        name_zh: eb.ref("excluded.name_zh"),
        name_en: eb.ref("excluded.name_en"),
        name_pinyin: eb.ref("excluded.name_pinyin"),
        level: eb.ref("excluded.level"),
        parent_adcode: eb.ref("excluded.parent_adcode"),
        lat: eb.ref("excluded.lat"),
        lng: eb.ref("excluded.lng"),
        area_km2: eb.ref("excluded.area_km2"),
        seat_lat: eb.ref("excluded.seat_lat"),
        seat_lng: eb.ref("excluded.seat_lng"),
      })),
    )
    .execute();
}

async function loadTaxonomy(trx: Trx, dir: URL): Promise<void> {
  const categories = csvRecords(reader(dir)("part_taxonomy.csv")).map((r) => ({
    code: r.code!,
    parent_code: r.parent_code || null,
    level: Number(r.level) as 1 | 2,
    name_zh: r.name_zh!,
    name_en: r.name_en!,
    nev_key: r.nev_key === "true",
    domain: r.domain!,
  }));
  // Parents first, so the foreign key holds.
  const ordered = [...categories].sort((a, b) => a.level - b.level);
  await trx
    .insertInto("part_categories")
    .values(ordered)
    .onConflict((oc) =>
      oc.column("code").doUpdateSet((eb) => ({
        parent_code: eb.ref("excluded.parent_code"),
        level: eb.ref("excluded.level"),
        name_zh: eb.ref("excluded.name_zh"),
        name_en: eb.ref("excluded.name_en"),
        nev_key: eb.ref("excluded.nev_key"),
        domain: eb.ref("excluded.domain"),
      })),
    )
    .execute();
}

/** The reference fields of an OEM and of a plant (a plant's location moves as one value). */
export const OEM_REFERENCE_FIELDS = ["name_zh", "name_en"] as const;
export const PLANT_REFERENCE_FIELDS = ["name_zh", "name_en", "location"] as const;

export interface PlantLocation {
  lat: number;
  lng: number;
  adcode: number | null;
  precision_km: number | null;
}

export const plantLocation = (p: PlantLocation): PlantLocation => ({
  lat: p.lat,
  lng: p.lng,
  adcode: p.adcode,
  precision_km: p.precision_km,
});

/**
 * The OEMs and their plants: new ones are added; fields nobody edited follow the reference;
 * an administrator's edit stays, and where the reference changed the same field the two are
 * recorded as a difference. Returns the number of differences recorded.
 */
async function loadOemsAndPlants(trx: Trx, dir: URL, version: string): Promise<number> {
  let differences = 0;
  const orgIds = new Map<string, string>();
  for (const oem of oemRecords(dir)) {
    const reference: FieldValues = { name_zh: oem.name_zh, name_en: oem.name_en };
    const row =
      (await trx
        .selectFrom("organizations")
        .select(["id", "name_zh", "name_en", "reference_values"])
        .where("kind", "=", "oem")
        .where("code", "=", oem.code)
        .executeTakeFirst()) ??
      // An OEM created before the reference named it (the demo seed's, or an administrator's).
      (await trx
        .selectFrom("organizations")
        .select(["id", "name_zh", "name_en", "reference_values"])
        .where("kind", "=", "oem")
        .where("name_zh", "=", oem.name_zh)
        .where("reference_values", "is", null)
        .orderBy("created_at")
        .executeTakeFirst());
    if (!row) {
      const { id } = await trx
        .insertInto("organizations")
        .values({
          kind: "oem",
          code: oem.code,
          name_zh: oem.name_zh,
          name_en: oem.name_en,
          verification_status: "verified",
          reference_values: JSON.stringify(reference),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      orgIds.set(oem.code, id);
      continue;
    }
    orgIds.set(oem.code, row.id);
    const merge = mergeReference(OEM_REFERENCE_FIELDS, row, row.reference_values, reference);
    await trx
      .updateTable("organizations")
      .set({
        ...(merge.updates as { name_zh?: string; name_en?: string }),
        ...(Object.keys(merge.updates).length ? { updated_at: new Date() } : {}),
        code: oem.code,
        reference_values: JSON.stringify(reference),
      })
      .where("id", "=", row.id)
      .execute();
    await settleReferenceDifferences(trx, "organization", row.id, merge.agreeing);
    differences += await recordReferenceDifferences(trx, "organization", row.id, merge.differences, version);
  }

  for (const plant of plantRecords(dir)) {
    const oemId = orgIds.get(plant.oem_code);
    if (!oemId) throw new Error(`oem_plants.csv: plant ${plant.code} names OEM ${plant.oem_code}, not in oems.csv`);
    const reference: FieldValues = { name_zh: plant.name_zh, name_en: plant.name_en, location: plantLocation(plant) };
    const row = await trx
      .selectFrom("plants")
      .select(["id", "name_zh", "name_en", "lat", "lng", "adcode", "precision_km", "reference_values"])
      .where("code", "=", plant.code)
      .executeTakeFirst();
    if (!row) {
      await trx
        .insertInto("plants")
        .values({
          code: plant.code,
          oem_id: oemId,
          name_zh: plant.name_zh,
          name_en: plant.name_en,
          ...plantLocation(plant),
          reference_values: JSON.stringify(reference),
        })
        .execute();
      continue;
    }
    const current = { name_zh: row.name_zh, name_en: row.name_en, location: plantLocation(row) };
    const merge = mergeReference(PLANT_REFERENCE_FIELDS, current, row.reference_values, reference);
    const { location, ...names } = merge.updates as { location?: PlantLocation; name_zh?: string; name_en?: string };
    await trx
      .updateTable("plants")
      .set({
        ...names,
        ...(location ? plantLocation(location) : {}),
        ...(Object.keys(merge.updates).length ? { updated_at: new Date() } : {}),
        reference_values: JSON.stringify(reference),
      })
      .where("id", "=", row.id)
      .execute();
    await settleReferenceDifferences(trx, "plant", row.id, merge.agreeing);
    differences += await recordReferenceDifferences(trx, "plant", row.id, merge.differences, version);
  }
  return differences;
}

export interface ReferenceLoad {
  /** The datasets loaded now (`name@version`); empty when every version was loaded before. */
  applied: string[];
  /** Differences between a newer reference and administrators' edits, recorded by this load. */
  differences: number;
}

/**
 * The gazetteer, the part taxonomy and the OEMs with their plants, each loaded once per
 * version of its files (a hash of their contents, recorded in `reference_versions`), so a
 * newer copy takes effect at the next start and an unchanged one writes nothing. What an
 * administrator changed in the UI is never overwritten (see loadOemsAndPlants).
 */
export async function loadReferenceData(db: DB, opts: { dir?: URL } = {}): Promise<ReferenceLoad> {
  const dir = opts.dir ?? REFERENCE_DIR;
  const result: ReferenceLoad = { applied: [], differences: 0 };
  for (const dataset of referenceDatasets(dir)) {
    const version = datasetVersion(dataset.files, dir);
    await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${LOAD_LOCK})`.execute(trx);
      const seen = await trx
        .selectFrom("reference_versions")
        .select("version")
        .where("dataset", "=", dataset.name)
        .where("version", "=", version)
        .executeTakeFirst();
      if (seen) return;
      if (dataset.name === "places") await loadPlaces(trx, dir, dataset.files);
      else if (dataset.name === "taxonomy") await loadTaxonomy(trx, dir);
      else result.differences += await loadOemsAndPlants(trx, dir, version);
      await trx.insertInto("reference_versions").values({ dataset: dataset.name, version }).execute();
      result.applied.push(`${dataset.name}@${version}`);
    });
  }
  return result;
}
