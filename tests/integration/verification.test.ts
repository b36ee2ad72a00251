import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../../app/domain/errors";
import type { Actor } from "../../app/domain/policy";
import { supplierProfileSchema } from "../../app/domain/supplier-profile";
import { signUpSchema } from "../../app/features/accounts/schemas";
import { signUpSupplier } from "../../app/features/accounts/sign-up.server";
import type { Deps } from "../../app/features/deps.server";
import { searchSuppliers } from "../../app/features/suppliers/directory.server";
import { saveSupplierProfile } from "../../app/features/suppliers/profile.server";
import { directoryQuery, verificationBatch } from "../../app/features/suppliers/schemas";
import { verificationQueuePage } from "../../app/features/suppliers/verification-queue.server";
import { decideVerification, decideVerifications } from "../../app/features/suppliers/verification.server";
import { createApiToken } from "../../db/api-tokens.server";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { getSupplierProfile } from "../../db/supplier-profiles.server";
import { pendingSupplierCount } from "../../db/verification.server";
import { headerCountText } from "../../app/domain/header-count";
import { actorOf } from "../helpers/actors";
import { until } from "../helpers/app";
import { expectAuditInTransaction } from "../helpers/audit";
import { demoApp, type DemoApp } from "../helpers/demo";
import { HttpClient } from "../helpers/http";

let s: DemoApp;
let deps: Deps;
let official: Actor;
let admin: Actor;
let supplierAdmin: Actor;
/** Pending suppliers of the demo not yet used by a test, oldest first. */
let spare: string[] = [];
/** After the demo's own outbox rows: the outbox rows the tests' writes made are newer. */
let testsStart: Date;

beforeAll(async () => {
  s = await demoApp();
  deps = { db: s.db, search: s.search, ip: "192.0.2.9" };
  official = await actorOf(s.db, "official@demo.peitao.example");
  admin = await actorOf(s.db, "admin@demo.peitao.example");
  supplierAdmin = await actorOf(s.db, "supplier-admin@demo.peitao.example");
  spare = (
    await s.db
      .selectFrom("organizations")
      .select("id")
      .where("kind", "=", "supplier")
      .where("verification_status", "=", "pending")
      .where("id", "!=", supplierAdmin.organizationId)
      .orderBy("created_at")
      .orderBy("id")
      .execute()
  ).map((r) => r.id);
  expect(spare.length).toBeGreaterThan(40);
  testsStart = new Date();
}, 120_000);

const take = (n: number) => spare.splice(0, n);

const statusOf = async (ids: string[]) =>
  (
    await s.db
      .selectFrom("organizations")
      .select(["id", "verification_status", "verification_reason", "verified_by", "verified_at"])
      .where("id", "in", ids)
      .execute()
  ).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));

const decisionAudits = async (ids: string[]) =>
  s.db
    .selectFrom("audit_log")
    .selectAll()
    .where("action", "=", "verification_decided")
    .where("subject_id", "in", ids)
    .execute();

const decisionRows = async (ids: string[]) =>
  s.db.selectFrom("supplier_verification_decisions").selectAll().where("supplier_id", "in", ids).execute();

const outboxRows = async (ids: string[]) =>
  Number(
    (
      await s.db
        .selectFrom("search_outbox")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("entity_id", "in", ids)
        .where("created_at", ">", testsStart)
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Everything a decision on `ids` writes, counted: nothing written means the same number before and after. */
const written = async (ids: string[]) =>
  (await statusOf(ids)).filter((r) => r.verification_status !== "pending").length +
  (await decisionAudits(ids)).length +
  (await decisionRows(ids)).length +
  (await outboxRows(ids));

async function refused(run: Promise<unknown>): Promise<DomainError> {
  const err = await run.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(DomainError);
  return err as DomainError;
}

describe("decideVerifications (the queue's one write)", () => {
  it("verifies many at once: statuses, decider, snapshots, one audit row each and the outbox, and search shows it", async () => {
    const ids = take(3);
    const before = await pendingSupplierCount(s.db);
    const outboxBefore = await outboxRows(ids);
    const r = await decideVerifications(deps, official, {
      supplier_ids: ids,
      decision: "verified",
      reason: "资料核实",
    });
    expect(r).toMatchObject({ decision: "verified", supplierIds: ids });

    for (const row of await statusOf(ids))
      expect(row).toMatchObject({
        verification_status: "verified",
        verification_reason: "资料核实",
        verified_by: official.userId,
        verified_at: r.decidedAt,
      });
    expect(await pendingSupplierCount(s.db)).toBe(before - 3);

    const audits = await decisionAudits(ids);
    expect(audits.map((a) => a.subject_id).sort()).toEqual([...ids].sort());
    for (const a of audits) {
      expect(a).toMatchObject({ actor_user_id: official.userId, subject_type: "supplier", ip: "192.0.2.9" });
      expect(a.organization_id).toBe(a.subject_id);
      expect(a.detail).toMatchObject({ decision: "verified", previous: "pending", batch: 3 });
    }

    const decisions = await decisionRows(ids);
    expect(decisions).toHaveLength(3);
    const profile = (await getSupplierProfile(s.db, ids[0]!))!;
    const snap = decisions.find((d) => d.supplier_id === ids[0])!.snapshot as Record<string, unknown>;
    expect(snap).toMatchObject({ nameZh: profile.nameZh, categories: profile.categories, uscc: profile.uscc });
    expect(await outboxRows(ids)).toBe(outboxBefore + 3);

    // The outbox worker carries the status to the directory's index.
    await until(async () => {
      const hits = await searchSuppliers(deps, directoryQuery.parse({ q: profile.nameZh, per_page: 5 }));
      return hits.hits.find((h) => h.supplier_id === ids[0])?.verification_status === "verified";
    });
  });

  it("rejects many with the reason, which the supplier's page then shows", async () => {
    const ids = take(2);
    await decideVerifications(deps, admin, { supplier_ids: ids, decision: "rejected", reason: "营业执照无法核实" });
    for (const row of await statusOf(ids))
      expect(row).toMatchObject({ verification_status: "rejected", verification_reason: "营业执照无法核实" });
    const page = await (await new HttpClient(s.url).get(`/suppliers/${ids[0]}`)).text();
    expect(page).toContain("营业执照无法核实");
  });

  it("holds its audit rows in its transaction: with the audit refused, no status, decision or outbox row is written", async () => {
    const ids = take(3);
    await expectAuditInTransaction(
      s.db,
      () => decideVerifications(deps, official, { supplier_ids: ids, decision: "verified" }),
      () => written(ids),
    );
    expect((await statusOf(ids)).map((r) => r.verification_status)).toEqual(["pending", "pending", "pending"]);
  });

  it("writes nothing when one id is unknown or not a supplier", async () => {
    const ids = take(2);
    const oem = await actorOf(s.db, "buyer@demo.peitao.example");
    for (const stranger of [crypto.randomUUID(), oem.organizationId, official.organizationId]) {
      const err = await refused(
        decideVerifications(deps, official, { supplier_ids: [...ids, stranger], decision: "verified" }),
      );
      expect(err).toMatchObject({ code: "verification_unknown_supplier", field: "supplier_ids" });
    }
    expect(await written(ids)).toBe(0);
    spare.push(...ids);
  });

  it("writes nothing when one of them was decided already", async () => {
    const [decided] = take(1);
    await decideVerifications(deps, official, { supplier_ids: [decided!], decision: "verified" });
    const ids = take(2);
    const err = await refused(
      decideVerifications(deps, admin, { supplier_ids: [...ids, decided!], decision: "rejected", reason: "重复" }),
    );
    expect(err).toMatchObject({ code: "verification_already_decided", field: "supplier_ids" });
    expect(await written(ids)).toBe(0);
    expect((await statusOf([decided!]))[0]!.verification_status).toBe("verified");
    spare.push(...ids);
  });

  it("needs a reason to reject, in the schema and in the use case", async () => {
    const ids = take(1);
    const parsed = verificationBatch.safeParse({ supplier_ids: ids, decision: "rejected", reason: "  " });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ["reason"], message: "form.reason_required" });
    expect(verificationBatch.safeParse({ supplier_ids: [], decision: "verified" }).error?.issues[0]?.message).toBe(
      "form.no_suppliers_selected",
    );
    expect(verificationBatch.safeParse({ decision: "verified" }).error?.issues[0]?.message).toBe(
      "form.no_suppliers_selected",
    );
    const err = await refused(decideVerifications(deps, official, { supplier_ids: ids, decision: "rejected" }));
    expect(err).toMatchObject({ code: "reason_required", field: "reason" });
    expect(await written(ids)).toBe(0);
    spare.push(...ids);
  });

  it("lets one of two officials deciding the same supplier at once win; the other writes nothing", async () => {
    for (let round = 0; round < 3; round++) {
      const [a, shared, b] = take(3) as [string, string, string];
      const results = await Promise.allSettled([
        decideVerifications(deps, official, { supplier_ids: [a, shared], decision: "verified" }),
        decideVerifications(deps, admin, { supplier_ids: [shared, b], decision: "rejected", reason: "地址不符" }),
      ]);
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
      expect(failed).toHaveLength(1);
      expect(failed[0]!.reason).toMatchObject({ code: "verification_already_decided" });
      // The winner's two suppliers are decided once each; the loser's other supplier is untouched.
      const firstWon = results[0]!.status === "fulfilled";
      const [winnerIds, loserOnly] = firstWon ? [[a, shared], b] : [[shared, b], a];
      expect(await decisionAudits(winnerIds)).toHaveLength(2);
      expect(await decisionRows([shared])).toHaveLength(1);
      expect((await statusOf([shared]))[0]!.verification_status).toBe(firstWon ? "verified" : "rejected");
      expect(await written([loserOnly])).toBe(0);
      spare.push(loserOnly);
    }
  });

  it("still decides one supplier at any status from its page, and keeps that decision's snapshot", async () => {
    const [id] = take(1);
    await decideVerification(deps, official, { supplierId: id!, decision: "verified" });
    await decideVerification(deps, official, { supplierId: id!, decision: "rejected", reason: "证书过期" });
    const rows = await decisionRows([id!]);
    expect(rows.map((r) => r.decision).sort()).toEqual(["rejected", "verified"]);
    expect((await decisionAudits([id!])).map((a) => (a.detail as { previous: string }).previous).sort()).toEqual([
      "pending",
      "verified",
    ]);
  });
});

describe("the queue's contents", () => {
  const queue = (query = "") => verificationQueuePage(deps, new URL(`http://x/verification?per_page=100${query}`));

  it("lists pending suppliers only, oldest first, with the total", async () => {
    const page = await queue();
    expect(page.total).toBe(await pendingSupplierCount(s.db));
    expect(page.items.length).toBe(Math.min(100, page.total));
    const statuses = await statusOf(page.items.map((i) => i.id));
    expect(new Set(statuses.map((r) => r.verification_status))).toEqual(new Set(["pending"]));
    const page2 = await queue("&page=2");
    expect(page2.items.some((i) => page.items.some((j) => j.id === i.id))).toBe(false);
  });

  it("says new for a never-decided supplier, and what a fresh sign-up lacks; filters by source", async () => {
    const account = await signUpSupplier(
      deps,
      signUpSchema.parse({
        nameZh: "长春审核队列测试有限公司",
        uscc: "91220101MA0Y3F2K13",
        email: "queue-signup@example.cn",
        displayName: "张三",
        password: "queue-test-pw-2026!",
      }),
    );
    if (!account.created) throw new Error("the sign-up created nothing");
    const signedUp = await queue("&source=sign_up");
    const item = signedUp.items.find((i) => i.id === account.organizationId);
    expect(item).toMatchObject({ source: "sign_up", history: { kind: "new" } });
    expect(item!.missing).toEqual(
      expect.arrayContaining(["no_site", "no_categories", "no_contact", "no_certifications", "no_products"]),
    );
    expect(signedUp.items.every((i) => i.source === "sign_up")).toBe(true);
    const imported = await queue("&source=import");
    expect(imported.items.some((i) => i.id === account.organizationId)).toBe(false);
    expect(imported.total + signedUp.total).toBe((await queue()).total);
    // Search by name, with LIKE's wildcards taken literally.
    expect((await queue(`&q=${encodeURIComponent("审核队列测试")}`)).items.map((i) => i.id)).toEqual([
      account.organizationId,
    ]);
    expect((await queue(`&q=${encodeURIComponent("%")}`)).total).toBe(0);
  });

  it("filters by city and category", async () => {
    const all = await queue();
    const sample = all.items.find((i) => i.categories.length && i.adcodes.length)!;
    const county = sample.adcodes[0]!;
    const city = Math.floor(county / 100) * 100;
    const byCity = await queue(`&city=${city}`);
    expect(byCity.items.some((i) => i.id === sample.id)).toBe(true);
    expect(byCity.items.every((i) => i.adcodes.some((a) => Math.floor(a / 100) * 100 === city))).toBe(true);
    expect(byCity.total).toBeLessThan(all.total);
    const code = sample.categories[0]!;
    const byCategory = await queue(`&category=${code}`);
    expect(byCategory.items.every((i) => i.categories.includes(code))).toBe(true);
    const byGroup = await queue(`&category=${code[0]}`);
    expect(byGroup.items.every((i) => i.categories.some((c) => c.startsWith(code[0]!)))).toBe(true);
    expect(byGroup.total).toBeGreaterThanOrEqual(byCategory.total);
  });

  it("brings a rejected supplier that changes its profile back, saying what changed since the rejection", async () => {
    const supplierId = supplierAdmin.organizationId;
    await decideVerification(deps, official, { supplierId, decision: "rejected", reason: "缺少资质证书" });
    expect((await queue()).items.some((i) => i.id === supplierId)).toBe(false);
    const current = (await getSupplierProfile(s.db, supplierId))!;
    // A category that is not a NEV key part (those turn on NEV capability, a change of its own).
    const { code: added } = await s.db
      .selectFrom("part_categories")
      .select("code")
      .where("level", "=", 2)
      .where("nev_key", "=", false)
      .where("code", "not in", current.categories)
      .orderBy("code")
      .executeTakeFirstOrThrow();
    await saveSupplierProfile(deps, supplierAdmin, {
      ...supplierProfileSchema.parse({
        ...current,
        categories: [...current.categories, added],
        certifications: [...current.certifications, { kind: "ISO14001", name: "", validUntil: "2030-01-01" }],
      }),
      confirmDuplicate: true,
    });
    expect((await statusOf([supplierId]))[0]!.verification_status).toBe("pending");
    const item = (await queue("&source=import")).items
      .concat((await queue("&source=sign_up")).items)
      .find((i) => i.id === supplierId);
    expect(item?.history).toMatchObject({
      kind: "decided",
      decision: "rejected",
      reason: "缺少资质证书",
      changes: [
        { field: "categories", added: [added], removed: [] },
        { field: "certifications", added: ["ISO14001"], removed: [] },
      ],
    });
    // A verified supplier that edits its profile stays verified.
    await decideVerifications(deps, official, { supplier_ids: [supplierId], decision: "verified" });
    await saveSupplierProfile(deps, supplierAdmin, {
      ...supplierProfileSchema.parse({ ...(await getSupplierProfile(s.db, supplierId))!, productsEn: "Changed" }),
      confirmDuplicate: true,
    });
    expect((await statusOf([supplierId]))[0]!.verification_status).toBe("verified");
  });
});

describe("the queue page and the API", () => {
  const signIn = async (email: string) => {
    const c = new HttpClient(s.url);
    expect((await c.post("/login", { email, password: DEMO_PASSWORD })).status).toBe(302);
    return c;
  };
  const postForm = (c: HttpClient, pairs: [string, string][]) =>
    fetch(`${s.url}/verification`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: s.url,
        ...(c.cookie ? { cookie: c.cookie } : {}),
      },
      body: new URLSearchParams(pairs).toString(),
    });

  it("shows the queue and the header count to officials only", async () => {
    const c = await signIn("official@demo.peitao.example");
    const res = await c.get("/verification");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-testid="queue-item"');
    const home = await (await c.get("/")).text();
    const count = await pendingSupplierCount(s.db);
    expect(home).toMatch(
      new RegExp(`data-testid="pending-suppliers"[^>]*>${headerCountText(count).replace("+", "\\+")}<`),
    );
    for (const email of ["supplier-admin@demo.peitao.example", "buyer@demo.peitao.example"]) {
      const other = await signIn(email);
      expect((await other.get("/verification")).status).toBe(403);
      expect(await (await other.get("/")).text()).not.toContain('href="/verification"');
    }
    expect((await new HttpClient(s.url).get("/verification")).status).toBe(302);
  });

  it("decides the ticked suppliers from the page; a rejection without a reason writes nothing", async () => {
    const ids = take(3);
    const c = await signIn("official@demo.peitao.example");
    const ticked = ids.map((id) => ["supplier_ids", id] as [string, string]);
    const noReason = await postForm(c, [...ticked, ["decision", "rejected"], ["reason", ""]]);
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("驳回时请填写理由");
    expect(await written(ids)).toBe(0);
    const none = await postForm(c, [["decision", "verified"]]);
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("请至少勾选一家供应商");
    const ok = await postForm(c, [...ticked, ["decision", "rejected"], ["reason", "无法联系"]]);
    expect(ok.status).toBe(200);
    expect((await statusOf(ids)).map((r) => r.verification_status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(await decisionAudits(ids)).toHaveLength(3);
    // A supplier may not decide.
    const supplier = await signIn("supplier-admin@demo.peitao.example");
    const [other] = take(1);
    expect(
      (
        await postForm(supplier, [
          ["supplier_ids", other!],
          ["decision", "verified"],
        ])
      ).status,
    ).toBe(403);
    expect(await written([other!])).toBe(0);
    spare.push(other!);
  });

  it("POST /api/v1/suppliers/verifications: the agency's token decides; a supplier's or OEM's token may not", async () => {
    const api = (token: string | null, body: unknown, cookie?: string) =>
      fetch(`${s.url}/api/v1/suppliers/verifications`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          origin: s.url,
          ...(cookie ? { cookie } : {}),
        },
        body: typeof body === "string" ? body : JSON.stringify(body),
      });
    const agency = (await createApiToken(s.db, official.organizationId, "审核脚本", official.userId)).token;
    const supplierToken = (await createApiToken(s.db, supplierAdmin.organizationId, "ERP", null)).token;
    const oem = await actorOf(s.db, "oem-admin@demo.peitao.example");
    const oemToken = (await createApiToken(s.db, oem.organizationId, "SRM", oem.userId)).token;
    const ids = take(2);

    for (const token of [supplierToken, oemToken]) {
      const res = await api(token, { supplier_ids: ids, decision: "verified" });
      expect(res.status).toBe(403);
    }
    expect((await api(null, { supplier_ids: ids, decision: "verified" })).status).toBe(401);
    expect((await fetch(`${s.url}/api/v1/suppliers/verifications`)).status).toBe(405);
    expect(await written(ids)).toBe(0);

    const bad = async (body: unknown, field: string) => {
      const res = await api(agency, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { fields?: Record<string, string> }).fields).toHaveProperty(field);
    };
    await bad({ supplier_ids: ids, decision: "rejected" }, "reason");
    await bad({ supplier_ids: [...ids, crypto.randomUUID()], decision: "verified" }, "supplier_ids");
    await bad({ supplier_ids: ["not-a-uuid"], decision: "verified" }, "supplier_ids.0");
    await bad({ supplier_ids: ids, decision: "maybe" }, "decision");
    expect((await api(agency, "{not json")).status).toBe(400);
    expect(await written(ids)).toBe(0);

    const res = await api(agency, { supplier_ids: ids, decision: "verified", reason: "批量核验" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { decision: string; supplier_ids: string[]; decided_at: string };
    expect(body).toMatchObject({ decision: "verified", supplier_ids: ids });
    expect(Date.parse(body.decided_at)).not.toBeNaN();
    const audits = await decisionAudits(ids);
    expect(audits).toHaveLength(2);
    for (const a of audits) {
      expect(a.actor_user_id).toBeNull();
      expect(a.detail).toMatchObject({ via: "token", token: "审核脚本", agency: official.organizationId });
    }
    // Deciding them again: someone decided them already.
    const again = await api(agency, { supplier_ids: ids, decision: "rejected", reason: "x" });
    expect(again.status).toBe(400);
    expect(await again.json()).toMatchObject({ fields: { supplier_ids: "verification_already_decided" } });

    // An official's signed-in session may call it too.
    const c = await signIn("official@demo.peitao.example");
    const [one] = take(1);
    expect((await api(null, { supplier_ids: [one], decision: "verified" }, c.cookie)).status).toBe(200);
  });
});
