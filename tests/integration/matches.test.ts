import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { createDemand, opportunitiesForSupplier } from "../../db/demands.server";
import { seedDemoIfEmpty } from "../../db/seed.server";
import { applyMatchAction } from "../../db/matches.server";
import { findUserByEmail } from "../../db/users.server";
import { testServices, type TestServices } from "../helpers/services";

let s: TestServices;
let buyer: { id: string; organization_id: string };
let supplier: { id: string; organization_id: string };
let plantId: string;

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  await seedDemoIfEmpty(s.db);
  buyer = (await findUserByEmail(s.db, "buyer@demo.peitao.example"))!;
  supplier = (await findUserByEmail(s.db, "supplier-admin@demo.peitao.example"))!;
  plantId = (await s.db.selectFrom("plants").select("id").where("oem_id", "=", buyer.organization_id).executeTakeFirstOrThrow()).id;
});

const demandInput = (over = {}) => ({
  plantId, partName: "前副车架", categoryCode: "D01", allowGroup: false, spec: "", annualVolume: 50000, unit: "件",
  sopDate: null, requiredCerts: [], radiusKm: 500, responseDeadline: null, visibility: "all" as const, ...over,
});

async function interestedMatch() {
  const demandId = await createDemand(s.db, buyer.organization_id, buyer.id, demandInput());
  const b = { userId: buyer.id, organizationId: buyer.organization_id };
  await applyMatchAction(s.db, { demandId, supplierId: supplier.organization_id, action: "invite", side: "buyer", actor: b });
  await applyMatchAction(s.db, { demandId, action: "express_interest", side: "supplier", actor: { userId: supplier.id, organizationId: supplier.organization_id }, quoteFen: 1_234_500 });
  return demandId;
}

describe("match workflow", () => {
  it("refuses an invalid transition with a clear reason and changes nothing", async () => {
    const demandId = await createDemand(s.db, buyer.organization_id, buyer.id, demandInput());
    const b = { userId: buyer.id, organizationId: buyer.organization_id };
    await applyMatchAction(s.db, { demandId, supplierId: supplier.organization_id, action: "invite", side: "buyer", actor: b });
    await expect(
      applyMatchAction(s.db, { demandId, supplierId: supplier.organization_id, action: "confirm", side: "buyer", actor: b, contract: { amountFen: 100, volume: 1, year: 2026 } }),
    ).rejects.toThrow("transition_not_allowed");
    const m = await s.db.selectFrom("matches").selectAll().where("demand_id", "=", demandId).executeTakeFirstOrThrow();
    expect(m.state).toBe("invited");
    expect(await s.db.selectFrom("ledger_entries").select("id").where("match_id", "=", m.id).execute()).toHaveLength(0);
    // Another OEM cannot act on this demand.
    const other = (await s.db.selectFrom("organizations").select("id").where("kind", "=", "oem").where("id", "!=", buyer.organization_id).executeTakeFirstOrThrow()).id;
    await expect(applyMatchAction(s.db, { demandId, supplierId: supplier.organization_id, action: "withdraw", side: "buyer", actor: { userId: null, organizationId: other } })).rejects.toThrow("demand_not_found");
  });

  it("20 concurrent confirms of one match post exactly one ledger entry", async () => {
    const demandId = await interestedMatch();
    const b = { userId: buyer.id, organizationId: buyer.organization_id };
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        applyMatchAction(s.db, { demandId, supplierId: supplier.organization_id, action: "confirm", side: "buyer", actor: b, contract: { amountFen: 8_800_000_00, volume: 50000, year: 2026 } }),
      ),
    );
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    const posted = results.filter((r) => r.status === "fulfilled" && r.value.ledgerPosted);
    expect(posted).toHaveLength(1);
    const m = await s.db.selectFrom("matches").selectAll().where("demand_id", "=", demandId).executeTakeFirstOrThrow();
    const entries = await s.db.selectFrom("ledger_entries").selectAll().where("match_id", "=", m.id).execute();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ amount_fen: 880_000_000, period_year: 2026, source: "match", supplier_in_jilin: true, supplier_province: "吉林省" });
    expect(entries[0]!.distance_km).toBeGreaterThanOrEqual(0);
    expect(m.state).toBe("confirmed");
    const demand = await s.db.selectFrom("demands").select("status").where("id", "=", demandId).executeTakeFirstOrThrow();
    expect(demand.status).toBe("awarded");
    const events = await s.db.selectFrom("match_events").select("to_state").where("match_id", "=", m.id).orderBy("id").execute();
    expect(events.map((e) => e.to_state)).toEqual(["invited", "interested", "confirmed"]);
  });

  it("the database refuses UPDATE and DELETE on the ledger", async () => {
    const entry = await s.db.selectFrom("ledger_entries").select("id").executeTakeFirstOrThrow();
    await expect(s.db.updateTable("ledger_entries").set({ amount_fen: 1 }).where("id", "=", entry.id).execute()).rejects.toThrow(/append-only/);
    await expect(s.db.deleteFrom("ledger_entries").where("id", "=", entry.id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`truncate ledger_entries`.execute(s.db)).rejects.toThrow(/append-only/);
    expect(await s.db.selectFrom("ledger_entries").select("id").where("id", "=", entry.id).execute()).toHaveLength(1);
  });

  it("notifies the supplier of an invitation and the buyer of the answer, and lists the opportunity", async () => {
    const count = async (userId: string, kind: string) =>
      (await s.db.selectFrom("notifications").select("id").where("user_id", "=", userId).where("kind", "=", kind).execute()).length;
    expect(await count(supplier.id, "invited")).toBeGreaterThan(0);
    expect(await count(buyer.id, "supplier_interested")).toBeGreaterThan(0);
    const opps = await opportunitiesForSupplier(s.db, supplier.organization_id);
    expect(opps.length).toBeGreaterThan(0);
    expect(opps.map((o) => o.distance_km)).toEqual([...opps.map((o) => o.distance_km)].sort((a, b) => a - b));
  });
});
