import { getSupplierProfile, type StoredProfile } from "../../../db/supplier-profiles.server";
import { can, type Actor } from "../../domain/policy";
import { completeness } from "../../domain/supplier-profile";
import type { Deps } from "../deps.server";

export interface SupplierDetail {
  /** The profile; contacts, customers and capacity blanked unless `showPrivate`. */
  profile: StoredProfile;
  /** Contacts and customers: for OEMs, officials and the supplier itself. */
  showPrivate: boolean;
  /** Of the whole profile, private parts included. */
  completeness: ReturnType<typeof completeness>;
}

/** One supplier as the detail page and GET /api/v1/suppliers/{id} show it; undefined when there is none. */
export async function supplierDetail(
  deps: Deps,
  actor: Actor | null,
  supplierId: string,
): Promise<SupplierDetail | undefined> {
  const profile = await getSupplierProfile(deps.db, supplierId);
  if (!profile) return undefined;
  const showPrivate = can(actor, "supplier.private.read", { organizationId: profile.id });
  return {
    profile: showPrivate
      ? profile
      : { ...profile, contactName: "", contactPhone: "", contactEmail: "", customers: [], annualCapacity: "" },
    showPrivate,
    completeness: completeness(profile),
  };
}
