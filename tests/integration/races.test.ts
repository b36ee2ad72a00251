import { beforeAll, describe, expect, it } from "vitest";
import { createDemand } from "../../db/demands.server";
import { applyMatchAction } from "../../db/matches.server";
import { seedDemoIfEmpty } from "../../db/seed.server";
import { findUserByEmail } from "../../db/users.server";
import { testServices, type TestServices } from "../helpers/services";

let s: TestServices;

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  await seedDemoIfEmpty(s.db);
});

describe("concurrent confirm and withdraw", () => {
  it("100 racing confirms and withdraws over 20 matches: the ledger holds exactly the confirmed ones", async () => {
    const buyer = (await findUserByEmail(s.db, "buyer@demo.peitao.example"))!;
    const b = { userId: buyer.id, organizationId: buyer.organization_id };
    const plant = await s.db.selectFrom("plants").select("id").where("oem_id", "=", buyer.organization_id).executeTakeFirstOrThrow();
    const suppliers = await s.db.selectFrom("organizations").select("id").where("kind", "=", "supplier").orderBy("id").limit(20).execute();
    const demandId = await createDemand(s.db, buyer.organization_id, buyer.id, {
      plantId: plant.id, partName: "竞态测试件", categoryCode: "E01", allowGroup: false, spec: "", annualVolume: null, unit: "件",
      sopDate: null, requiredCerts: [], radiusKm: 500, responseDeadline: null, visibility: "invited",
    });
    for (const sup of suppliers) {
      await applyMatchAction(s.db, { demandId, supplierId: sup.id, action: "invite", side: "buyer", actor: b });
      await applyMatchAction(s.db, { demandId, action: "express_interest", side: "supplier", actor: { userId: null, organizationId: sup.id }, quoteFen: 100 });
    }
    // 5 requests per match, confirms and withdraws interleaved, all at once.
    const ops = suppliers.flatMap((sup, i) =>
      Array.from({ length: 5 }, (_, j) =>
        (i + j) % 2 === 0
          ? applyMatchAction(s.db, { demandId, supplierId: sup.id, action: "confirm", side: "buyer", actor: b, contract: { amountFen: 1_000_00 * (i + 1), volume: null, year: 2026 } })
          : applyMatchAction(s.db, { demandId, supplierId: sup.id, action: "withdraw", side: "buyer", actor: b }),
      ),
    );
    const results = await Promise.allSettled(ops);
    expect(results).toHaveLength(100);
    // Every failure is a refused transition, never anything else.
    for (const r of results) if (r.status === "rejected") expect(String(r.reason)).toMatch(/transition_not_allowed/);

    const matches = await s.db.selectFrom("matches").select(["id", "state", "contract_fen"]).where("demand_id", "=", demandId).execute();
    expect(matches.every((m) => m.state === "confirmed" || m.state === "withdrawn")).toBe(true);
    const confirmed = matches.filter((m) => m.state === "confirmed");
    const entries = await s.db.selectFrom("ledger_entries").select(["match_id", "amount_fen"]).where("match_id", "in", matches.map((m) => m.id)).execute();
    expect(entries.map((e) => e.match_id).sort()).toEqual(confirmed.map((m) => m.id).sort());
    const ledgerTotal = entries.reduce((sum, e) => sum + e.amount_fen, 0);
    expect(ledgerTotal).toBe(confirmed.reduce((sum, m) => sum + m.contract_fen!, 0));
  });
});
