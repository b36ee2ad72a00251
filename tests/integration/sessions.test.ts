import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken, actorForApiToken, revokeApiToken } from "../../db/api-tokens.server";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { DEFAULT_SESSION_LIFETIME } from "../../app/domain/session-lifetime";
import { createSession, invalidateUserSessions, validateSessionToken } from "../../db/sessions.server";
import { markAllRead, notifyUser, unreadCount } from "../../db/notifications.server";
import { findUserByEmail } from "../../db/users.server";
import { testServices, type TestServices } from "../helpers/services";

let s: TestServices;
let userId: string;

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  await seedDemoIfEmpty(s.db);
  userId = (await findUserByEmail(s.db, "buyer@demo.peitao.example"))!.id;
});

const hour = 3600_000;
// A buyer: 12 hours idle, renewed at most hourly (app/domain/session-lifetime.ts).
const IDLE = DEFAULT_SESSION_LIFETIME.idleMs;

describe("database sessions", () => {
  it("stores only the SHA-256 of the secret and validates the token", async () => {
    const t0 = new Date("2026-01-01T00:00:00Z");
    const { token, session } = await createSession(s.db, userId, t0);
    const [id, secret] = token.split(".");
    const row = await s.db.selectFrom("sessions").selectAll().where("id", "=", id!).executeTakeFirstOrThrow();
    expect(Buffer.from(row.secret_hash).toString("utf8")).not.toContain(secret!);
    expect(row.secret_hash.length).toBe(32);
    const v = await validateSessionToken(s.db, token, new Date(t0.getTime() + 1000));
    expect(v?.actor).toMatchObject({ userId, role: "oem_buyer", organizationKind: "oem", via: "session" });
    expect(v?.renewed).toBe(false);
    expect(session.expiresAt.getTime()).toBe(t0.getTime() + IDLE);
    // A wrong secret for a real id is refused.
    expect(await validateSessionToken(s.db, `${id}.${"a".repeat(24)}`, t0)).toBeNull();
    expect(await validateSessionToken(s.db, "garbage", t0)).toBeNull();
  });

  it("slides: use after the activity interval renews the expiry", async () => {
    const t0 = new Date("2026-02-01T00:00:00Z");
    const { token } = await createSession(s.db, userId, t0);
    const t1 = new Date(t0.getTime() + hour + 1000);
    const v = await validateSessionToken(s.db, token, t1);
    expect(v?.renewed).toBe(true);
    expect(v?.session.expiresAt.getTime()).toBe(t1.getTime() + IDLE);
    // Still valid 11 hours after the renewal, which is 12 h after creation …
    const t2 = new Date(t1.getTime() + IDLE - hour);
    expect(await validateSessionToken(s.db, token, t2)).not.toBeNull();
  });

  it("expires after 12 hours without use and deletes the row", async () => {
    const t0 = new Date("2026-03-01T00:00:00Z");
    const { token, session } = await createSession(s.db, userId, t0);
    expect(await validateSessionToken(s.db, token, new Date(t0.getTime() + IDLE))).toBeNull();
    const row = await s.db.selectFrom("sessions").select("id").where("id", "=", session.id).executeTakeFirst();
    expect(row).toBeUndefined();
  });

  it("counts the user's unread notifications in the same query as the session", async () => {
    const official = (await findUserByEmail(s.db, "official@demo.peitao.example"))!.id;
    await markAllRead(s.db, official);
    const { token } = await createSession(s.db, official);
    expect((await validateSessionToken(s.db, token))?.unread).toBe(0);
    for (const n of [1, 2, 3]) await notifyUser(s.db, official, { kind: "test", title: `t${n}`, link: "/" });
    expect((await validateSessionToken(s.db, token))?.unread).toBe(3);
    expect(await unreadCount(s.db, official)).toBe(3);
    await markAllRead(s.db, official);
    expect((await validateSessionToken(s.db, token))?.unread).toBe(0);
  });

  it("revokes all of a user's sessions at once", async () => {
    const now = new Date();
    const a = await createSession(s.db, userId, now);
    const b = await createSession(s.db, userId, now);
    await invalidateUserSessions(s.db, userId);
    expect(await validateSessionToken(s.db, a.token, now)).toBeNull();
    expect(await validateSessionToken(s.db, b.token, now)).toBeNull();
  });
});

describe("API tokens", () => {
  it("are stored hashed, act as their organization, and stop working when revoked", async () => {
    const user = (await findUserByEmail(s.db, "oem-admin@demo.peitao.example"))!;
    const created = await createApiToken(s.db, user.organization_id, "SRM", user.id);
    const row = await s.db.selectFrom("api_tokens").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(created.token.slice(3));
    const actor = await actorForApiToken(s.db, created.token);
    expect(actor).toMatchObject({
      organizationId: user.organization_id,
      role: "oem_buyer",
      via: "token",
      userId: null,
    });
    // Another organization cannot revoke it.
    const other = (await findUserByEmail(s.db, "supplier-admin@demo.peitao.example"))!;
    expect(await revokeApiToken(s.db, other.organization_id, created.id)).toBe(false);
    expect(await actorForApiToken(s.db, created.token)).not.toBeNull();
    expect(await revokeApiToken(s.db, user.organization_id, created.id)).toBe(true);
    expect(await actorForApiToken(s.db, created.token)).toBeNull();
  });
});
