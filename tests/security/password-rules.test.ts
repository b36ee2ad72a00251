import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadCommonPasswords } from "../../app/auth/common-passwords.server";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { BUILT_IN_COMMON_PASSWORDS, installCommonPasswords } from "../../app/domain/password";
import { makeUscc } from "../../app/domain/uscc";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { serveApp, defaultSettings } from "../helpers/app";
import { HttpClient } from "../helpers/http";
import { testServices, type TestServices } from "../helpers/services";

// Issue 13, finding 11: about 100 blocked passwords, and a password equal to one's own
// e-mail was accepted. Now: a pluggable list of common and leaked passwords (a maintained
// package's, when installed), and the e-mail, its local part, the organization's name and
// the product's name are refused, with or without digits and symbols around them.

let s: TestServices;
let app: Awaited<ReturnType<typeof serveApp>>;

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  await seedDemoIfEmpty(s.db);
  app = await serveApp({ db: s.db, search: s.search, ...defaultSettings() });
});
afterAll(() => app?.close());
afterEach(() => installCommonPasswords(BUILT_IN_COMMON_PASSWORDS));

let serial = 7000;
const signUp = (password: string, over: Record<string, string> = {}) =>
  new HttpClient(app.url, "127.0.0.61").post("/signup", {
    nameZh: "长春市安全测试汽车零部件有限公司",
    uscc: makeUscc(220102, serial++),
    displayName: "测试",
    email: "zhang.san@example.cn",
    password,
    ...over,
  });

const refusedAsPersonal = async (res: Response) => {
  expect(res.status).toBe(400);
  expect(await res.text()).toContain("密码不能是邮箱");
};

describe("a new password", () => {
  it("may not be the e-mail, its local part, the organization's name or the product's name", async () => {
    await refusedAsPersonal(await signUp("zhang.san@example.cn"));
    await refusedAsPersonal(await signUp("Zhang.San2026!"));
    await refusedAsPersonal(await signUp("长春市安全测试汽车零部件有限公司"));
    await refusedAsPersonal(await signUp("Peitao-2026!!"));
    await refusedAsPersonal(await signUp("配套配套2026-!!", { nameZh: "配套配套" }));
    // Nothing was registered by those attempts.
    const orgs = await s.db
      .selectFrom("organizations")
      .select("id")
      .where("name_zh", "=", "长春市安全测试汽车零部件有限公司")
      .execute();
    expect(orgs).toHaveLength(0);
    // A password that merely contains such a word is a passphrase, not the word.
    expect((await signUp("zhang 的 长春 passphrase 2026")).status).toBe(302);
  });

  it("is checked against the organization's name when accepting an invitation and changing a password", async () => {
    const admin = new HttpClient(app.url);
    await admin.post("/login", { email: "oem-admin@demo.peitao.example", password: DEMO_PASSWORD });
    const invited = await admin.post("/org/members", { intent: "invite", role: "oem_buyer" });
    const link = /\/invite\/([a-z2-9]{48})/.exec(await invited.text())![1]!;
    const org = await s.db
      .selectFrom("users as u")
      .innerJoin("organizations as o", "o.id", "u.organization_id")
      .select(["o.name_zh"])
      .where("u.email", "=", "oem-admin@demo.peitao.example")
      .executeTakeFirstOrThrow();
    await refusedAsPersonal(
      await new HttpClient(app.url).post(`/invite/${link}`, {
        displayName: "新采购",
        email: "new.buyer@example.cn",
        password: `${org.name_zh}2026`,
      }),
    );
    // The invitation is still open after the refusal.
    expect((await new HttpClient(app.url).get(`/invite/${link}`)).status).toBe(200);

    const me = new HttpClient(app.url);
    await me.post("/login", { email: "supplier@demo.peitao.example", password: DEMO_PASSWORD });
    await refusedAsPersonal(
      await me.post("/account", { currentPassword: DEMO_PASSWORD, newPassword: "supplier@demo.peitao.example" }),
    );
  });

  it("is refused when the installed list of common passwords holds it (the list is pluggable)", async () => {
    const installed = await loadCommonPasswords(async () => ({
      dictionary: { "passwords-common": ["correcthorsebatterystaple", "trustno1trustno1"] },
    }));
    expect(installed).toMatchObject({ source: "@zxcvbn-ts/language-common", size: 2 });
    const res = await signUp("CorrectHorseBatteryStaple", { email: "list@example.cn" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("这个密码太常见");
    // Without the package the built-in list applies, and the start-up says which is in force.
    const fallback = await loadCommonPasswords(async () => {
      throw new Error("Cannot find package '@zxcvbn-ts/language-common'");
    });
    expect(fallback.source).toBe("built-in");
    expect((await signUp("CorrectHorseBatteryStaple", { email: "list@example.cn" })).status).toBe(302);
  });

  it("is checked against the maintained package, which the product installs (npm ci)", async () => {
    const list = await loadCommonPasswords();
    expect(list.source).toBe("@zxcvbn-ts/language-common");
    expect(list.size).toBeGreaterThan(40_000);
    // A leaked password of the package's list that the small built-in list does not hold.
    expect(list.has("mailcreated5240")).toBe(true);
    const res = await signUp("mailcreated5240", { email: "leaked@example.cn" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("这个密码太常见");
  });
});
