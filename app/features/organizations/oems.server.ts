import { audit } from "../../../db/audit.server";
import { insertInvitation } from "../../../db/invitations.server";
import {
  findOemByCode,
  insertOrganization,
  oemNameTaken,
  organizationCodeTaken,
  otherOemNamed,
  updateOrganizationNames,
} from "../../../db/organizations.server";
import { settleReferenceDifferences } from "../../../db/reference-differences.server";
import { insertUser } from "../../../db/users.server";
import { hashPassword } from "../../auth/password.server";
import { DomainError } from "../../domain/errors";
import { passwordContextProblem } from "../../domain/password";
import { suggestOrganizationCode } from "../../domain/organization-code";
import type { Actor } from "../../domain/policy";
import { sameValue } from "../../domain/reference-merge";
import type { Deps } from "../deps.server";
import type { AssignOemAdminInput, CreateOemInput, InviteOemAdminInput, UpdateOemInput } from "./schemas";

/** The administrators' OEM writes touch no search index. */
export type AdminDeps = Pick<Deps, "db" | "ip">;
export type AdminActor = Pick<Actor, "userId" | "organizationId">;

/** An OEM organization, verified from the start, named by its code (given, or made from its English name). */
export async function createOem(
  deps: AdminDeps,
  actor: AdminActor,
  input: CreateOemInput,
): Promise<{ organizationId: string; code: string }> {
  return deps.db.transaction().execute(async (trx) => {
    if (await oemNameTaken(trx, input.nameZh)) throw new DomainError("organization_exists", "nameZh");
    let code = input.code;
    if (code && (await organizationCodeTaken(trx, code))) throw new DomainError("code_taken", "code");
    for (let n = 1; !code; n++) {
      const candidate = suggestOrganizationCode(input.nameEn, n);
      if (!(await organizationCodeTaken(trx, candidate))) code = candidate;
    }
    const organizationId = await insertOrganization(trx, {
      kind: "oem",
      code,
      nameZh: input.nameZh,
      nameEn: input.nameEn,
      uscc: input.uscc ?? null,
      verificationStatus: "verified",
    });
    await audit(trx, {
      action: "organization_created",
      actorUserId: actor.userId,
      organizationId,
      subjectType: "organization",
      subjectId: organizationId,
      detail: { code, name_zh: input.nameZh, name_en: input.nameEn ?? null, uscc: input.uscc ?? null },
      ip: deps.ip,
    });
    return { organizationId, code };
  });
}

/** Rename an OEM or set its USCC. A reference OEM keeps the edit through later reference loads. */
export async function updateOem(deps: AdminDeps, actor: AdminActor, input: UpdateOemInput): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const oem = await findOemByCode(trx, input.oem);
    if (!oem) throw new DomainError("organization_not_found", "oem");
    if (await otherOemNamed(trx, input.nameZh, oem.id)) throw new DomainError("organization_exists", "nameZh");
    const to = { name_zh: input.nameZh, name_en: input.nameEn ?? null, uscc: input.uscc ?? null };
    await updateOrganizationNames(trx, oem.id, { nameZh: to.name_zh, nameEn: to.name_en, uscc: to.uscc });
    // Back at the reference value: an open difference on that field is settled.
    const ref = oem.reference_values;
    if (ref)
      await settleReferenceDifferences(
        trx,
        "organization",
        oem.id,
        (["name_zh", "name_en"] as const).filter((f) => sameValue(to[f], ref[f])),
      );
    await audit(trx, {
      action: "organization_updated",
      actorUserId: actor.userId,
      organizationId: oem.id,
      subjectType: "organization",
      subjectId: oem.id,
      detail: { code: oem.code, from: { name_zh: oem.name_zh, name_en: oem.name_en, uscc: oem.uscc }, to },
      ip: deps.ip,
    });
  });
}

/** An OEM admin account for the OEM, with the password the administrator hands over. */
export async function assignOemAdmin(
  deps: AdminDeps,
  actor: AdminActor,
  input: AssignOemAdminInput,
): Promise<{ userId: string }> {
  const passwordHash = await hashPassword(input.password);
  return deps.db.transaction().execute(async (trx) => {
    const oem = await findOemByCode(trx, input.oem);
    if (!oem) throw new DomainError("organization_not_found", "oem");
    if (passwordContextProblem(input.password, [input.email, oem.name_zh, oem.name_en]))
      throw new DomainError("password.too_personal", "password");
    const userId = await insertUser(trx, {
      organizationId: oem.id,
      email: input.email,
      displayName: input.name,
      role: "oem_admin",
      passwordHash,
    });
    await audit(trx, {
      action: "user_created",
      actorUserId: actor.userId,
      organizationId: oem.id,
      subjectType: "user",
      subjectId: userId,
      detail: { role: "oem_admin", email: input.email, via: "admin" },
      ip: deps.ip,
    });
    return { userId };
  });
}

/** A single-use link (7 days) by which the OEM's admin creates their own account. */
export async function inviteOemAdmin(
  deps: AdminDeps,
  actor: AdminActor,
  input: InviteOemAdminInput,
): Promise<{ token: string; expiresAt: Date }> {
  return deps.db.transaction().execute(async (trx) => {
    const oem = await findOemByCode(trx, input.oem);
    if (!oem) throw new DomainError("organization_not_found", "oem");
    const invitation = await insertInvitation(trx, oem.id, "oem_admin", actor.userId);
    await audit(trx, {
      action: "member_invited",
      actorUserId: actor.userId,
      organizationId: oem.id,
      subjectType: "invitation",
      subjectId: invitation.id,
      detail: { role: "oem_admin", via: "admin" },
      ip: deps.ip,
    });
    return { token: invitation.token, expiresAt: invitation.expiresAt };
  });
}
