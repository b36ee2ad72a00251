import { audit } from "../../../db/audit.server";
import { createApiToken as insertApiToken, revokeApiToken as revokeTokenRow } from "../../../db/api-tokens.server";
import { DomainError } from "../../domain/errors";
import type { Actor } from "../../domain/policy";
import type { Deps } from "../deps.server";
import type { CreateApiTokenInput, RevokeApiTokenInput } from "./schemas";

/** An API token for the actor's organization; the plain token is returned once, never stored. */
export async function createApiToken(
  deps: Deps,
  actor: Actor,
  input: CreateApiTokenInput,
): Promise<{ id: string; token: string; hint: string }> {
  return deps.db.transaction().execute(async (trx) => {
    const created = await insertApiToken(trx, actor.organizationId, input.name, actor.userId);
    await audit(trx, {
      action: "api_token_created",
      actorUserId: actor.userId,
      organizationId: actor.organizationId,
      subjectType: "api_token",
      subjectId: created.id,
      detail: { name: input.name },
      ip: deps.ip,
    });
    return created;
  });
}

/** Revoke one of the actor's organization's live tokens; any other is `api_token_not_found`. */
export async function revokeApiToken(deps: Deps, actor: Actor, input: RevokeApiTokenInput): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await revokeTokenRow(trx, actor.organizationId, input.tokenId))) throw new DomainError("api_token_not_found");
    await audit(trx, {
      action: "api_token_revoked",
      actorUserId: actor.userId,
      organizationId: actor.organizationId,
      subjectType: "api_token",
      subjectId: input.tokenId,
      ip: deps.ip,
    });
  });
}
