import type { Transaction } from "kysely";
import { audit } from "../../../db/audit.server";
import { enqueueSearchSync } from "../../../db/outbox.server";
import type { Database } from "../../../db/schema";
import {
  findNearDuplicates,
  getSupplierProfile,
  replaceSupplierProfile,
  unknownReferences,
  updateSupplierNames,
  type NearDuplicate,
} from "../../../db/supplier-profiles.server";
import { returnRejectedToQueue } from "../../../db/verification.server";
import { refusedExpiredIndexes } from "../../domain/certificates";
import { chinaDay } from "../../domain/dates";
import { DomainError } from "../../domain/errors";
import type { Actor } from "../../domain/policy";
import type { SupplierProfile } from "../../domain/supplier-profile";
import type { Deps } from "../deps.server";
import type { SaveProfileInput } from "./schemas";

/**
 * Write a supplier's names and profile rows inside `trx`: the categories and places must
 * exist, and the id must be a supplier. The caller holds the transaction, its audit row
 * and its outbox row (saving a profile, importing a row).
 */
export async function writeSupplierProfile(
  trx: Transaction<Database>,
  supplierId: string,
  profile: SupplierProfile,
): Promise<void> {
  const unknown = await unknownReferences(
    trx,
    profile.categories,
    profile.sites.map((s) => s.adcode),
  );
  if (unknown.categories) throw new DomainError("unknown_category", "categories");
  if (unknown.places) throw new DomainError("unknown_place", "sites");
  if (!(await updateSupplierNames(trx, supplierId, profile))) throw new DomainError("supplier_not_found");
  await replaceSupplierProfile(trx, supplierId, profile);
}

export type SaveProfileResult = { saved: true } | { saved: false; duplicates: NearDuplicate[] };

/**
 * A supplier saves its own profile. Unless it confirmed otherwise, a company with a similar
 * name in the same county stops the save and is returned, so that the page can ask.
 */
export async function saveSupplierProfile(
  deps: Deps,
  actor: Actor,
  input: SaveProfileInput,
): Promise<SaveProfileResult> {
  const { confirmDuplicate, ...profile } = input;
  const supplierId = actor.organizationId;
  return deps.db.transaction().execute(async (trx): Promise<SaveProfileResult> => {
    // A certificate entered already expired is refused; one stored before and expired since is kept.
    const stored = (await getSupplierProfile(trx, supplierId))?.certifications ?? [];
    const [expired] = refusedExpiredIndexes(profile.certifications, stored, chinaDay(new Date()));
    if (expired !== undefined) throw new DomainError("certificate_expired", `certifications.${expired}.validUntil`);
    if (!confirmDuplicate) {
      const duplicates = await findNearDuplicates(
        trx,
        profile.nameZh,
        profile.sites.map((s) => s.adcode),
        supplierId,
      );
      if (duplicates.length) return { saved: false, duplicates };
    }
    await writeSupplierProfile(trx, supplierId, profile);
    // A rejected supplier that changes its profile asks again: it returns to the officials' queue.
    const resubmitted = await returnRejectedToQueue(trx, supplierId);
    await enqueueSearchSync(trx, "supplier", [supplierId]);
    await audit(trx, {
      action: "profile_saved",
      actorUserId: actor.userId,
      organizationId: supplierId,
      subjectType: "supplier",
      subjectId: supplierId,
      detail: {
        confirmedDuplicate: confirmDuplicate,
        sites: profile.sites.length,
        categories: profile.categories,
        resubmitted,
      },
      ip: deps.ip,
    });
    return { saved: true };
  });
}
