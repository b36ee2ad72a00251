import { audit } from "../../../db/audit.server";
import { claimInvitation, findOpenInvitation, setInvitationUsedBy } from "../../../db/invitations.server";
import { notifyUser } from "../../../db/notifications.server";
import { insertEmptySupplierProfile, insertOrganization } from "../../../db/organizations.server";
import { enqueueSearchSync } from "../../../db/outbox.server";
import { findUserByEmail, insertUser } from "../../../db/users.server";
import { hashPassword } from "../../auth/password.server";
import { DomainError } from "../../domain/errors";
import { passwordContextProblem } from "../../domain/password";
import type { Deps } from "../deps.server";
import type { AcceptInvitationInput, SignUpInput } from "./schemas";
import { takeAttempt } from "./throttle.server";

export interface NewAccount {
  userId: string;
  organizationId: string;
}

/**
 * What a sign-up or an invitation acceptance did. The pages answer both the same way
 * ("sign in with the e-mail and password you entered"), so that nobody learns from the
 * answer whether an e-mail is registered (ASVS 2.5 / issue 13, finding 12); the owner of a
 * registered e-mail is told in their notifications instead.
 */
export type NewAccountOutcome = ({ created: true } & NewAccount) | { created: false };

const isEmailTaken = (err: unknown) => err instanceof DomainError && err.code === "email_taken";

/**
 * Someone entered a registered e-mail: its owner gets a notification (never the person who
 * entered it), and the attempt is audited. Nothing else changes.
 */
async function tellOwnerOfEmail(
  deps: Pick<Deps, "db" | "ip">,
  email: string,
  via: { kind: "sign_up_email_registered" } | { kind: "invitation_email_registered"; organizationName: string },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const owner = await findUserByEmail(trx, email);
    if (!owner) return;
    await notifyUser(trx, owner.id, {
      kind: via.kind,
      // Never text the person who entered the e-mail chose: the owner's own e-mail, or
      // the name of the organization whose invitation was used.
      title: via.kind === "invitation_email_registered" ? via.organizationName : owner.email,
      link: "/account",
    });
    await audit(trx, {
      action: "email_already_registered",
      organizationId: owner.organization_id,
      subjectType: "user",
      subjectId: owner.id,
      detail: { via: via.kind === "sign_up_email_registered" ? "sign_up" : "invitation" },
      ip: deps.ip,
    });
  });
}

/**
 * A supplier organization (with its empty profile) and its first admin, its search
 * outbox row and its `sign_up` audit row, in one transaction. Nobody is signed in yet:
 * the new user is the audit row's actor. A registered USCC is a DomainError, checked
 * before the e-mail so that its answer never depends on the e-mail; a registered e-mail is
 * not an error the caller can see (`created: false`: its owner is notified). Throttled per
 * address before the password is hashed.
 */
export async function signUpSupplier(deps: Deps, input: SignUpInput): Promise<NewAccountOutcome> {
  if (deps.ip) await takeAttempt(deps, "signUp", [deps.ip]);
  const passwordHash = await hashPassword(input.password);
  try {
    return await deps.db.transaction().execute(async (trx) => {
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
      return { created: true as const, userId, organizationId };
    });
  } catch (err) {
    // The organization's rows were rolled back with the refused user.
    if (!isEmailTaken(err)) throw err;
  }
  await tellOwnerOfEmail(deps, input.email, { kind: "sign_up_email_registered" });
  return { created: false };
}

/**
 * Accept an invitation: the user is created and the invitation used, once, atomically.
 * An unknown, used or expired token is `invitation_invalid`; a password that is the
 * organization's name `password.too_personal`. A registered e-mail leaves the invitation
 * open and answers like a success (`created: false`; its owner is notified). Throttled per
 * address before the password is hashed.
 */
export async function acceptInvitation(
  deps: Deps,
  token: string,
  input: AcceptInvitationInput,
  now = new Date(),
): Promise<NewAccountOutcome> {
  if (deps.ip) await takeAttempt(deps, "invitation", [deps.ip], { now });
  const open = await findOpenInvitation(deps.db, token, now);
  if (!open) throw new DomainError("invitation_invalid");
  if (passwordContextProblem(input.password, [input.email, open.name_zh, open.name_en]))
    throw new DomainError("password.too_personal", "password");
  const passwordHash = await hashPassword(input.password);
  try {
    return await deps.db.transaction().execute(async (trx) => {
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
      return { created: true as const, userId, organizationId: invitation.organization_id };
    });
  } catch (err) {
    // The claim was rolled back with the refused user: the invitation stays open.
    if (!isEmailTaken(err)) throw err;
  }
  await tellOwnerOfEmail(deps, input.email, {
    kind: "invitation_email_registered",
    organizationName: open.name_zh,
  });
  return { created: false };
}
