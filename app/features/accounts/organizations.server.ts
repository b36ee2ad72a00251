import { audit } from "../../../db/audit.server";
import { agencyOrganizationId, findOrganization } from "../../../db/organizations.server";
import { insertUser } from "../../../db/users.server";
import { hashPassword } from "../../auth/password.server";
import { DomainError } from "../../domain/errors";
import { passwordContextProblem } from "../../domain/password";
import type { Actor } from "../../domain/policy";
import { roleFitsOrganization } from "../../domain/roles";
import type { Deps } from "../deps.server";
import type { CreateUserInput } from "./schemas";

/**
 * A user in an organization whose kind fits the role (`npm run admin -- create-user`; the
 * actor is null there). Without `org`, officials and administrators join the agency
 * organization, which is created when there is none; other roles need `org`.
 */
export async function createUser(
  deps: Deps,
  actor: Actor | null,
  input: CreateUserInput,
): Promise<{ userId: string; organizationId: string }> {
  if (!input.org && input.role !== "official" && input.role !== "admin")
    throw new DomainError("organization_required", "org");
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = input.org ?? (await agencyOrganizationId(trx));
    const org = await findOrganization(trx, organizationId);
    if (!org) throw new DomainError("organization_not_found", "org");
    if (!roleFitsOrganization(input.role, org.kind)) throw new DomainError("role_does_not_fit", "role");
    if (passwordContextProblem(input.password, [input.email, org.name_zh, org.name_en]))
      throw new DomainError("password.too_personal", "password");
    const userId = await insertUser(trx, {
      organizationId,
      email: input.email,
      displayName: input.name,
      role: input.role,
      passwordHash,
    });
    await audit(trx, {
      action: "user_created",
      actorUserId: actor?.userId ?? null,
      organizationId,
      subjectType: "user",
      subjectId: userId,
      detail: { role: input.role, via: actor ? actor.via : "cli" },
      ip: deps.ip,
    });
    return { userId, organizationId };
  });
}
