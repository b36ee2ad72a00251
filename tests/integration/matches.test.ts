import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { opportunitiesForSupplier } from "../../db/demands.server";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { findUserByEmail } from "../../db/users.server";
import { closeDemand, postDemand, reopenDemand } from "../../app/features/demands/demands.server";
import { demandCreate, type DemandCreate } from "../../app/features/demands/schemas";
import {
  confirmMatch,
  inviteMatch,
  respondToMatch,
  shortlistMatch,
  withdrawMatch,
} from "../../app/features/matching/match-actions.server";
import { auditRows, expectAuditInTransaction } from "../helpers/audit";
import { testServices, type TestServices } from "../helpers/services";

let s: TestServices;
let buyer: { id: string; organization_id: string };
let supplier: { id: string; organization_id: string };
let plantCode: string;
const deps = () => ({ db: s.db, ip: "127.0.0.1" });
const b = () => ({ userId: buyer.id, organizationId: buyer.organization_id });
const sup = () => ({ userId: supplier.id, organizationId: supplier.organization_id });

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  await seedDemoIfEmpty(s.db);
  buyer = (await findUserByEmail(s.db, "buyer@demo.peitao.example"))!;
  supplier = (await findUserByEmail(s.db, "supplier-admin@demo.peitao.example"))!;
  plantCode = (
    await s.db
      .selectFrom("plants")
      .select("code")
      .where("oem_id", "=", buyer.organization_id)
      .orderBy("code")
      .executeTakeFirstOrThrow()
  ).code;
});

const demandInput = (over: Partial<DemandCreate> = {}): DemandCreate =>
  demandCreate.parse({
    plant: plantCode,
    part_name: "前副车架",
    category: "D01",
    annual_volume: 50000,
    radius_km: 500,
    ...over,
  });

async function post(over: Partial<DemandCreate> = {}) {
  return (await postDemand(deps(), b(), demandInput(over))).id;
}

async function interestedMatch() {
  const demandId = await post();
  await inviteMatch(deps(), b(), { demandId, supplierId: supplier.organization_id });
  await respondToMatch(deps(), sup(), {
    demandId,
    response: { action: "express_interest", quote_fen: 1_234_500, quote_note: "" },
  });
  return demandId;
}

const countOf = (table: "demands" | "notifications" | "matches" | "match_events" | "ledger_entries") => async () =>
  Number(
    (
      await s.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
const sum =
  (...counts: (() => Promise<number>)[]) =>
  async () =>
    (await Promise.all(counts.map((c) => c()))).reduce((a, n) => a + n, 0);

describe("match workflow", () => {
  it("refuses an invalid transition with a clear reason and changes nothing", async () => {
    const demandId = await post();
    await inviteMatch(deps(), b(), { demandId, supplierId: supplier.organization_id });
    await expect(
      confirmMatch(deps(), b(), {
        demandId,
        supplierId: supplier.organization_id,
        contract: { amount_fen: 100, annual_volume: 1, year: 2026 },
      }),
    ).rejects.toThrow("transition_not_allowed");
    const m = await s.db.selectFrom("matches").selectAll().where("demand_id", "=", demandId).executeTakeFirstOrThrow();
    expect(m.state).toBe("invited");
    expect(await s.db.selectFrom("ledger_entries").select("id").where("match_id", "=", m.id).execute()).toHaveLength(0);
    // Another OEM cannot act on this demand.
    const other = (
      await s.db
        .selectFrom("organizations")
        .select("id")
        .where("kind", "=", "oem")
        .where("id", "!=", buyer.organization_id)
        .executeTakeFirstOrThrow()
    ).id;
    await expect(
      withdrawMatch(
        deps(),
        { userId: null, organizationId: other },
        { demandId, supplierId: supplier.organization_id },
      ),
    ).rejects.toThrow("demand_not_found");
    await expect(closeDemand(deps(), { userId: null, organizationId: other }, { demandId })).rejects.toThrow(
      "demand_not_found",
    );
  });

  it("refuses a plant of another OEM and an unknown category", async () => {
    const otherPlant = (
      await s.db
        .selectFrom("plants")
        .select("code")
        .where("oem_id", "!=", buyer.organization_id)
        .executeTakeFirstOrThrow()
    ).code;
    await expect(post({ plant: otherPlant })).rejects.toMatchObject({ code: "plant_not_yours", field: "plant" });
    await expect(post({ category: "Z99" })).rejects.toMatchObject({ code: "unknown_category", field: "category" });
  });

  it("20 concurrent confirms of one match post exactly one ledger entry", async () => {
    const demandId = await interestedMatch();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        confirmMatch(deps(), b(), {
          demandId,
          supplierId: supplier.organization_id,
          contract: { amount_fen: 8_800_000_00, annual_volume: 50000, year: 2026 },
        }),
      ),
    );
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    const posted = results.filter((r) => r.status === "fulfilled" && r.value.ledgerPosted);
    expect(posted).toHaveLength(1);
    const m = await s.db.selectFrom("matches").selectAll().where("demand_id", "=", demandId).executeTakeFirstOrThrow();
    const entries = await s.db.selectFrom("ledger_entries").selectAll().where("match_id", "=", m.id).execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      amount_fen: 880_000_000,
      period_year: 2026,
      source: "match",
      supplier_in_jilin: true,
      supplier_province: "吉林省",
    });
    expect(entries[0]!.distance_km).toBeGreaterThanOrEqual(0);
    expect(m.state).toBe("confirmed");
    const demand = await s.db
      .selectFrom("demands")
      .select("status")
      .where("id", "=", demandId)
      .executeTakeFirstOrThrow();
    expect(demand.status).toBe("awarded");
    const events = await s.db
      .selectFrom("match_events")
      .select("to_state")
      .where("match_id", "=", m.id)
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.to_state)).toEqual(["invited", "interested", "confirmed"]);
    // One confirm audited, one ledger entry audited, both on the match.
    expect((await auditRows(s.db, "match_confirmed")).filter((a) => a.subject_id === m.id)).toHaveLength(1);
    const ledgerAudit = (await auditRows(s.db, "ledger_posted")).filter((a) => a.subject_id === m.id);
    expect(ledgerAudit).toHaveLength(1);
    expect(ledgerAudit[0]).toMatchObject({
      actor_user_id: buyer.id,
      organization_id: buyer.organization_id,
      detail: { amount_fen: 880_000_000, year: 2026 },
    });
  });

  it("the database refuses UPDATE and DELETE on the ledger", async () => {
    const entry = await s.db.selectFrom("ledger_entries").select("id").executeTakeFirstOrThrow();
    await expect(
      s.db.updateTable("ledger_entries").set({ amount_fen: 1 }).where("id", "=", entry.id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(s.db.deleteFrom("ledger_entries").where("id", "=", entry.id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate ledger_entries`.execute(s.db)).rejects.toThrow(/append-only/);
    expect(await s.db.selectFrom("ledger_entries").select("id").where("id", "=", entry.id).execute()).toHaveLength(1);
  });

  it("notifies the supplier of an invitation and the buyer of the answer, and lists the opportunity", async () => {
    const count = async (userId: string, kind: string) =>
      (
        await s.db
          .selectFrom("notifications")
          .select("id")
          .where("user_id", "=", userId)
          .where("kind", "=", kind)
          .execute()
      ).length;
    expect(await count(supplier.id, "invited")).toBeGreaterThan(0);
    expect(await count(buyer.id, "supplier_interested")).toBeGreaterThan(0);
    const opps = await opportunitiesForSupplier(s.db, supplier.organization_id);
    expect(opps.length).toBeGreaterThan(0);
    expect(opps.map((o) => o.distance_km)).toEqual([...opps.map((o) => o.distance_km)].sort((a, b) => a - b));
  });
});

describe("every demand and match write holds its audit row in its transaction", () => {
  it("postDemand: the demand, its notifications and demand_posted", async () => {
    await expectAuditInTransaction(
      s.db,
      () => post({ part_name: "审计测试件" }),
      sum(countOf("demands"), countOf("notifications")),
    );
    const id = await post({ part_name: "审计测试件" });
    // The suppliers it fits are told in the same transaction.
    expect(
      await s.db
        .selectFrom("notifications")
        .select("id")
        .where("link", "=", `/demands/${id}`)
        .where("kind", "=", "demand_fits")
        .execute(),
    ).not.toHaveLength(0);
    const [row] = (await auditRows(s.db, "demand_posted")).filter((a) => a.subject_id === id);
    expect(row).toMatchObject({
      actor_user_id: buyer.id,
      organization_id: buyer.organization_id,
      subject_type: "demand",
      ip: "127.0.0.1",
    });
  });

  it("closeDemand and reopenDemand", async () => {
    const demandId = await post();
    const status = async () =>
      (await s.db.selectFrom("demands").select("status").where("id", "=", demandId).executeTakeFirstOrThrow()).status;
    const closed = async () => ((await status()) === "closed" ? 1 : 0);
    await expectAuditInTransaction(s.db, () => closeDemand(deps(), b(), { demandId }), closed);
    await closeDemand(deps(), b(), { demandId });
    expect(await status()).toBe("closed");
    await expectAuditInTransaction(s.db, () => reopenDemand(deps(), b(), { demandId }), closed);
    await reopenDemand(deps(), b(), { demandId });
    expect(await status()).toBe("open");
    expect((await auditRows(s.db, "demand_closed")).filter((a) => a.subject_id === demandId)).toHaveLength(1);
    expect((await auditRows(s.db, "demand_reopened")).filter((a) => a.subject_id === demandId)[0]).toMatchObject({
      detail: { from: "closed", to: "open" },
    });
  });

  it("shortlist, invite, respond (interest and decline), confirm with ledger_posted, withdraw", async () => {
    const demandId = await post({ visibility: "invited" });
    const [s1, s2] = await s.db
      .selectFrom("organizations")
      .select("id")
      .where("kind", "=", "supplier")
      .where("id", "!=", supplier.organization_id)
      .orderBy("id")
      .limit(2)
      .execute();
    const writes = sum(
      countOf("matches"),
      countOf("match_events"),
      countOf("notifications"),
      countOf("ledger_entries"),
    );
    const target = { demandId, supplierId: supplier.organization_id };

    await expectAuditInTransaction(s.db, () => shortlistMatch(deps(), b(), target), writes);
    await shortlistMatch(deps(), b(), target);
    await expectAuditInTransaction(s.db, () => inviteMatch(deps(), b(), target), writes);
    await inviteMatch(deps(), b(), target);
    const interest = { action: "express_interest" as const, quote_fen: 500, quote_note: "" };
    await expectAuditInTransaction(s.db, () => respondToMatch(deps(), sup(), { demandId, response: interest }), writes);
    await respondToMatch(deps(), sup(), { demandId, response: interest });
    const contract = { amount_fen: 12_345, annual_volume: null, year: 2026 };
    await expectAuditInTransaction(s.db, () => confirmMatch(deps(), b(), { ...target, contract }), writes);
    expect((await confirmMatch(deps(), b(), { ...target, contract })).ledgerPosted).toBe(true);

    // The confirm awarded the demand; opened again, a second supplier declines, a third is withdrawn.
    await reopenDemand(deps(), b(), { demandId });
    await inviteMatch(deps(), b(), { demandId, supplierId: s1!.id });
    const decline = { action: "decline" as const, reason: "产能不足" };
    await expectAuditInTransaction(
      s.db,
      () => respondToMatch(deps(), { userId: null, organizationId: s1!.id }, { demandId, response: decline }),
      writes,
    );
    await respondToMatch(deps(), { userId: null, organizationId: s1!.id }, { demandId, response: decline });
    await inviteMatch(deps(), b(), { demandId, supplierId: s2!.id });
    await expectAuditInTransaction(s.db, () => withdrawMatch(deps(), b(), { demandId, supplierId: s2!.id }), writes);
    await withdrawMatch(deps(), b(), { demandId, supplierId: s2!.id });

    const matchIds = (await s.db.selectFrom("matches").select("id").where("demand_id", "=", demandId).execute()).map(
      (m) => m.id,
    );
    const actions = await s.db
      .selectFrom("audit_log")
      .select(["action"])
      .where("subject_type", "=", "match")
      .where("subject_id", "in", matchIds)
      .orderBy("id")
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      "match_shortlisted",
      "match_invited",
      "match_responded",
      "match_confirmed",
      "ledger_posted",
      "match_invited",
      "match_responded",
      "match_invited",
      "match_withdrawn",
    ]);
  });
});
