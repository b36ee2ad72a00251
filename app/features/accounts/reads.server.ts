import type { DB } from "../../../db/connection.server";
import { findOrganization } from "../../../db/organizations.server";
import type { Actor } from "../../domain/policy";

/** The actor's organization (the account page and GET /api/v1/me). */
export async function actorOrganization(db: DB, actor: Actor) {
  const org = await findOrganization(db, actor.organizationId);
  // The actor was just read with its organization: a missing one is a server error.
  if (!org) throw new Error(`organization ${actor.organizationId} of the actor is missing`);
  return org;
}

/** GET /api/v1/me: who the token (or session) acts as. */
export async function whoAmI(db: DB, actor: Actor) {
  return { organization: await actorOrganization(db, actor), role: actor.role, via: actor.via };
}
