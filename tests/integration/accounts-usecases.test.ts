import { beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../app/domain/errors";
import { changeMemberRole, inviteMember, removeMember } from "../../app/features/accounts/members.server";
import { markNotificationsRead } from "../../app/features/accounts/notifications.server";
import { createUser } from "../../app/features/accounts/organizations.server";
import { changePassword, signIn, signOut } from "../../app/features/accounts/sessions.server";
import { acceptInvitation, signUpSupplier } from "../../app/features/accounts/sign-up.server";
import { createApiToken, revokeApiToken } from "../../app/features/accounts/tokens.server";
import type { Deps } from "../../app/features/deps.server";
import { verifyPassword } from "../../app/auth/password.server";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { findOpenInvitation } from "../../db/invitations.server";
import { notifyUser } from "../../db/notifications.server";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { createSession, validateSessionToken } from "../../db/sessions.server";
import { findUserByEmail } from "../../db/users.server";
import { throttleKey } from "../../app/domain/throttle";
import { auditRows, expectAuditInTransaction } from "../helpers/audit";
import { actorOf } from "../helpers/actors";
import { testServices, type TestServices } from "../helpers/services";

let s: TestServices;
let deps: Deps;
const IP = "203.0.113.9";

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  await seedDemoIfEmpty(s.db);
  deps = { db: s.db, search: s.search, ip: IP };
});

type Table =
  | "organizations"
  | "users"
  | "sessions"
  | "sign_in_addresses"
  | "invitations"
  | "api_tokens"
  | "search_outbox"
  | "audit_log";
const count = async (table: Table) =>
  Number(
    (
      await s.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const pairAttempts = async (email: string) =>
  (
    await s.db
      .selectFrom("throttle_counters")
      .select("attempts")
      .where("key", "=", throttleKey("signInPair", email, IP))
      .executeTakeFirst()
  )?.attempts ?? 0;
const activeUsers = async () =>
  Number(
    (
      await s.db
        .selectFrom("users")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("deactivated_at", "is", null)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("signUpSupplier", () => {
  const input = {
    nameZh: "四平用例测试零部件有限公司",
    nameEn: undefined,
    uscc: "914403001922038216",
    displayName: "孙工",
    email: "sun@example.com",
    password: "四平配套用例测试-2026",
  };

  it("writes the organization, its admin, its outbox row and its audit row in one transaction", async () => {
    const rows = async () => (await count("organizations")) + (await count("users")) + (await count("search_outbox"));
    await expectAuditInTransaction(s.db, () => signUpSupplier(deps, input), rows);

    const before = await count("search_outbox");
    const created = await signUpSupplier(deps, input);
    if (!created.created) throw new Error("the sign-up created nothing");
    const { userId, organizationId } = created;
    expect(await count("search_outbox")).toBe(before + 1);
    const [row] = await auditRows(s.db, "sign_up");
    expect(row).toMatchObject({ actor_user_id: userId, organization_id: organizationId, ip: IP });
    await expect(signUpSupplier(deps, { ...input, email: "other@example.com" })).rejects.toMatchObject({
      code: "uscc_taken",
      field: "uscc",
    });
  });
});

describe("signIn", () => {
  it("records the address signed in from and the sign_in audit row together", async () => {
    const email = "official@demo.peitao.example";
    await expectAuditInTransaction(
      s.db,
      () => signIn(deps, { email, password: DEMO_PASSWORD }),
      () => count("sign_in_addresses"),
    );
    const result = await signIn(deps, { email, password: DEMO_PASSWORD });
    expect(result).toMatchObject({ ok: true });
    const [row] = await auditRows(s.db, "sign_in");
    expect(row).toMatchObject({ actor_user_id: (await findUserByEmail(s.db, email))!.id, ip: IP });
  });

  it("a refused sign-in (wrong password) still leaves its sign_in_failed audit row, its attempt counted first", async () => {
    const email = "buyer@demo.peitao.example";
    const auditBefore = (await auditRows(s.db, "sign_in_failed")).length;
    const result = await signIn(deps, { email, password: "not-the-password-1" });
    expect(result).toEqual({ ok: false, refusal: "bad_credentials" });
    expect(await pairAttempts(email)).toBe(1);
    const failed = await auditRows(s.db, "sign_in_failed");
    expect(failed.length).toBe(auditBefore + 1);
    expect(failed[0]).toMatchObject({
      actor_user_id: (await findUserByEmail(s.db, email))!.id,
      ip: IP,
      detail: { email },
    });
    // The failed attempt's audit row is its own transaction: no audit, no answer. The
    // attempt itself was counted before the password was verified, so it stays counted.
    await expectAuditInTransaction(
      s.db,
      () => signIn(deps, { email, password: "not-the-password-2" }),
      () => count("sign_in_addresses"),
    );
    expect(await pairAttempts(email)).toBe(2);
  });

  it("answers the same for an unknown account, and refuses without verifying once throttled", async () => {
    const email = "nobody@demo.peitao.example";
    for (let i = 0; i < 5; i++)
      expect(await signIn(deps, { email, password: `wrong-${i}-password` })).toEqual({
        ok: false,
        refusal: "bad_credentials",
      });
    const failures = (await auditRows(s.db, "sign_in_failed")).length;
    expect(await signIn(deps, { email, password: "whatever-password" })).toMatchObject({
      ok: false,
      refusal: "throttled",
      retryAt: expect.any(Date),
    });
    expect((await auditRows(s.db, "sign_in_failed")).length).toBe(failures);
    expect((await auditRows(s.db, "attempts_throttled"))[0]).toMatchObject({
      ip: IP,
      detail: { scope: "signInPair", email, max: 5 },
    });
  });
});

describe("signOut", () => {
  it("ends the session with its audit row", async () => {
    const actor = await actorOf(s.db, "supplier@demo.peitao.example");
    const { session, token } = await createSession(s.db, actor.userId!);
    const withSession = { ...actor, sessionId: session.id };
    await expectAuditInTransaction(
      s.db,
      () => signOut(deps, withSession),
      () => count("sessions"),
    );
    expect(await validateSessionToken(s.db, token)).not.toBeNull();
    await signOut(deps, withSession);
    expect(await validateSessionToken(s.db, token)).toBeNull();
    expect((await auditRows(s.db, "sign_out"))[0]).toMatchObject({ actor_user_id: actor.userId });
  });
});

describe("changePassword", () => {
  it("changes the password, ends every session and starts one, with its audit row", async () => {
    const actor = await actorOf(s.db, "oem-admin@demo.peitao.example");
    const a = await createSession(s.db, actor.userId!);
    const b = await createSession(s.db, actor.userId!);
    const hashOf = async () => (await findUserByEmail(s.db, "oem-admin@demo.peitao.example"))!.password_hash;
    const oldHash = await hashOf();
    const input = { currentPassword: DEMO_PASSWORD, newPassword: "用例测试的新密码-2026" };
    await expectAuditInTransaction(
      s.db,
      () => changePassword(deps, actor, input),
      () => count("sessions"),
    );
    expect(await hashOf()).toBe(oldHash);
    expect(await validateSessionToken(s.db, a.token)).not.toBeNull();

    await expect(changePassword(deps, actor, { ...input, currentPassword: "wrong-password-1" })).rejects.toMatchObject({
      code: "wrong_password",
      field: "currentPassword",
    });
    const { sessionToken } = await changePassword(deps, actor, input);
    expect(await validateSessionToken(s.db, a.token)).toBeNull();
    expect(await validateSessionToken(s.db, b.token)).toBeNull();
    expect(await validateSessionToken(s.db, sessionToken)).not.toBeNull();
    expect(await verifyPassword(await hashOf(), input.newPassword)).toBe(true);
    expect((await auditRows(s.db, "password_changed"))[0]).toMatchObject({ actor_user_id: actor.userId, ip: IP });
  });
});

describe("members", () => {
  it("inviteMember and acceptInvitation each hold their audit row", async () => {
    const admin = await actorOf(s.db, "supplier-admin@demo.peitao.example");
    await expectAuditInTransaction(
      s.db,
      () => inviteMember(deps, admin, { role: "supplier_member" }),
      () => count("invitations"),
    );
    await expect(inviteMember(deps, admin, { role: "oem_buyer" })).rejects.toMatchObject({ code: "role_does_not_fit" });
    const { token } = await inviteMember(deps, admin, { role: "supplier_member" });
    expect((await auditRows(s.db, "member_invited"))[0]).toMatchObject({
      actor_user_id: admin.userId,
      organization_id: admin.organizationId,
      detail: { role: "supplier_member" },
    });

    const input = { displayName: "周工", email: "zhou@example.com", password: "邀请用例测试密码-2026" };
    await expectAuditInTransaction(
      s.db,
      () => acceptInvitation(deps, token, input),
      () => count("users"),
    );
    // The refused acceptance left the invitation open.
    expect(await findOpenInvitation(s.db, token)).toBeDefined();
    const accepted = await acceptInvitation(deps, token, input);
    if (!accepted.created) throw new Error("the acceptance created nothing");
    const { userId, organizationId } = accepted;
    expect(organizationId).toBe(admin.organizationId);
    expect((await auditRows(s.db, "invitation_accepted"))[0]).toMatchObject({
      actor_user_id: userId,
      organization_id: organizationId,
    });
    await expect(acceptInvitation(deps, token, { ...input, email: "wu@example.com" })).rejects.toMatchObject({
      code: "invitation_invalid",
    });
  });

  it("changeMemberRole holds its audit row and keeps the last admin", async () => {
    const admin = await actorOf(s.db, "supplier-admin@demo.peitao.example");
    const member = await actorOf(s.db, "supplier@demo.peitao.example");
    const roleOf = async (id: string) =>
      (await s.db.selectFrom("users").select("role").where("id", "=", id).executeTakeFirstOrThrow()).role;
    const admins = async () =>
      Number(
        (
          await s.db
            .selectFrom("users")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("organization_id", "=", admin.organizationId)
            .where("role", "=", "supplier_admin")
            .executeTakeFirstOrThrow()
        ).n,
      );
    await expectAuditInTransaction(
      s.db,
      () => changeMemberRole(deps, admin, { userId: member.userId!, role: "supplier_admin" }),
      admins,
    );
    expect(await roleOf(member.userId!)).toBe("supplier_member");

    await expect(
      changeMemberRole(deps, admin, { userId: admin.userId!, role: "supplier_member" }),
    ).rejects.toMatchObject({ code: "last_admin" });
    await expect(changeMemberRole(deps, admin, { userId: member.userId!, role: "oem_admin" })).rejects.toMatchObject({
      code: "role_does_not_fit",
    });
    const other = await actorOf(s.db, "buyer@demo.peitao.example");
    await expect(
      changeMemberRole(deps, admin, { userId: other.userId!, role: "supplier_admin" }),
    ).rejects.toMatchObject({ code: "member_not_found" });

    expect(await changeMemberRole(deps, admin, { userId: member.userId!, role: "supplier_admin" })).toEqual({
      from: "supplier_member",
      to: "supplier_admin",
    });
    expect((await auditRows(s.db, "role_changed"))[0]).toMatchObject({
      subject_type: "user",
      subject_id: member.userId,
      detail: { from: "supplier_member", to: "supplier_admin" },
    });
    await changeMemberRole(deps, admin, { userId: member.userId!, role: "supplier_member" });
  });

  it("removeMember holds its audit row, deactivates and keeps the last admin", async () => {
    const admin = await actorOf(s.db, "supplier-admin@demo.peitao.example");
    const zhou = (await findUserByEmail(s.db, "zhou@example.com"))!;
    await expectAuditInTransaction(s.db, () => removeMember(deps, admin, { userId: zhou.id }), activeUsers);
    await expect(removeMember(deps, admin, { userId: admin.userId! })).rejects.toMatchObject({ code: "last_admin" });
    const other = await actorOf(s.db, "buyer@demo.peitao.example");
    await expect(removeMember(deps, admin, { userId: other.userId! })).rejects.toMatchObject({
      code: "member_not_found",
    });
    expect(await removeMember(deps, admin, { userId: zhou.id })).toEqual({ tokensRevoked: 0, invitationsClosed: 0 });
    // Kept for history, deactivated; removing them again finds no member.
    expect((await findUserByEmail(s.db, "zhou@example.com"))?.deactivated_at).toBeInstanceOf(Date);
    await expect(removeMember(deps, admin, { userId: zhou.id })).rejects.toMatchObject({ code: "member_not_found" });
    expect((await auditRows(s.db, "member_removed"))[0]).toMatchObject({
      subject_id: zhou.id,
      actor_user_id: admin.userId,
    });
  });
});

describe("API tokens", () => {
  it("createApiToken and revokeApiToken each hold their audit row; another organization's token is not found", async () => {
    const admin = await actorOf(s.db, "oem-admin@demo.peitao.example");
    await expectAuditInTransaction(
      s.db,
      () => createApiToken(deps, admin, { name: "SRM" }),
      () => count("api_tokens"),
    );
    const created = await createApiToken(deps, admin, { name: "SRM" });
    expect((await auditRows(s.db, "api_token_created"))[0]).toMatchObject({
      subject_id: created.id,
      detail: { name: "SRM" },
    });

    const revoked = async () =>
      Number(
        (
          await s.db
            .selectFrom("api_tokens")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("revoked_at", "is not", null)
            .executeTakeFirstOrThrow()
        ).n,
      );
    await expectAuditInTransaction(s.db, () => revokeApiToken(deps, admin, { tokenId: created.id }), revoked);
    const stranger = await actorOf(s.db, "supplier-admin@demo.peitao.example");
    await expect(revokeApiToken(deps, stranger, { tokenId: created.id })).rejects.toBeInstanceOf(DomainError);
    await revokeApiToken(deps, admin, { tokenId: created.id });
    expect((await auditRows(s.db, "api_token_revoked"))[0]).toMatchObject({ subject_id: created.id });
    await expect(revokeApiToken(deps, admin, { tokenId: created.id })).rejects.toMatchObject({
      code: "api_token_not_found",
    });
  });
});

describe("organizations and users", () => {
  it("createUser (the admin command line) holds its audit row, with no actor and no address", async () => {
    const cli: Deps = { ...deps, ip: null };
    const input = {
      role: "official" as const,
      email: "feng@example.com",
      name: "冯处长",
      password: "主管部门用例密码-2026",
      org: undefined,
    };
    await expectAuditInTransaction(
      s.db,
      () => createUser(cli, null, input),
      () => count("users"),
    );
    const { userId } = await createUser(cli, null, input);
    expect((await auditRows(s.db, "user_created"))[0]).toMatchObject({
      actor_user_id: null,
      ip: null,
      subject_id: userId,
      detail: { role: "official", via: "cli" },
    });
    await expect(createUser(cli, null, { ...input, role: "oem_buyer", email: "x@example.com" })).rejects.toMatchObject({
      code: "organization_required",
    });
    const supplierOrg = (await findUserByEmail(s.db, "supplier-admin@demo.peitao.example"))!.organization_id;
    await expect(createUser(cli, null, { ...input, email: "y@example.com", org: supplierOrg })).rejects.toMatchObject({
      code: "role_does_not_fit",
    });
  });
});

describe("markNotificationsRead", () => {
  it("marks the user's notifications read with its audit row", async () => {
    const actor = await actorOf(s.db, "buyer@demo.peitao.example");
    await notifyUser(s.db, actor.userId!, { kind: "supplier_interested", title: "前保险杠", link: "/demands" });
    const unread = async () =>
      Number(
        (
          await s.db
            .selectFrom("notifications")
            .select((eb) => eb.fn.countAll<number>().as("n"))
            .where("user_id", "=", actor.userId!)
            .where("read_at", "is", null)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await unread()).toBeGreaterThan(0);
    await expectAuditInTransaction(s.db, () => markNotificationsRead(deps, actor), unread);
    const { marked } = await markNotificationsRead(deps, actor);
    expect(marked).toBeGreaterThan(0);
    expect(await unread()).toBe(0);
    expect((await auditRows(s.db, "notifications_read"))[0]).toMatchObject({
      actor_user_id: actor.userId,
      detail: { marked },
    });
  });
});
