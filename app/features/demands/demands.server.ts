import { audit } from "../../../db/audit.server";
import {
  demandAtRetiredPlant,
  fittingSuppliers,
  findPlantOfOem,
  insertDemand,
  isLeafCategory,
  setDemandStatus,
} from "../../../db/demands.server";
import { notifyOrganization } from "../../../db/notifications.server";
import { DomainError } from "../../domain/errors";
import type { Actor } from "../../domain/policy";
import type { DemandStatus } from "../../domain/vocabulary";
import type { Deps } from "../deps.server";
import type { DemandCreate } from "./schemas";

/** What the demand and match writes need: they touch no search index. */
export type WriteDeps = Pick<Deps, "db" | "ip">;
/** Who acts: the user (null for a token or the seed) and their organization. */
export type ActorRef = Pick<Actor, "userId" | "organizationId">;

/**
 * Post a demand at one of the actor's OEM's plants. The suppliers it fits (category, a
 * site inside the circle) are notified in the same transaction when it is open to all.
 */
export async function postDemand(deps: WriteDeps, actor: ActorRef, input: DemandCreate): Promise<{ id: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const plant = await findPlantOfOem(trx, actor.organizationId, input.plant);
    if (!plant) throw new DomainError("plant_not_yours", "plant");
    if (plant.retired_at) throw new DomainError("plant_retired", "plant");
    if (!(await isLeafCategory(trx, input.category))) throw new DomainError("unknown_category", "category");
    const id = await insertDemand(trx, {
      oemId: actor.organizationId,
      createdBy: actor.userId,
      plantId: plant.id,
      partName: input.part_name,
      categoryCode: input.category,
      allowGroup: input.allow_group,
      spec: input.spec,
      annualVolume: input.annual_volume,
      unit: input.unit,
      sopDate: input.sop_date,
      requiredCerts: input.required_certifications,
      radiusKm: input.radius_km,
      responseDeadline: input.response_deadline,
      visibility: input.visibility,
    });
    if (input.visibility === "all") {
      // Suppliers with the category and a site inside the circle (at most 200 organizations).
      const fits = await fittingSuppliers(trx, id, 200);
      for (const s of fits)
        await notifyOrganization(trx, s.supplier_id, {
          kind: "demand_fits",
          title: input.part_name,
          link: `/demands/${id}`,
        });
    }
    await audit(trx, {
      action: "demand_posted",
      actorUserId: actor.userId,
      organizationId: actor.organizationId,
      subjectType: "demand",
      subjectId: id,
      detail: { plant: input.plant, category: input.category, visibility: input.visibility },
      ip: deps.ip,
    });
    return { id };
  });
}

async function setStatus(
  deps: WriteDeps,
  actor: ActorRef,
  demandId: string,
  status: DemandStatus,
  action: "demand_closed" | "demand_reopened",
) {
  await deps.db.transaction().execute(async (trx) => {
    // A demand at a retired plant stays closed.
    if (status === "open" && (await demandAtRetiredPlant(trx, actor.organizationId, demandId)))
      throw new DomainError("plant_retired");
    const changed = await setDemandStatus(trx, actor.organizationId, demandId, status);
    if (!changed) throw new DomainError("demand_not_found");
    await audit(trx, {
      action,
      actorUserId: actor.userId,
      organizationId: actor.organizationId,
      subjectType: "demand",
      subjectId: demandId,
      detail: { from: changed.previous, to: status },
      ip: deps.ip,
    });
  });
}

/** Close one of the actor's OEM's demands (no more shortlisting or inviting). */
export async function closeDemand(deps: WriteDeps, actor: ActorRef, input: { demandId: string }): Promise<void> {
  await setStatus(deps, actor, input.demandId, "closed", "demand_closed");
}

/** Open one of the actor's OEM's demands again. */
export async function reopenDemand(deps: WriteDeps, actor: ActorRef, input: { demandId: string }): Promise<void> {
  await setStatus(deps, actor, input.demandId, "open", "demand_reopened");
}
