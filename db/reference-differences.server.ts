import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema";

type Handle = Kysely<Database> | Transaction<Database>;
export type ReferenceEntity = "organization" | "plant";

/**
 * Record where a newer reference meets an administrator's edit: one open difference per
 * row and field, its reference value refreshed when a later version changes it again.
 */
export async function recordReferenceDifferences(
  db: Handle,
  entity: ReferenceEntity,
  entityId: string,
  differences: { field: string; local: unknown; reference: unknown }[],
  version: string,
): Promise<number> {
  if (differences.length === 0) return 0;
  await db
    .insertInto("reference_differences")
    .values(
      differences.map((d) => ({
        entity,
        entity_id: entityId,
        field: d.field,
        reference_value: JSON.stringify(d.reference),
        local_value: JSON.stringify(d.local),
        reference_version: version,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(["entity", "entity_id", "field"])
        .where("decision", "is", null)
        .doUpdateSet((eb) => ({
          reference_value: eb.ref("excluded.reference_value"),
          local_value: eb.ref("excluded.local_value"),
          reference_version: eb.ref("excluded.reference_version"),
          detected_at: new Date(),
        })),
    )
    .execute();
  return differences.length;
}

/** Open differences on fields that now hold the reference value are no longer differences. */
export async function settleReferenceDifferences(
  db: Handle,
  entity: ReferenceEntity,
  entityId: string,
  fields: string[],
): Promise<void> {
  if (fields.length === 0) return;
  await db
    .deleteFrom("reference_differences")
    .where("entity", "=", entity)
    .where("entity_id", "=", entityId)
    .where("field", "in", fields)
    .where("decision", "is", null)
    .execute();
}

export interface OpenDifference {
  id: string;
  entity: ReferenceEntity;
  field: string;
  reference_value: unknown;
  local_value: unknown;
  reference_version: string;
  detected_at: Date;
  /** The OEM's code and names (for a plant: its OEM's). */
  oem_code: string | null;
  oem_name_zh: string;
  oem_name_en: string | null;
  plant_code: string | null;
  plant_name_zh: string | null;
  plant_name_en: string | null;
}

/** The open differences, with the names of what they are about, oldest first. */
export async function listOpenDifferences(db: Handle, oemId?: string): Promise<OpenDifference[]> {
  let q = db
    .selectFrom("reference_differences as d")
    .leftJoin("plants as p", (j) => j.onRef("p.id", "=", "d.entity_id").on("d.entity", "=", "plant"))
    .innerJoin("organizations as o", (j) =>
      j.on((eb) =>
        eb.or([
          eb.and([eb("d.entity", "=", "organization"), eb("o.id", "=", eb.ref("d.entity_id"))]),
          eb.and([eb("d.entity", "=", "plant"), eb("o.id", "=", eb.ref("p.oem_id"))]),
        ]),
      ),
    )
    .select([
      "d.id",
      "d.entity",
      "d.field",
      "d.reference_value",
      "d.local_value",
      "d.reference_version",
      "d.detected_at",
      "o.code as oem_code",
      "o.name_zh as oem_name_zh",
      "o.name_en as oem_name_en",
      "p.code as plant_code",
      "p.name_zh as plant_name_zh",
      "p.name_en as plant_name_en",
    ])
    .where("d.decision", "is", null)
    .orderBy("d.id");
  if (oemId) q = q.where("o.id", "=", oemId);
  return (await q.execute()) as OpenDifference[];
}

/** One open difference, locked for the decision (undefined when decided or unknown). */
export async function lockOpenDifference(db: Handle, id: string) {
  return db
    .selectFrom("reference_differences")
    .select(["id", "entity", "entity_id", "field", "reference_value", "local_value", "reference_version"])
    .where("id", "=", id)
    .where("decision", "is", null)
    .forUpdate()
    .executeTakeFirst();
}

export async function markDifferenceDecided(
  db: Handle,
  id: string,
  decision: "accepted" | "kept",
  userId: string | null,
): Promise<void> {
  await db
    .updateTable("reference_differences")
    .set({ decision, decided_by: userId, decided_at: new Date() })
    .where("id", "=", id)
    .execute();
}
