import { firstStepFacts } from "../../../db/first-steps.server";
import { firstSteps } from "../../domain/first-steps";
import type { Actor } from "../../domain/policy";
import type { Deps } from "../deps.server";

/**
 * A supplier's first steps, ticked from its organization's data (null for anyone who is not
 * a member of a supplier).
 */
export async function supplierFirstSteps(deps: Pick<Deps, "db">, actor: Actor | null) {
  if (!actor || (actor.role !== "supplier_admin" && actor.role !== "supplier_member")) return null;
  return firstSteps(await firstStepFacts(deps.db, actor.organizationId));
}
