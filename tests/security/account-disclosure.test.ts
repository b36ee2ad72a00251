import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { makeUscc } from "../../app/domain/uscc";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { findUserByEmail } from "../../db/users.server";
import { serveApp, defaultSettings } from "../helpers/app";
import { HttpClient } from "../helpers/http";
import { testServices, type TestServices } from "../helpers/services";

// Issue 13, finding 12: /signup and invitation acceptance told anyone whether an e-mail
// was registered ("this e-mail is already in use"), without any throttle; the account
// page's current-password check was not throttled either.

let s: TestServices;
let app: Awaited<ReturnType<typeof serveApp>>;

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  await seedDemoIfEmpty(s.db);
  app = await serveApp({ db: s.db, search: s.search, ...defaultSettings() });
});
afterAll(() => app?.close());

const REGISTERED = "supplier-admin@demo.peitao.example";
let serial = 9100;
const company = (email: string) => ({
  nameZh: `吉林市披露测试零部件有限公司${serial}`,
  uscc: makeUscc(220201, serial++),
  displayName: "测试",
  email,
  password: "disclosure-test-pw-2026",
});

/** What a client can compare between two answers. */
const observable = async (res: Response) => ({
  status: res.status,
  location: res.headers.get("location"),
  cookie: res.headers.getSetCookie().length,
  body: await res.text(),
});

const notifications = async (email: string, kind: string) => {
  const user = (await findUserByEmail(s.db, email))!;
  return s.db
    .selectFrom("notifications")
    .select("id")
    .where("user_id", "=", user.id)
    .where("kind", "=", kind)
    .execute();
};

async function openInvitation(): Promise<string> {
  const admin = new HttpClient(app.url);
  await admin.post("/login", { email: "oem-admin@demo.peitao.example", password: DEMO_PASSWORD });
  const res = await admin.post("/org/members", { intent: "invite", role: "oem_buyer" });
  return /\/invite\/([a-z2-9]{48})/.exec(await res.text())![1]!;
}

describe("sign-up", () => {
  it("answers a registered e-mail exactly as a new one, and tells the e-mail's owner instead", async () => {
    const fresh = company("fresh.supplier@example.cn");
    const taken = company(REGISTERED);
    const a = await observable(await new HttpClient(app.url, "127.0.0.71").post("/signup", fresh));
    const b = await observable(await new HttpClient(app.url, "127.0.0.72").post("/signup", taken));
    expect(b).toEqual(a);
    expect(a.status).toBe(302);
    expect(a.cookie).toBe(0);
    // Nothing was registered for the taken e-mail; its owner has a notification.
    const orgs = await s.db.selectFrom("organizations").select("id").where("uscc", "=", taken.uscc).execute();
    expect(orgs).toHaveLength(0);
    expect(await notifications(REGISTERED, "sign_up_email_registered")).toHaveLength(1);
    // The new supplier signs in with what it entered.
    const c = new HttpClient(app.url, "127.0.0.71");
    const login = await c.get(a.location!);
    expect(await login.text()).toContain("请用刚才填写的邮箱和密码登录");
    expect((await c.post("/login", { email: fresh.email, password: fresh.password })).status).toBe(302);
  });

  it("is throttled per address", async () => {
    const c = () => new HttpClient(app.url, "127.0.0.73");
    for (let i = 0; i < 10; i++) expect((await c().post("/signup", company(REGISTERED))).status).toBe(302);
    const refused = await c().post("/signup", company(REGISTERED));
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain("尝试次数过多");
    // Another address is not held back.
    expect((await new HttpClient(app.url, "127.0.0.74").post("/signup", company(REGISTERED))).status).toBe(302);
  });
});

describe("invitation acceptance", () => {
  it("answers a registered e-mail exactly as a new one and keeps the invitation open", async () => {
    const first = await openInvitation();
    const person = { displayName: "新采购", password: "invitation-test-pw-2026" };
    const taken = await observable(
      await new HttpClient(app.url, "127.0.0.75").post(`/invite/${first}`, { ...person, email: REGISTERED }),
    );
    // The link still works: nobody took it.
    expect((await new HttpClient(app.url).get(`/invite/${first}`)).status).toBe(200);
    const fresh = await observable(
      await new HttpClient(app.url, "127.0.0.76").post(`/invite/${first}`, {
        ...person,
        email: "invited.buyer@example.cn",
      }),
    );
    expect(taken).toEqual(fresh);
    expect(fresh).toMatchObject({ status: 302, cookie: 0 });
    expect((await new HttpClient(app.url).get(`/invite/${first}`)).status).toBe(404);
    expect(await notifications(REGISTERED, "invitation_email_registered")).toHaveLength(1);
  });

  it("is throttled per address", async () => {
    const bogus = "a".repeat(48);
    const c = () => new HttpClient(app.url, "127.0.0.77");
    const person = { displayName: "x", email: "nobody@example.cn", password: "invitation-test-pw-2026" };
    for (let i = 0; i < 10; i++) expect((await c().post(`/invite/${bogus}`, person)).status).toBe(400);
    expect((await c().post(`/invite/${bogus}`, person)).status).toBe(429);
  });
});

describe("the account page's current-password check", () => {
  it("is throttled per user, before the password is verified", async () => {
    const me = new HttpClient(app.url, "127.0.0.78");
    expect((await me.post("/login", { email: "supplier@demo.peitao.example", password: DEMO_PASSWORD })).status).toBe(
      302,
    );
    const change = (currentPassword: string) =>
      me.post("/account", { currentPassword, newPassword: "a-new-password-2026" });
    for (let i = 0; i < 5; i++) expect((await change(`wrong-current-${i}`)).status).toBe(400);
    const sixth = await change("wrong-current-5");
    expect(sixth.status).toBe(429);
    expect(await sixth.text()).toContain("尝试次数过多");
    // Not even the right password is verified now.
    expect((await change(DEMO_PASSWORD)).status).toBe(429);
    const audited = await s.db
      .selectFrom("audit_log")
      .select("detail")
      .where("action", "=", "attempts_throttled")
      .execute();
    expect(audited.map((a) => a.detail.scope)).toContain("passwordCheck");
  });
});
