import { beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../db/api-tokens.server";
import { listMatchesForDemand, listMatchesOfSupplier } from "../../db/matches.server";
import { findUserByEmail } from "../../db/users.server";
import { readableDemand } from "../../app/features/demands/reads.server";
import { demandCreate, demandForm } from "../../app/features/demands/schemas";
import { awardPreview } from "../../app/features/matching/award.server";
import { confirmMatch } from "../../app/features/matching/match-actions.server";
import { nominateSelf } from "../../app/features/matching/nominate.server";
import { parseValues } from "../../app/lib/forms.server";
import { chinaDay } from "../../app/domain/dates";
import type { Actor } from "../../app/domain/policy";
import { actorOf } from "../helpers/actors";
import { auditRows, expectAuditInTransaction } from "../helpers/audit";
import { postTestDemand } from "../helpers/demands";
import { demoApp, type DemoApp } from "../helpers/demo";

let s: DemoApp;
let buyer: Actor;
let supplier: Actor;
let category: string;
let otherCategory: string;
let supplierToken: string;
const deps = () => ({ db: s.db, ip: "127.0.0.1" });
const nextYear = Number(chinaDay(new Date()).slice(0, 4)) + 1;

beforeAll(async () => {
  s = await demoApp();
  buyer = await actorOf(s.db, "buyer@demo.peitao.example");
  supplier = await actorOf(s.db, "supplier-admin@demo.peitao.example");
  const mine = await s.db
    .selectFrom("supplier_categories")
    .select("category_code")
    .where("supplier_id", "=", supplier.organizationId)
    .execute();
  category = mine[0]!.category_code;
  otherCategory = (
    await s.db
      .selectFrom("part_categories")
      .select("code")
      .where("level", "=", 2)
      .where(
        "code",
        "not in",
        mine.map((m) => m.category_code),
      )
      .orderBy("code")
      .executeTakeFirstOrThrow()
  ).code;
  const admin = (await findUserByEmail(s.db, "supplier-admin@demo.peitao.example"))!;
  supplierToken = (await createApiToken(s.db, admin.organization_id, "ERP", admin.id)).token;
});

const demand = (over: Record<string, unknown> = {}) =>
  postTestDemand(s.db, buyer, {
    part_name: "自荐测试件",
    category,
    radius_km: 500,
    annual_volume: 1000,
    sop_date: `${nextYear}-05-10`,
    ...over,
  });

const nomination = { quote_fen: 3_680, capacity: 50_000, earliest_sop: `${nextYear}-03-01`, quote_note: "含运输" };

const api = (path: string, body: unknown) =>
  fetch(s.url + path, {
    method: "POST",
    headers: { authorization: `Bearer ${supplierToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("自荐: a supplier nominates itself for an open demand that fits it", () => {
  it("records a self-nominated, interested match with its quote and tells the OEM's buyers", async () => {
    const demandId = await demand();
    const r = await nominateSelf(deps(), supplier, { demandId, nomination });
    expect(r.state).toBe("interested");
    const [m] = await listMatchesForDemand(s.db, demandId);
    expect(m).toMatchObject({
      supplier_id: supplier.organizationId,
      state: "interested",
      origin: "supplier",
      quote_fen: 3_680,
      capacity: 50_000,
      earliest_sop: `${nextYear}-03-01`,
      quote_note: "含运输",
    });
    const notes = await s.db
      .selectFrom("notifications")
      .select("kind")
      .where("user_id", "=", buyer.userId!)
      .where("link", "=", `/demands/${demandId}`)
      .execute();
    expect(notes.map((n) => n.kind)).toContain("supplier_nominated");
    expect((await auditRows(s.db, "match_nominated"))[0]).toMatchObject({ subject_id: m!.id });
  });

  it("refuses a second nomination of the same demand (page 400, API 400), changing nothing", async () => {
    const demandId = await demand();
    await nominateSelf(deps(), supplier, { demandId, nomination });
    await expect(nominateSelf(deps(), supplier, { demandId, nomination })).rejects.toMatchObject({
      code: "already_nominated",
    });
    const again = await api(`/api/v1/opportunities/${demandId}/nominate`, nomination);
    expect(again.status).toBe(400);
    expect((await listMatchesForDemand(s.db, demandId)).map((m) => m.quote_fen)).toEqual([3_680]);
  });

  it("refuses a supplier that does not fit: another category, an invite-only demand, an unknown id (404)", async () => {
    const foreign = await demand({ category: otherCategory });
    await expect(nominateSelf(deps(), supplier, { demandId: foreign, nomination })).rejects.toMatchObject({
      code: "demand_not_found",
    });
    expect((await api(`/api/v1/opportunities/${foreign}/nominate`, nomination)).status).toBe(404);
    const inviteOnly = await demand({ visibility: "invited" });
    expect((await api(`/api/v1/opportunities/${inviteOnly}/nominate`, nomination)).status).toBe(404);
    expect((await api(`/api/v1/opportunities/not-a-uuid/nominate`, nomination)).status).toBe(404);
    expect((await api(`/api/v1/opportunities/${crypto.randomUUID()}/nominate`, nomination)).status).toBe(404);
    expect(await listMatchesForDemand(s.db, foreign)).toHaveLength(0);
    // A malformed quote is a field error.
    const bad = await api(`/api/v1/opportunities/${await demand()}/nominate`, { quote_fen: -1 });
    expect(bad.status).toBe(400);
  });

  it("answers over the API with 201 and holds its audit row in its transaction", async () => {
    const demandId = await demand();
    const created = await api(`/api/v1/opportunities/${demandId}/nominate`, nomination);
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ state: "interested", ledger_posted: false });
    const other = await demand();
    const count = async () => (await listMatchesForDemand(s.db, other)).length;
    await expectAuditInTransaction(s.db, () => nominateSelf(deps(), supplier, { demandId: other, nomination }), count);
  });
});

describe("the award (定点) of a self-nominated supplier", () => {
  it("previews the ledger's period from the SOP, the amount from the quote, both bases and warnings", async () => {
    const demandId = await demand({ required_certifications: ["VDA6.3"] });
    await nominateSelf(deps(), supplier, { demandId, nomination });
    await s.db
      .deleteFrom("supplier_certifications")
      .where("supplier_id", "=", supplier.organizationId)
      .where("kind", "=", "VDA6.3")
      .execute();
    await s.db
      .insertInto("supplier_certifications")
      .values({ supplier_id: supplier.organizationId, kind: "VDA6.3", name: "", valid_until: "2020-01-31" })
      .execute();
    const d = (await readableDemand(s.db, buyer, demandId))!;
    const p = (await awardPreview(s.db, buyer, d, supplier.organizationId))!;
    expect(p).toMatchObject({ year: nextYear, quarter: 2, period_from_sop: true, amount_fen: 3_680 * 1000 });
    expect(p.amount_per_unit).toBe(true);
    expect(p.warnings.expired).toEqual(["VDA6.3"]);
    expect(p.locality).not.toBeNull();
    expect(typeof p.locality!.in_jilin).toBe("boolean");
  });

  it("posts to the SOP's year and quarter when no year is given, and the supplier keeps the demand", async () => {
    const demandId = await demand();
    await nominateSelf(deps(), supplier, { demandId, nomination });
    const r = await confirmMatch(deps(), buyer, {
      demandId,
      supplierId: supplier.organizationId,
      contract: { amount_fen: 3_680_000, annual_volume: 1000, year: null },
    });
    expect(r.ledgerPosted).toBe(true);
    const entry = await s.db
      .selectFrom("ledger_entries")
      .select(["period_year", "period_quarter", "amount_fen"])
      .where("match_id", "=", r.matchId)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ period_year: nextYear, period_quarter: 2, amount_fen: 3_680_000 });
    // Awarded: no longer an opportunity, but still the supplier's to read and list.
    expect(await readableDemand(s.db, supplier, demandId)).not.toBeNull();
    const mine = await listMatchesOfSupplier(s.db, supplier.organizationId);
    expect(mine.find((m) => m.demand_id === demandId)).toMatchObject({
      state: "confirmed",
      origin: "supplier",
      contract_fen: 3_680_000,
      period_year: nextYear,
    });
  });
});

describe("the demand form's dates", () => {
  const base = { plant: "OEM05", part_name: "x", category: "E01" };
  it("refuses an SOP in the past and a deadline after the SOP, with field errors", () => {
    const past = demandCreate.safeParse({ ...base, sop_date: "2020-01-01" });
    expect(past.success).toBe(false);
    const form = parseValues({ ...base, sop_date: "2020-01-01", response_deadline: "" }, demandForm);
    expect(form).toMatchObject({ ok: false, errors: { sop_date: "form.sopPast" } });
    const late = parseValues(
      { ...base, sop_date: `${nextYear}-01-10`, response_deadline: `${nextYear}-02-01` },
      demandForm,
    );
    expect(late).toMatchObject({ ok: false, errors: { response_deadline: "form.deadlineAfterSop" } });
    const fine = parseValues(
      { ...base, sop_date: `${nextYear}-03-10`, response_deadline: `${nextYear}-02-01` },
      demandForm,
    );
    expect(fine.ok).toBe(true);
  });

  it("the API answers 400 naming the field", async () => {
    const admin = (await findUserByEmail(s.db, "oem-admin@demo.peitao.example"))!;
    const token = (await createApiToken(s.db, admin.organization_id, "SRM", admin.id)).token;
    const res = await fetch(`${s.url}/api/v1/demands`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ ...base, sop_date: `${nextYear}-01-10`, response_deadline: `${nextYear}-02-01` }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ fields: { response_deadline: expect.any(String) } });
  });
});
