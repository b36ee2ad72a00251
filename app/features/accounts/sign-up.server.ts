import { audit } from "../../../db/audit.server";
import { claimInvitation, setInvitationUsedBy } from "../../../db/invitations.server";
import { insertEmptySupplierProfile, insertOrganization } from "../../../db/organizations.server";
import { enqueueSearchSync } from "../../../db/outbox.server";
import { insertUser } from "../../../db/users.server";
import { hashPassword } from "../../auth/password.server";
import { DomainError } from "../../domain/errors";
import type { Deps } from "../deps.server";
import type { AcceptInvitationInput, SignUpInput } from "./schemas";

export interface NewAccount {
  userId: string;
  organizationId: string;
}

/**
 * A supplier organization (with its empty profile) and its first admin, its search
 * outbox row and its `sign_up` audit row, in one transaction. Nobody is signed in yet:
 * the new user is the audit row's actor. A registered USCC or e-mail is a DomainError.
 */
export async function signUpSupplier(deps: Deps, input: SignUpInput): Promise<NewAccount> {
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const organizationId = await insertOrganization(trx, {
      kind: "supplier",
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      uscc: input.uscc,
      signedUp: true,
    });
    await insertEmptySupplierProfile(trx, organizationId);
    const userId = await insertUser(trx, {
      organizationId,
      email: input.email,
      displayName: input.displayName,
      role: "supplier_admin",
      passwordHash,
    });
    await enqueueSearchSync(trx, "supplier", [organizationId]);
    await audit(trx, { action: "sign_up", actorUserId: userId, organizationId, ip: deps.ip });
    return { userId, organizationId };
  });
}

/**
 * Accept an invitation: the user is created and the invitation used, once, atomically.
 * An unknown, used or expired token is `invitation_invalid`; a taken e-mail `email_taken`.
 */
export async function acceptInvitation(
  deps: Deps,
  token: string,
  input: AcceptInvitationInput,
  now = new Date(),
): Promise<NewAccount> {
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const invitation = await claimInvitation(trx, token, now);
    if (!invitation) throw new DomainError("invitation_invalid");
    const userId = await insertUser(trx, {
      organizationId: invitation.organization_id,
      email: input.email,
      displayName: input.displayName,
      role: invitation.role,
      passwordHash,
    });
    await setInvitationUsedBy(trx, invitation.id, userId);
    await audit(trx, {
      action: "invitation_accepted",
      actorUserId: userId,
      organizationId: invitation.organization_id,
      subjectType: "invitation",
      subjectId: invitation.id,
      ip: deps.ip,
    });
    return { userId, organizationId: invitation.organization_id };
  });
}
