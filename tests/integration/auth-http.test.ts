import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { makeUscc } from "../../app/domain/uscc";
import { createApiToken } from "../../db/api-tokens.server";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { LIMITS } from "../../app/domain/throttle";
import { serveApp, defaultSettings } from "../helpers/app";
import { HttpClient } from "../helpers/http";
import { testServices, type TestServices } from "../helpers/services";

let s: TestServices;
let app: Awaited<ReturnType<typeof serveApp>>;

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  await seedDemoIfEmpty(s.db);
  app = await serveApp({ db: s.db, search: s.search, ...defaultSettings() });
});
afterAll(() => app?.close());

const count = async (table: "organizations" | "users" | "sessions") =>
  Number(
    (
      await s.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("CSRF", () => {
  it("refuses a state-changing request from another origin or with no origin at all", async () => {
    const c = new HttpClient(app.url);
    const form = { email: "buyer@demo.peitao.example", password: DEMO_PASSWORD };
    expect((await c.post("/login", form, { origin: "https://evil.example" })).status).toBe(403);
    expect((await c.post("/login", form, {})).status).toBe(403);
    expect((await c.post("/login", form, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect(c.cookie).toBe("");
    const ok = await c.post("/login", form, { "sec-fetch-site": "same-origin" });
    expect(ok.status).toBe(302);
    expect(c.cookie).toMatch(/^peitao_session=/);
  });
});

describe("sign-in", () => {
  it("sets an HttpOnly SameSite=Lax cookie and says the same for an unknown account as for a wrong password", async () => {
    const c = new HttpClient(app.url);
    const res = await c.post("/login", { email: "official@demo.peitao.example", password: DEMO_PASSWORD });
    const cookie = res.headers.getSetCookie()[0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect((await c.get("/audit")).status).toBe(200);

    const wrong = await new HttpClient(app.url).post("/login", {
      email: "official@demo.peitao.example",
      password: "not-the-password-1",
    });
    const unknown = await new HttpClient(app.url).post("/login", {
      email: "nobody@demo.peitao.example",
      password: "not-the-password-1",
    });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    const text = (body: string) => body.match(/role="alert">([^<]+)</)?.[1];
    expect(text(await wrong.text())).toBe(text(await unknown.text()));
  });

  it("throttles an account from an address after repeated failures, even with the right password, and logs the failures", async () => {
    const email = "supplier@demo.peitao.example";
    const max = LIMITS.signInPair.max;
    for (let i = 0; i < max; i++) {
      const res = await new HttpClient(app.url).post("/login", { email, password: `wrong-password-${i}` });
      expect(res.status).toBe(400);
    }
    const c = new HttpClient(app.url);
    const res = await c.post("/login", { email, password: DEMO_PASSWORD });
    expect(res.status).toBe(429);
    expect(await res.text()).toContain("尝试次数过多");
    expect(c.cookie).toBe("");
    const failures = await s.db.selectFrom("audit_log").select("id").where("action", "=", "sign_in_failed").execute();
    expect(failures.length).toBeGreaterThanOrEqual(max);
  });
});

describe("supplier sign-up", () => {
  const good = {
    nameZh: "长春测试精密零部件有限公司",
    uscc: "914403001922038216",
    displayName: "王工",
    email: "wang@example.com",
    password: "长春配套测试密码2026",
  };

  it("refuses an invalid USCC, a short password and an over-long name with field errors, writing nothing", async () => {
    const before = [await count("organizations"), await count("users")];
    const res = await new HttpClient(app.url).post("/signup", {
      ...good,
      uscc: "914403001922038217",
      password: "short",
      nameZh: "长".repeat(201),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("校验位不正确");
    expect(html).toContain("密码至少需要10个字符");
    expect(html).toContain("内容过长");
    expect([await count("organizations"), await count("users")]).toEqual(before);
  });

  it("creates the organization and its admin, asks to sign in, and refuses the same USCC twice", async () => {
    const c = new HttpClient(app.url);
    const res = await c.post("/signup", good);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/login?registered=1");
    expect(c.cookie).toBe("");
    expect((await c.post("/login", { email: good.email, password: good.password })).status).toBe(302);
    const account = await c.get("/account");
    expect(await account.text()).toContain("供应商管理员");
    const org = await s.db
      .selectFrom("organizations")
      .selectAll()
      .where("uscc", "=", good.uscc)
      .executeTakeFirstOrThrow();
    expect(org).toMatchObject({ kind: "supplier", verification_status: "pending" });

    const again = await new HttpClient(app.url).post("/signup", { ...good, email: "li@example.com" });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("该统一社会信用代码已注册");
  });

  it("refuses an oversized body before reading it", async () => {
    const res = await fetch(`${app.url}/signup`, {
      method: "POST",
      headers: { origin: app.url, "content-type": "application/x-www-form-urlencoded" },
      body: `nameZh=${"a".repeat(1_100_000)}`,
    });
    expect(res.status).toBe(413);
    // The body arrived whole, so the kept-alive connection stays usable: requests sent on it
    // right away are answered (they failed with "other side closed" when it was cut later).
    for (let i = 0; i < 5; i += 1) {
      expect((await fetch(`${app.url}/login`)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 300));
    }
  });
});

describe("password change", () => {
  it("signs the user out everywhere else and keeps this browser signed in", async () => {
    const email = "oem-admin@demo.peitao.example";
    const a = new HttpClient(app.url);
    const b = new HttpClient(app.url);
    await a.post("/login", { email, password: DEMO_PASSWORD });
    await b.post("/login", { email, password: DEMO_PASSWORD });
    const res = await a.post("/account", { currentPassword: DEMO_PASSWORD, newPassword: "新的长春配套密码-01" });
    expect(res.status).toBe(200);
    expect((await a.get("/account")).status).toBe(200);
    expect((await b.get("/account")).status).toBe(302);
    const relogin = await new HttpClient(app.url).post("/login", { email, password: "新的长春配套密码-01" });
    expect(relogin.status).toBe(302);
  });
});

describe("API tokens over HTTP", () => {
  it("are created by the org admin, shown once, used as Bearer tokens and revoked", async () => {
    const admin = new HttpClient(app.url);
    await admin.post("/login", { email: "supplier-admin@demo.peitao.example", password: DEMO_PASSWORD });
    const created = await admin.post("/org/tokens", { intent: "create", name: "ERP" });
    expect(created.status).toBe(200);
    const token = (await created.text()).match(/pt_[a-z2-9]{48}/)?.[0];
    expect(token).toBeTruthy();
    // The listing shows only a hint.
    expect(await (await admin.get("/org/tokens")).text()).not.toContain(token!);

    const me = await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({
      role: "supplier_member",
      via: "token",
      organization: { kind: "supplier" },
    });
    expect((await fetch(`${app.url}/api/v1/me`)).status).toBe(401);
    expect((await fetch(`${app.url}/api/v1/me`, { headers: { authorization: "Bearer pt_wrong" } })).status).toBe(401);

    const row = await s.db.selectFrom("api_tokens").select("id").where("name", "=", "ERP").executeTakeFirstOrThrow();
    const revoked = await admin.post("/org/tokens", { intent: "revoke", tokenId: row.id });
    expect(revoked.status).toBe(200);
    expect((await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });
});

describe("invitations", () => {
  it("let an OEM admin add a buyer through a single-use link", async () => {
    const admin = new HttpClient(app.url);
    await admin.post("/login", { email: "oem-admin@demo.peitao.example", password: "新的长春配套密码-01" });
    const res = await admin.post("/org/members", { intent: "invite", role: "oem_buyer" });
    const url = (await res.text()).match(/http:\/\/[^<\s]+\/invite\/[a-z2-9]{48}/)?.[0];
    expect(url).toBeTruthy();
    const path = new URL(url!).pathname;
    const invitee = new HttpClient(app.url);
    expect((await invitee.get(path)).status).toBe(200);
    const accepted = await invitee.post(path, {
      displayName: "赵采购",
      email: "zhao@example.com",
      password: "一汽奥迪采购密码-2026",
    });
    expect(accepted.status).toBe(302);
    expect(accepted.headers.get("location")).toBe("/login?registered=1");
    await invitee.post("/login", { email: "zhao@example.com", password: "一汽奥迪采购密码-2026" });
    expect(await (await invitee.get("/account")).text()).toContain("主机厂采购");
    // Used once: the link no longer works.
    expect((await new HttpClient(app.url).get(path)).status).toBe(404);
    const second = await new HttpClient(app.url).post(path, {
      displayName: "钱",
      email: "qian@example.com",
      password: "一汽奥迪采购密码-2026",
    });
    expect(second.status).toBe(400);
  });
});

describe("accounts pages", () => {
  const title = (html: string) => html.match(/<title>([^<]*)<\/title>/)?.[1];

  it("title every page from the catalogue, error pages included", async () => {
    const c = new HttpClient(app.url);
    expect(title(await (await c.get("/login")).text())).toBe("登录 · 配套 Peitao");
    expect(title(await (await c.get("/signup")).text())).toBe("供应商注册 · 配套 Peitao");
    expect(title(await (await c.get("/")).text())).toBe("吉林汽车产业本地配套平台 · 配套 Peitao");
    expect(title(await (await c.get("/plants")).text())).toBe("整车工厂 · 配套 Peitao");
    expect(title(await (await c.get("/no-such-page")).text())).toBe("页面不存在 · 配套 Peitao");
  });

  it("show audit actions by their message, never by their code", async () => {
    const c = new HttpClient(app.url);
    await c.post("/login", { email: "admin@demo.peitao.example", password: DEMO_PASSWORD });
    const html = await (await c.get("/audit")).text();
    expect(title(html)).toBe("审计日志 · 配套 Peitao");
    expect(html).toContain(">登录<");
    expect(html).toContain('data-action="sign_in"');
    expect(html).not.toMatch(/>(sign_in|sign_in_failed|sign_up|password_changed)</);
  });

  it("refuse a wrong current password, the last admin's demotion and an existing OEM with form errors", async () => {
    const supplierAdmin = new HttpClient(app.url);
    await supplierAdmin.post("/login", { email: "supplier-admin@demo.peitao.example", password: DEMO_PASSWORD });
    const wrong = await supplierAdmin.post("/account", {
      currentPassword: "not-the-password-1",
      newPassword: "另一个足够长的密码-01",
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("当前密码不正确");

    const me = await s.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "supplier-admin@demo.peitao.example")
      .executeTakeFirstOrThrow();
    const demote = await supplierAdmin.post("/org/members", {
      intent: "changeRole",
      userId: me.id,
      role: "supplier_member",
    });
    expect(demote.status).toBe(400);
    expect(await demote.text()).toContain("机构至少需要保留一名管理员");

    const admin = new HttpClient(app.url);
    await admin.post("/login", { email: "admin@demo.peitao.example", password: DEMO_PASSWORD });
    // An OEM, then its first admin, by code in the address: no id typed anywhere.
    const created = await admin.post("/admin/organizations", { nameZh: "测试整车企业", nameEn: "", code: "test-oem" });
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toBe("/admin/organizations/TEST-OEM?created=1");
    const again = await admin.post("/admin/organizations", { nameZh: "测试整车企业", code: "" });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("已有同名的整车企业");
    const form = {
      intent: "assignAdmin",
      name: "测试",
      email: "oem-test@example.com",
      password: "测试整车企业密码-2026",
    };
    expect((await admin.post("/admin/organizations/TEST-OEM", form)).status).toBe(200);
    const taken = await admin.post("/admin/organizations/FAW", form);
    expect(taken.status).toBe(400);
    expect(await taken.text()).toMatch(/id="f-email-error"[^>]*>该邮箱已被使用/);
    expect((await admin.post("/admin/organizations/NO-SUCH", form)).status).toBe(400);
  });
});

describe("language switch", () => {
  it("sets the cookie for zh or en, and answers 400 with a field error (never a 500) for anything else", async () => {
    const c = new HttpClient(app.url);
    const ok = await c.post("/lang", { lang: "en", redirectTo: "/suppliers" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/suppliers");
    expect(ok.headers.get("set-cookie")).toMatch(/^lang=/);
    const bad = await c.post("/lang", { lang: "fr" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toHaveProperty("lang");
    // A body that is not a form at all (it made request.formData() throw: a 500).
    const junk = await fetch(`${app.url}/lang`, {
      method: "POST",
      headers: { origin: app.url, "content-type": "multipart/form-data; boundary=x" },
      body: "not multipart",
    });
    expect(junk.status).toBe(400);
  });
});

describe("redirects after sign-in and the language switch", () => {
  it("stay on this site: a backslash path goes home, a local path is kept", async () => {
    const c = new HttpClient(app.url);
    const login = { email: "buyer@demo.peitao.example", password: DEMO_PASSWORD };
    const evil = await c.post("/login", { ...login, redirectTo: "/\\evil.example" });
    expect(evil.status).toBe(302);
    expect(evil.headers.get("location")).toBe("/");
    const lang = await c.post("/lang", { lang: "en", redirectTo: "/\\evil.example" });
    expect(lang.headers.get("location")).toBe("/");
    // The header's sign-in link brings you back to the page you were on.
    const page = await (await new HttpClient(app.url).get("/plants?x=1")).text();
    expect(page).toContain('href="/login?redirectTo=%2Fplants%3Fx%3D1"');
    const local = await new HttpClient(app.url).post("/login", { ...login, redirectTo: "/demands?x=1" });
    expect(local.headers.get("location")).toBe("/demands?x=1");
  });
});

describe("NUL characters in input", () => {
  it("are field errors (400) on forms, API bodies and queries, never a 500, and change nothing", async () => {
    const orgs = await count("organizations");
    const anonymous = new HttpClient(app.url);
    const signup = await anonymous.post("/signup", {
      nameZh: "甲\u0000乙",
      uscc: makeUscc(220101, 4242),
      displayName: "x",
      email: "nul@example.com",
      password: "correct horse battery",
    });
    expect(signup.status).toBe(400);
    expect(await count("organizations")).toBe(orgs);

    const supplier = new HttpClient(app.url);
    await supplier.post("/login", { email: "supplier-admin@demo.peitao.example", password: DEMO_PASSWORD });
    const profile = await supplier.post("/profile", {
      nameZh: "甲\u0000",
      "site.0.adcode": "220106",
      categories: "E01",
    });
    expect(profile.status).toBe(400);

    const token = await createApiToken(
      s.db,
      (await s.db.selectFrom("plants").select("oem_id").where("code", "=", "OEM01").executeTakeFirstOrThrow()).oem_id,
      "nul",
      null,
    );
    const auth = { authorization: `Bearer ${token.token}`, "content-type": "application/json" };
    const body = await fetch(`${app.url}/api/v1/demands`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ plant: "OEM01", part_name: "a\u0000", category: "E01" }),
    });
    expect(body.status).toBe(400);
    expect(await body.json()).toMatchObject({ fields: { part_name: expect.any(String) } });
    const query = await fetch(`${app.url}/api/v1/suppliers?q=${encodeURIComponent("a\u0000")}`, { headers: auth });
    expect(query.status).toBe(400);
  });
});
