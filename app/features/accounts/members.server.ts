import { audit } from "../../../db/audit.server";
import { revokeApiTokensCreatedBy } from "../../../db/api-tokens.server";
import { closeInvitationsCreatedBy, insertInvitation } from "../../../db/invitations.server";
import { findOrganization } from "../../../db/organizations.server";
import { deactivateMember, lockMembers, setMemberRole } from "../../../db/users.server";
import { DomainError } from "../../domain/errors";
import type { Actor } from "../../domain/policy";
import { roleFitsOrganization } from "../../domain/roles";
import type { Role } from "../../domain/vocabulary";
import type { Deps } from "../deps.server";
import { leavesNoAdmin } from "./admins";
import type { ChangeMemberRoleInput, InviteMemberInput, RemoveMemberInput } from "./schemas";

/** A single-use invitation into the actor's organization; the plain token is returned once. */
export async function inviteMember(
  deps: Deps,
  actor: Actor,
  input: InviteMemberInput,
): Promise<{ token: string; expiresAt: Date }> {
  return deps.db.transaction().execute(async (trx) => {
    const org = await findOrganization(trx, actor.organizationId);
    if (!org) throw new DomainError("organization_not_found");
    if (!roleFitsOrganization(input.role, org.kind)) throw new DomainError("role_does_not_fit", "role");
    const invitation = await insertInvitation(trx, actor.organizationId, input.role, actor.userId);
    await audit(trx, {
      action: "member_invited",
      actorUserId: actor.userId,
      organizationId: actor.organizationId,
      subjectType: "invitation",
      subjectId: invitation.id,
      detail: { role: input.role },
      ip: deps.ip,
    });
    return { token: invitation.token, expiresAt: invitation.expiresAt };
  });
}

/** Change a member's role within the actor's organization; the last admin cannot be demoted. */
export async function changeMemberRole(
  deps: Deps,
  actor: Actor,
  input: ChangeMemberRoleInput,
): Promise<{ from: Role; to: Role }> {
  return deps.db.transaction().execute(async (trx) => {
    const members = await lockMembers(trx, actor.organizationId);
    const member = members.find((m) => m.id === input.userId);
    if (!member) throw new DomainError("member_not_found");
    if (!roleFitsOrganization(input.role, member.kind)) throw new DomainError("role_does_not_fit", "role");
    if (leavesNoAdmin(members, input.userId, input.role)) throw new DomainError("last_admin");
    await setMemberRole(trx, actor.organizationId, input.userId, input.role);
    await audit(trx, {
      action: "role_changed",
      actorUserId: actor.userId,
      organizationId: actor.organizationId,
      subjectType: "user",
      subjectId: input.userId,
      detail: { from: member.role, to: input.role },
      ip: deps.ip,
    });
    return { from: member.role, to: input.role };
  });
}

/**
 * Remove a member from the actor's organization: deactivated, never deleted (ledger
 * entries, matches and the audit log refer to them). Their sessions end, the API tokens
 * they created are revoked and the invitations they sent closed. The last admin cannot be
 * removed.
 */
export async function removeMember(
  deps: Deps,
  actor: Actor,
  input: RemoveMemberInput,
  now = new Date(),
): Promise<{ tokensRevoked: number; invitationsClosed: number }> {
  return deps.db.transaction().execute(async (trx) => {
    const members = await lockMembers(trx, actor.organizationId);
    if (!members.some((m) => m.id === input.userId)) throw new DomainError("member_not_found");
    if (leavesNoAdmin(members, input.userId, null)) throw new DomainError("last_admin");
    await deactivateMember(trx, actor.organizationId, input.userId, now);
    const tokensRevoked = await revokeApiTokensCreatedBy(trx, actor.organizationId, input.userId, now);
    const invitationsClosed = await closeInvitationsCreatedBy(trx, actor.organizationId, input.userId, now);
    await audit(trx, {
      action: "member_removed",
      actorUserId: actor.userId,
      organizationId: actor.organizationId,
      subjectType: "user",
      subjectId: input.userId,
      detail: { deactivated: true, tokensRevoked, invitationsClosed },
      ip: deps.ip,
    });
    return { tokensRevoked, invitationsClosed };
  });
}
