import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { findUserByEmail } from "../../db/users.server";
import { postDemand } from "../../app/features/demands/demands.server";
import { demandCreate } from "../../app/features/demands/schemas";
import {
  confirmMatch,
  inviteMatch,
  respondToMatch,
  withdrawMatch,
} from "../../app/features/matching/match-actions.server";
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
    const deps = { db: s.db, ip: null };
    const plant = await s.db
      .selectFrom("plants")
      .select("code")
      .where("oem_id", "=", buyer.organization_id)
      .executeTakeFirstOrThrow();
    const suppliers = await s.db
      .selectFrom("organizations")
      .select("id")
      .where("kind", "=", "supplier")
      .orderBy("id")
      .limit(20)
      .execute();
    const { id: demandId } = await postDemand(
      deps,
      b,
      demandCreate.parse({
        plant: plant.code,
        part_name: "竞态测试件",
        category: "E01",
        radius_km: 500,
        visibility: "invited",
      }),
    );
    for (const sup of suppliers) {
      await inviteMatch(deps, b, { demandId, supplierId: sup.id });
      await respondToMatch(
        deps,
        { userId: null, organizationId: sup.id },
        { demandId, response: { action: "express_interest", quote_fen: 100, quote_note: "" } },
      );
    }
    // 5 requests per match, confirms and withdraws interleaved, all at once.
    const ops = suppliers.flatMap((sup, i) =>
      Array.from({ length: 5 }, (_, j) =>
        (i + j) % 2 === 0
          ? confirmMatch(deps, b, {
              demandId,
              supplierId: sup.id,
              contract: { amount_fen: 1_000_00 * (i + 1), annual_volume: null, year: 2026 },
            })
          : withdrawMatch(deps, b, { demandId, supplierId: sup.id }),
      ),
    );
    const results = await Promise.allSettled(ops);
    expect(results).toHaveLength(100);
    // Every failure is a refused transition, never anything else.
    for (const r of results) if (r.status === "rejected") expect(String(r.reason)).toMatch(/transition_not_allowed/);

    const matches = await s.db
      .selectFrom("matches")
      .select(["id", "state", "contract_fen"])
      .where("demand_id", "=", demandId)
      .execute();
    expect(matches.every((m) => m.state === "confirmed" || m.state === "withdrawn")).toBe(true);
    const confirmed = matches.filter((m) => m.state === "confirmed");
    const entries = await s.db
      .selectFrom("ledger_entries")
      .select(["match_id", "amount_fen"])
      .where(
        "match_id",
        "in",
        matches.map((m) => m.id),
      )
      .execute();
    expect(entries.map((e) => e.match_id).sort()).toEqual(confirmed.map((m) => m.id).sort());
    const ledgerTotal = entries.reduce((sum, e) => sum + e.amount_fen, 0);
    expect(ledgerTotal).toBe(confirmed.reduce((sum, m) => sum + m.contract_fen!, 0));
    // The audit log holds exactly one confirm and one ledger entry per confirmed match.
    const audited = await s.db
      .selectFrom("audit_log")
      .select(["action", "subject_id"])
      .where("action", "in", ["match_confirmed", "ledger_posted"])
      .where(
        "subject_id",
        "in",
        matches.map((m) => m.id),
      )
      .execute();
    expect(
      audited
        .filter((a) => a.action === "ledger_posted")
        .map((a) => a.subject_id)
        .sort(),
    ).toEqual(confirmed.map((m) => m.id).sort());
    expect(audited.filter((a) => a.action === "match_confirmed")).toHaveLength(confirmed.length);
  });
});
