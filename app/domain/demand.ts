import type { DemandStatus, DemandVisibility } from "./vocabulary";

/**
 * Whether a supplier may see a demand: one it has a match on (it was shortlisted or
 * invited, whatever the demand's state since), or one open to all that is still open.
 * OEMs and officials are decided by the policy (`demand.read`), not here.
 */
export function supplierMaySeeDemand(
  demand: { visibility: DemandVisibility; status: DemandStatus },
  hasMatch: boolean,
): boolean {
  if (hasMatch) return true;
  return demand.visibility === "all" && demand.status === "open";
}
