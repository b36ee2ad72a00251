import { beforeAll, describe, expect, it } from "vitest";
import { createSession } from "../../db/sessions.server";
import { findUserByEmail } from "../../db/users.server";
import { auditRows } from "../helpers/audit";
import { demoApp, type DemoApp } from "../helpers/demo";
import { HttpClient } from "../helpers/http";

// The demand pages post through the same use cases and schemas as the API: the form's
// fields are the API's, amounts in yuan, and every write is audited.

let s: DemoApp;
let buyer: HttpClient;
let supplier: HttpClient;
let supplierOrg: string;

async function signedIn(email: string) {
  const user = (await findUserByEmail(s.db, email))!;
  const c = new HttpClient(s.url);
  c.cookie = `peitao_session=${(await createSession(s.db, user.id)).token}`;
  return c;
}

const form = (body: Record<string, string | string[]>) => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(body)) for (const one of [v].flat()) p.append(k, one);
  return p;
};

async function post(c: HttpClient, path: string, body: Record<string, string | string[]>) {
  return fetch(s.url + path, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: c.cookie, origin: s.url },
    body: form(body).toString(),
  });
}

const data = (path: string) =>
  `${path}?_data=${encodeURIComponent(path.startsWith("/demands/new") ? "routes/demands.new" : "routes/demands.$id")}`;

beforeAll(async () => {
  s = await demoApp();
  buyer = await signedIn("buyer@demo.peitao.example");
  supplier = await signedIn("supplier-admin@demo.peitao.example");
  supplierOrg = (await findUserByEmail(s.db, "supplier-admin@demo.peitao.example"))!.organization_id;
});

describe("the demand pages", () => {
  it("refuse a bad demand on the form's (the API's) field names, and post a good one with its audit row", async () => {
    const plant = (
      await s.db
        .selectFrom("plants as p")
        .innerJoin("users as u", "u.organization_id", "p.oem_id")
        .select("p.code")
        .where("u.email", "=", "buyer@demo.peitao.example")
        .orderBy("p.code")
        .executeTakeFirstOrThrow()
    ).code;
    const bad = await post(buyer, data("/demands/new"), {
      plant,
      part_name: "",
      category: "D01",
      radius_km: "900",
      sop_date: "soon",
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      ok: false,
      errors: { part_name: "form.required", radius_km: "form.radius", sop_date: "form.date" },
      values: { radius_km: "900" },
    });
    // A date that does not exist (Date.parse accepts it; PostgreSQL refused it with a 500).
    const impossible = await post(buyer, data("/demands/new"), {
      plant,
      part_name: "x",
      category: "D01",
      sop_date: "2026-02-30",
    });
    expect(impossible.status).toBe(400);
    expect(await impossible.json()).toMatchObject({ errors: { sop_date: "form.date" } });
    const other = (
      await s.db
        .selectFrom("plants")
        .select("code")
        .where("code", "!=", plant)
        .where(
          "oem_id",
          "not in",
          s.db.selectFrom("users").select("organization_id").where("email", "=", "buyer@demo.peitao.example"),
        )
        .executeTakeFirstOrThrow()
    ).code;
    const notOurs = await post(buyer, data("/demands/new"), { plant: other, part_name: "x", category: "D01" });
    expect(await notOurs.json()).toMatchObject({ errors: { plant: "form.plant_not_yours" } });

    const category = (
      await s.db
        .selectFrom("supplier_categories")
        .select("category_code")
        .where("supplier_id", "=", supplierOrg)
        .orderBy("category_code")
        .executeTakeFirstOrThrow()
    ).category_code;
    const ok = await post(buyer, "/demands/new", {
      plant,
      part_name: "页面测试件",
      category,
      radius_km: "500",
      annual_volume: "1000",
      allow_group: "1",
      required_certifications: [],
    });
    expect(ok.status).toBe(302);
    const id = ok.headers.get("location")!.split("/").pop()!;
    const demand = await s.db.selectFrom("demands").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
    expect(demand).toMatchObject({
      part_name: "页面测试件",
      radius_km: 500,
      annual_volume: 1000,
      allow_group: true,
      unit: "件",
    });
    expect((await auditRows(s.db, "demand_posted")).filter((a) => a.subject_id === id)).toHaveLength(1);

    // A new demand has no match yet: the page says what to do next instead of an empty table.
    const fresh = await (await buyer.get(`/demands/${id}`)).text();
    expect(fresh).toContain('data-testid="matches-empty"');
    expect(fresh).not.toContain('data-testid="matches"');

    // Close and reopen.
    expect((await post(buyer, data(`/demands/${id}`), { intent: "close" })).status).toBe(200);
    expect(
      (await s.db.selectFrom("demands").select("status").where("id", "=", id).executeTakeFirstOrThrow()).status,
    ).toBe("closed");
    expect((await post(buyer, data(`/demands/${id}`), { intent: "reopen" })).status).toBe(200);
    expect((await auditRows(s.db, "demand_closed")).filter((a) => a.subject_id === id)).toHaveLength(1);
    expect((await auditRows(s.db, "demand_reopened")).filter((a) => a.subject_id === id)).toHaveLength(1);

    // Invite by a row button; the supplier answers in yuan; a bad quote is refused on its field.
    expect((await post(buyer, data(`/demands/${id}`), { act: `invite:${supplierOrg}` })).status).toBe(200);
    const badQuote = await post(supplier, data(`/demands/${id}`), { intent: "express_interest", quote: "12.345" });
    expect(badQuote.status).toBe(400);
    expect(await badQuote.json()).toMatchObject({ ok: false, errors: { quote: "form.money" } });
    expect(
      (
        await post(supplier, data(`/demands/${id}`), {
          intent: "express_interest",
          quote: "1,234.50",
          quote_note: "含税",
        })
      ).status,
    ).toBe(200);
    const match = await s.db.selectFrom("matches").selectAll().where("demand_id", "=", id).executeTakeFirstOrThrow();
    expect(match).toMatchObject({ state: "interested", quote_fen: 123_450, quote_note: "含税" });

    // A refused transition is the whole form's error.
    const early = await post(buyer, data(`/demands/${id}`), { act: `invite:${supplierOrg}` });
    expect(early.status).toBe(400);
    expect(await early.json()).toMatchObject({ errors: { _form: "form.transition_not_allowed" } });

    // The confirm in yuan posts the ledger entry in fen.
    const confirmed = await post(buyer, data(`/demands/${id}`), {
      intent: "confirm",
      supplierId: supplierOrg,
      amount: "2,000.00",
      annual_volume: "",
      year: "2026",
    });
    // It leaves the confirmation view for the demand (a redirect, 204 to a data request).
    expect(confirmed.status).toBe(204);
    expect(confirmed.headers.get("x-remix-redirect")).toBe(`/demands/${id}#matches`);
    const entry = await s.db
      .selectFrom("ledger_entries")
      .select(["amount_fen", "period_year"])
      .where("match_id", "=", match.id)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ amount_fen: 200_000, period_year: 2026 });
    expect((await auditRows(s.db, "ledger_posted")).filter((a) => a.subject_id === match.id)).toHaveLength(1);
  });

  it("shows the what-if of awarding locally, from the ledger feature", async () => {
    const id = (
      await s.db.selectFrom("demands").select("id").where("part_name", "=", "页面测试件").executeTakeFirstOrThrow()
    ).id;
    const res = await buyer.get(
      `/demands/${id}?whatif=${encodeURIComponent("1,000,000")}&_data=${encodeURIComponent("routes/demands.$id")}`,
    );
    const { buyer: page } = (await res.json()) as {
      buyer: {
        whatIf: { year: number; fen: number; rates: Record<string, { before: number | null; after: number | null }> };
      };
    };
    expect(page.whatIf).toMatchObject({ year: new Date().getFullYear(), fen: 100_000_000 });
    expect(page.whatIf.rates.province!.after).toBeGreaterThanOrEqual(page.whatIf.rates.province!.before ?? 0);
  });

  it("hides an invited-only demand from a supplier until it is invited (a shortlist is not enough), on the page and the API alike", async () => {
    const buyerUser = (await findUserByEmail(s.db, "buyer@demo.peitao.example"))!;
    const plant = (
      await s.db
        .selectFrom("plants")
        .select("code")
        .where("oem_id", "=", buyerUser.organization_id)
        .orderBy("code")
        .executeTakeFirstOrThrow()
    ).code;
    const res = await post(buyer, "/demands/new", {
      plant,
      part_name: "仅受邀件",
      category: "E01",
      visibility: "invited",
    });
    const id = res.headers.get("location")!.split("/").pop()!;
    expect((await supplier.get(`/demands/${id}`)).status).toBe(404);
    expect((await supplier.get(`/api/v1/demands/${id}`)).status).toBe(404);
    await post(buyer, data(`/demands/${id}`), { act: `shortlist:${supplierOrg}` });
    expect((await supplier.get(`/demands/${id}`)).status).toBe(404);
    expect((await supplier.get(`/api/v1/demands/${id}`)).status).toBe(404);
    await post(buyer, data(`/demands/${id}`), { act: `invite:${supplierOrg}` });
    expect((await supplier.get(`/demands/${id}`)).status).toBe(200);
    expect((await supplier.get(`/api/v1/demands/${id}`)).status).toBe(200);
  });
});
