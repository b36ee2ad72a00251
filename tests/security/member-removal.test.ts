import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { reverseLedgerEntry } from "../../app/features/ledger/reverse.server";
import { createApiToken } from "../../db/api-tokens.server";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { findUserByEmail } from "../../db/users.server";
import { actorOf } from "../helpers/actors";
import { serveApp, defaultSettings } from "../helpers/app";
import { HttpClient } from "../helpers/http";
import { testServices, type TestServices } from "../helpers/services";

// Issue 13, finding 8: removing a member who had posted a ledger entry answered 500 and
// left the account active: deleting the user made the foreign key's ON DELETE SET NULL try
// to UPDATE the append-only ledger. Members are deactivated, never deleted, now.

let s: TestServices;
let app: Awaited<ReturnType<typeof serveApp>>;

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  await seedDemoIfEmpty(s.db);
  app = await serveApp({ db: s.db, search: s.search, ...defaultSettings() });
});
afterAll(() => app?.close());

const signIn = async (email: string) => {
  const c = new HttpClient(app.url);
  expect((await c.post("/login", { email, password: DEMO_PASSWORD })).status).toBe(302);
  return c;
};

const ledger = () =>
  s.db
    .selectFrom("ledger_entries")
    .select(["id", "posted_by", "amount_fen", "source", "reverses_id"])
    .orderBy("id")
    .execute();

describe("removing a member who posted a ledger entry", () => {
  it("succeeds, deactivates the account, ends its sessions and tokens, and leaves the ledger untouched", async () => {
    const buyerEmail = "buyer@demo.peitao.example";
    const buyer = await actorOf(s.db, buyerEmail);
    // The buyer posts an entry (a reversal of one of their OEM's entries).
    const entry = await s.db
      .selectFrom("ledger_entries")
      .select("id")
      .where("oem_id", "=", buyer.organizationId)
      .where("source", "=", "import")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    const { reversalId } = await reverseLedgerEntry({ db: s.db, ip: null }, buyer, { entryId: Number(entry.id) });
    const token = await createApiToken(s.db, buyer.organizationId, "buyer's SRM", buyer.userId);
    const buyerBrowser = await signIn(buyerEmail);
    expect((await buyerBrowser.get("/account")).status).toBe(200);
    const before = await ledger();
    expect(before.find((e) => Number(e.id) === reversalId)?.posted_by).toBe(buyer.userId);

    const admin = await signIn("oem-admin@demo.peitao.example");
    const res = await admin.post("/org/members", { intent: "remove", userId: buyer.userId! });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("成员已停用");

    // Deactivated, not deleted; the ledger is exactly as it was.
    const row = await s.db.selectFrom("users").selectAll().where("id", "=", buyer.userId!).executeTakeFirstOrThrow();
    expect(row.deactivated_at).not.toBeNull();
    expect(await ledger()).toEqual(before);

    // Their session ended, the token they created no longer works, they cannot sign in.
    expect((await buyerBrowser.get("/account")).status).toBe(302);
    const api = await fetch(`${app.url}/api/v1/me`, { headers: { authorization: `Bearer ${token.token}` } });
    expect(api.status).toBe(401);
    const again = await new HttpClient(app.url).post("/login", { email: buyerEmail, password: DEMO_PASSWORD });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("已被所在机构停用");
    const wrong = await new HttpClient(app.url).post("/login", { email: buyerEmail, password: "not-the-password" });
    expect(await wrong.text()).toContain("邮箱或密码不正确");

    // The members list shows them as deactivated, without controls; the audit log says what ended.
    const page = await (await admin.get("/org/members")).text();
    expect(page).toMatch(/data-deactivated="true"[^]*?buyer@demo\.peitao\.example[^]*?已停用/);
    const audit = await s.db
      .selectFrom("audit_log")
      .select(["detail"])
      .where("action", "=", "member_removed")
      .where("subject_id", "=", buyer.userId!)
      .executeTakeFirstOrThrow();
    expect(audit.detail).toMatchObject({ deactivated: true, tokensRevoked: 1 });

    // Removing them again finds no member; the database refuses to delete a user the ledger names.
    const twice = await admin.post("/org/members", { intent: "remove", userId: buyer.userId! });
    expect(twice.status).toBe(400);
    await expect(s.db.deleteFrom("users").where("id", "=", buyer.userId!).execute()).rejects.toThrow(
      /foreign key|violates/,
    );
    expect(await findUserByEmail(s.db, buyerEmail)).toBeDefined();
  });
});
