import { audit } from "../../../db/audit.server";
import { closeOpenDemandsAtPlant } from "../../../db/demands.server";
import { findOemByCode } from "../../../db/organizations.server";
import { enqueueSearchSync } from "../../../db/outbox.server";
import {
  findPlantByCode,
  findPlantPlace,
  insertPlant,
  lockPlant,
  retirePlantRow,
  updatePlantRow,
} from "../../../db/plants.server";
import { settleReferenceDifferences } from "../../../db/reference-differences.server";
import { DomainError } from "../../domain/errors";
import { sameValue } from "../../domain/reference-merge";
import type { AdminActor, AdminDeps } from "./oems.server";
import type { AddPlantInput, RetirePlantInput, UpdatePlantInput } from "./schemas";

// Every search document carries its distance from each active plant (decision 008): a plant
// added, moved or retired queues one `plants` outbox row in its transaction, and the sync
// worker rebuilds the index's distances from it (fresh index, then swap), without a restart.

const location = (p: { lat: number; lng: number; adcode: number | null; precision_km: number | null }) => ({
  lat: p.lat,
  lng: p.lng,
  adcode: p.adcode,
  precision_km: p.precision_km,
});

/** A new plant of an OEM; suppliers are ranked against it once the index has its distances. */
export async function addPlant(deps: AdminDeps, actor: AdminActor, input: AddPlantInput): Promise<{ plantId: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const oem = await findOemByCode(trx, input.oem);
    if (!oem) throw new DomainError("organization_not_found", "oem");
    if (!(await findPlantPlace(trx, input.adcode))) throw new DomainError("unknown_place", "adcode");
    const plantId = await insertPlant(trx, {
      code: input.code,
      oemId: oem.id,
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      lat: input.lat,
      lng: input.lng,
      adcode: input.adcode,
      precisionKm: input.precisionKm,
    });
    if (!plantId) throw new DomainError("plant_code_taken", "code");
    await enqueueSearchSync(trx, "plants", [input.code]);
    await audit(trx, {
      action: "plant_added",
      actorUserId: actor.userId,
      organizationId: oem.id,
      subjectType: "plant",
      subjectId: plantId,
      detail: {
        code: input.code,
        name_zh: input.nameZh,
        name_en: input.nameEn,
        datum: input.datum,
        location: { lat: input.lat, lng: input.lng, adcode: input.adcode, precision_km: input.precisionKm },
      },
      ip: deps.ip,
    });
    return { plantId };
  });
}

/**
 * Rename or move a plant (coordinates in their datum, county, precision). A move re-ranks:
 * the index's distances are rebuilt. A reference plant keeps the edit through later loads.
 */
export async function updatePlant(
  deps: AdminDeps,
  actor: AdminActor,
  input: UpdatePlantInput,
): Promise<{ moved: boolean }> {
  return deps.db.transaction().execute(async (trx) => {
    const found = await findPlantByCode(trx, input.plant);
    if (!found) throw new DomainError("plant_not_found", "plant");
    await lockPlant(trx, found.id);
    const plant = (await findPlantByCode(trx, input.plant))!;
    if (plant.retired_at) throw new DomainError("plant_retired", "plant");
    if (!(await findPlantPlace(trx, input.adcode))) throw new DomainError("unknown_place", "adcode");
    const from = { name_zh: plant.name_zh, name_en: plant.name_en, location: location(plant) };
    const to = {
      name_zh: input.nameZh,
      name_en: input.nameEn,
      location: location({ lat: input.lat, lng: input.lng, adcode: input.adcode, precision_km: input.precisionKm }),
    };
    await updatePlantRow(trx, plant.id, {
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      lat: input.lat,
      lng: input.lng,
      adcode: input.adcode,
      precisionKm: input.precisionKm,
    });
    const moved = plant.lat !== input.lat || plant.lng !== input.lng;
    if (moved) await enqueueSearchSync(trx, "plants", [plant.code]);
    const ref = plant.reference_values;
    if (ref)
      await settleReferenceDifferences(
        trx,
        "plant",
        plant.id,
        (["name_zh", "name_en", "location"] as const).filter((f) => sameValue(to[f], ref[f])),
      );
    await audit(trx, {
      action: "plant_updated",
      actorUserId: actor.userId,
      organizationId: plant.oem_id,
      subjectType: "plant",
      subjectId: plant.id,
      detail: { code: plant.code, datum: input.datum, moved, from, to },
      ip: deps.ip,
    });
    return { moved };
  });
}

/**
 * Retire a plant: it takes no new demands, its open demands close, and suppliers are no
 * longer ranked against it; its demands, matches and ledger entries stay as they were.
 */
export async function retirePlant(
  deps: AdminDeps,
  actor: AdminActor,
  input: RetirePlantInput,
): Promise<{ closedDemands: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const plant = await findPlantByCode(trx, input.plant);
    if (!plant) throw new DomainError("plant_not_found", "plant");
    if (!(await retirePlantRow(trx, plant.id, actor.userId))) throw new DomainError("plant_retired", "plant");
    const closed = await closeOpenDemandsAtPlant(trx, plant.id);
    for (const demand of closed)
      await audit(trx, {
        action: "demand_closed",
        actorUserId: actor.userId,
        organizationId: demand.oem_id,
        subjectType: "demand",
        subjectId: demand.id,
        detail: { from: "open", to: "closed", reason: "plant_retired", plant: plant.code },
        ip: deps.ip,
      });
    await enqueueSearchSync(trx, "plants", [plant.code]);
    await audit(trx, {
      action: "plant_retired",
      actorUserId: actor.userId,
      organizationId: plant.oem_id,
      subjectType: "plant",
      subjectId: plant.id,
      detail: { code: plant.code, closed_demands: closed.length },
      ip: deps.ip,
    });
    return { closedDemands: closed.length };
  });
}
