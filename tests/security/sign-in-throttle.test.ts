import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../app/features/accounts/organizations.server";
import { serveApp, defaultSettings } from "../helpers/app";
import { HttpClient } from "../helpers/http";
import { testServices, type TestServices } from "../helpers/services";

// Issue 13, findings 5 and 6: the sign-in throttle was check → argon2 → record, so 20
// parallel wrong passwords were all verified against a limit of 5; and 5 wrong passwords
// from any addresses locked the owner out for 15 minutes. Requests leave from distinct
// loopback addresses (127.0.0.x) so that the server sees distinct clients by their sockets.

/** The per account-and-address limit and the slower per-account one (app/domain/throttle.ts). */
const PAIR_LIMIT = 5;
const ACCOUNT_LIMIT = 20;
const PASSWORD = "throttle-test-Pw-2026";

let s: TestServices;
let app: Awaited<ReturnType<typeof serveApp>>;
let proxied: Awaited<ReturnType<typeof serveApp>>;

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  app = await serveApp({ db: s.db, search: s.search, ...defaultSettings() });
  proxied = await serveApp({ db: s.db, search: s.search, ...defaultSettings(), trustProxy: "loopback" });
});
afterAll(async () => {
  await app?.close();
  await proxied?.close();
});

async function official(email: string) {
  await createUser({ db: s.db, search: s.search, ip: null }, null, {
    role: "official",
    email,
    name: "测试官员",
    password: PASSWORD,
  });
}

const failures = async (email: string) =>
  (
    await s.db
      .selectFrom("audit_log")
      .select(["ip"])
      .where("action", "=", "sign_in_failed")
      .where(sql<boolean>`detail @> ${JSON.stringify({ email })}::jsonb`)
      .execute()
  ).map((r) => r.ip);

const signIn = (c: HttpClient, email: string, password: string, headers?: Record<string, string>) =>
  c.post("/login", { email, password }, { origin: app.url, ...headers });

describe("concurrent wrong passwords", () => {
  it("verify at most the limit, however many arrive at once, and refuse the rest with 429", async () => {
    const email = "parallel@example.gov.cn";
    await official(email);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => signIn(new HttpClient(app.url), email, `wrong-password-${i}`)),
    );
    // Every wrong password that was verified leaves one sign_in_failed row.
    expect((await failures(email)).length).toBeLessThanOrEqual(PAIR_LIMIT);
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((st) => st === 400).length).toBeLessThanOrEqual(PAIR_LIMIT);
    // The statuses in the message: a loaded CI run once had two answers that were neither 400 nor 429.
    expect(statuses.filter((st) => st === 429).length, statuses.join(",")).toBeGreaterThanOrEqual(20 - PAIR_LIMIT);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toContain("请15分钟后再试");
    // Reaching the limit is audited once, not once per refused attempt.
    const throttled = await s.db
      .selectFrom("audit_log")
      .select(["detail"])
      .where("action", "=", "attempts_throttled")
      .where(sql<boolean>`detail @> ${JSON.stringify({ email })}::jsonb`)
      .execute();
    expect(throttled).toHaveLength(1);
    expect(throttled[0]!.detail).toMatchObject({ scope: "signInPair", max: PAIR_LIMIT });
  });

  it("a burst of 60 gets no more than the limit verified (it got 23 through)", async () => {
    const email = "burst@example.gov.cn";
    await official(email);
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => signIn(new HttpClient(app.url, "127.0.0.21"), email, `burst-wrong-${i}`)),
    );
    expect((await failures(email)).length).toBeLessThanOrEqual(PAIR_LIMIT);
    expect(answers.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(60 - PAIR_LIMIT);
  });
});

describe("a stranger cannot lock the owner out", () => {
  it("wrong passwords from other addresses do not block the owner's right password from theirs", async () => {
    const email = "owner@example.gov.cn";
    await official(email);
    for (const ip of ["127.0.0.2", "127.0.0.3", "127.0.0.4"]) {
      for (let i = 0; i < PAIR_LIMIT; i++) {
        expect((await signIn(new HttpClient(app.url, ip), email, `stranger-${i}`)).status).toBe(400);
      }
      // That address is now held back for this account…
      expect((await signIn(new HttpClient(app.url, ip), email, PASSWORD)).status).toBe(429);
    }
    // …but the owner, from their own address, signs in.
    const owner = new HttpClient(app.url, "127.0.0.1");
    const res = await signIn(owner, email, PASSWORD);
    expect(res.status).toBe(302);
    expect(owner.cookie).toMatch(/^peitao_session=/);
  });

  it("past the slower per-account limit, new addresses wait, the owner's known address does not", async () => {
    const email = "known@example.gov.cn";
    await official(email);
    // The owner has signed in from 127.0.0.1 before.
    expect((await signIn(new HttpClient(app.url, "127.0.0.1"), email, PASSWORD)).status).toBe(302);
    const attackers = ["127.0.0.31", "127.0.0.32", "127.0.0.33", "127.0.0.34", "127.0.0.35"];
    expect(attackers.length * PAIR_LIMIT).toBeGreaterThanOrEqual(ACCOUNT_LIMIT);
    await Promise.all(
      attackers.map(async (ip) => {
        for (let i = 0; i < PAIR_LIMIT; i++) await signIn(new HttpClient(app.url, ip), email, `spray-${i}`);
      }),
    );
    // A new address, even with the right password, waits (the account's limit is reached)…
    const fresh = await signIn(new HttpClient(app.url, "127.0.0.40"), email, PASSWORD);
    expect(fresh.status).toBe(429);
    expect(await fresh.text()).toContain("以前成功登录过的地址");
    // …the owner's usual address does not.
    expect((await signIn(new HttpClient(app.url, "127.0.0.1"), email, PASSWORD)).status).toBe(302);
    const scopes = (
      await s.db
        .selectFrom("audit_log")
        .select(["detail"])
        .where("action", "=", "attempts_throttled")
        .where(sql<boolean>`detail @> ${JSON.stringify({ email })}::jsonb`)
        .execute()
    ).map((r) => r.detail.scope);
    expect(scopes).toContain("signInAccount");
  });
});

describe("the client's address", () => {
  it("is the socket's peer: X-Forwarded-For is ignored unless TRUST_PROXY names the proxy", async () => {
    const email = "spoof@example.gov.cn";
    await official(email);
    // A client cannot pick a new address per attempt to escape the pair limit.
    const answers = [];
    for (let i = 0; i <= PAIR_LIMIT; i++) {
      answers.push(
        (await signIn(new HttpClient(app.url), email, `spoof-${i}`, { "x-forwarded-for": `10.9.9.${i}` })).status,
      );
    }
    expect(answers.at(-1)).toBe(429);
    expect(new Set(await failures(email))).toEqual(new Set(["127.0.0.1"]));

    // Behind a proxy the operator names (TRUST_PROXY=loopback), the forwarded address counts.
    const behind = "proxied@example.gov.cn";
    await official(behind);
    await new HttpClient(proxied.url).post(
      "/login",
      { email: behind, password: "proxied-wrong-1" },
      { origin: proxied.url, "x-forwarded-for": "203.0.113.7" },
    );
    expect(await failures(behind)).toEqual(["203.0.113.7"]);
  });
});
