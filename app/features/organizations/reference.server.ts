import { audit } from "../../../db/audit.server";
import { findOemById, otherOemNamed, setOrganizationNames } from "../../../db/organizations.server";
import { enqueueSearchSync } from "../../../db/outbox.server";
import { findPlantById, lockPlant, setPlantFields } from "../../../db/plants.server";
import { lockOpenDifference, markDifferenceDecided } from "../../../db/reference-differences.server";
import { DomainError } from "../../domain/errors";
import type { AdminActor, AdminDeps } from "./oems.server";
import type { DecideDifferenceInput } from "./schemas";

interface Location {
  lat: number;
  lng: number;
  adcode: number | null;
  precision_km: number | null;
}

/**
 * Decide a difference between a newer reference version and an administrator's edit:
 * accept the reference value (a plant's location then re-ranks, as a move does) or keep
 * the edit. Either way the difference is closed and the decision audited.
 */
export async function decideReferenceDifference(
  deps: AdminDeps,
  actor: AdminActor,
  input: DecideDifferenceInput,
): Promise<{ decision: "accepted" | "kept" }> {
  return deps.db.transaction().execute(async (trx) => {
    const difference = await lockOpenDifference(trx, input.difference);
    if (!difference) throw new DomainError("difference_not_found");
    const decision = input.decision === "accept" ? "accepted" : "kept";
    let organizationId: string;
    let code: string | null;
    if (difference.entity === "organization") {
      const oem = await findOemById(trx, difference.entity_id);
      if (!oem) throw new DomainError("difference_not_found");
      organizationId = oem.id;
      code = oem.code;
      if (decision === "accepted") {
        const value = difference.reference_value as string;
        if (difference.field === "name_zh" && (await otherOemNamed(trx, value, oem.id)))
          throw new DomainError("organization_exists");
        await setOrganizationNames(trx, oem.id, { [difference.field]: value });
      }
    } else {
      await lockPlant(trx, difference.entity_id);
      const plant = await findPlantById(trx, difference.entity_id);
      if (!plant) throw new DomainError("difference_not_found");
      organizationId = plant.oem_id;
      code = plant.code;
      if (decision === "accepted") {
        if (difference.field === "location") {
          const to = difference.reference_value as Location;
          await setPlantFields(trx, plant.id, {
            lat: to.lat,
            lng: to.lng,
            adcode: to.adcode,
            precision_km: to.precision_km,
          });
          if (to.lat !== plant.lat || to.lng !== plant.lng) await enqueueSearchSync(trx, "plants", [plant.code]);
        } else await setPlantFields(trx, plant.id, { [difference.field]: difference.reference_value as string });
      }
    }
    await markDifferenceDecided(trx, difference.id, decision, actor.userId);
    await audit(trx, {
      action: "reference_difference_decided",
      actorUserId: actor.userId,
      organizationId,
      subjectType: "reference_difference",
      subjectId: difference.id,
      detail: {
        entity: difference.entity,
        code,
        field: difference.field,
        decision,
        reference_value: difference.reference_value,
        local_value: difference.local_value,
        reference_version: difference.reference_version,
      },
      ip: deps.ip,
    });
    return { decision };
  });
}
