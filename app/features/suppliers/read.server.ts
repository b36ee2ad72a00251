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

/**
 * The profile as the detail page shows it: the import's external id only to those who
 * verify suppliers, the verification reason only when it is a rejection's (the page says
 * nothing else of it). A page's data request hands the loader's whole answer to the reader.
 */
export function supplierPageProfile(
  profile: StoredProfile,
  opts: { canVerify: boolean },
): Omit<StoredProfile, "verifiedAt"> {
  const { verifiedAt: _unshown, ...shown } = profile;
  return {
    ...shown,
    externalId: opts.canVerify ? profile.externalId : null,
    verificationReason: profile.verificationStatus === "rejected" ? profile.verificationReason : null,
  };
}
