import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { signUpSupplier } from "../../app/features/accounts/sign-up.server";
import { inviteMatch, respondToMatch } from "../../app/features/matching/match-actions.server";
import { makeUscc } from "../../app/domain/uscc";
import { findUserByEmail } from "../../db/users.server";
import { serveApp, defaultSettings } from "../helpers/app";
import { postTestDemand } from "../helpers/demands";
import { HttpClient } from "../helpers/http";
import { testServices, type TestServices } from "../helpers/services";

let s: TestServices;
let app: Awaited<ReturnType<typeof serveApp>>;

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  await seedDemoIfEmpty(s.db);
  app = await serveApp({ db: s.db, search: s.search, ...defaultSettings() });
});
afterAll(() => app?.close());

/** Each step's state as the home page shows it (data-done of each item), or null without the checklist. */
async function checklist(c: HttpClient): Promise<Record<string, string> | null> {
  const html = await (await c.get("/")).text();
  if (!html.includes('data-testid="first-steps"')) return null;
  return Object.fromEntries(
    [...html.matchAll(/data-testid="first-step-(\w+)" data-done="(true|false)"/g)].map((m) => [m[1]!, m[2]!]),
  );
}

describe("a new supplier's first steps", () => {
  it("ticks profile, sites, certificates and the first opportunity from the organization's data, then goes away", async () => {
    const email = "first-steps@example.com";
    const password = "吉林配套第一步测试-2026";
    const outcome = await signUpSupplier(
      { db: s.db, search: s.search, ip: null },
      {
        nameZh: "吉林第一步测试汽车部件有限公司",
        nameEn: undefined,
        uscc: makeUscc(220101, 9101),
        displayName: "赵工",
        email,
        password,
      },
    );
    if (!outcome.created) throw new Error("not created");
    const supplierId = outcome.organizationId;
    const c = new HttpClient(app.url);
    expect((await c.post("/login", { email, password })).status).toBe(302);
    expect(await checklist(c)).toEqual({
      profile: "false",
      sites: "false",
      certificates: "false",
      opportunity: "false",
    });
    // Others never see it: an anonymous visitor, a buyer.
    expect(await checklist(new HttpClient(app.url))).toBeNull();

    // The profile: what the company makes and a category (one alone is not enough).
    await s.db
      .updateTable("supplier_profiles")
      .set({ products_zh: "前保险杠、仪表板" })
      .where("supplier_id", "=", supplierId)
      .execute();
    expect((await checklist(c))?.profile).toBe("false");
    await s.db.insertInto("supplier_categories").values({ supplier_id: supplierId, category_code: "E01" }).execute();
    expect(await checklist(c)).toEqual({
      profile: "true",
      sites: "false",
      certificates: "false",
      opportunity: "false",
    });

    const buyer = (await findUserByEmail(s.db, "buyer@demo.peitao.example"))!;
    const plant = await s.db
      .selectFrom("plants")
      .select(["lat", "lng", "adcode"])
      .where("oem_id", "=", buyer.organization_id)
      .orderBy("code")
      .executeTakeFirstOrThrow();
    await s.db
      .insertInto("supplier_sites")
      .values({
        supplier_id: supplierId,
        adcode: plant.adcode!,
        lat: plant.lat + 0.05,
        lng: plant.lng,
        is_primary: true,
      })
      .execute();
    await s.db
      .insertInto("supplier_certifications")
      .values({ supplier_id: supplierId, kind: "IATF16949", valid_until: "2028-12-31" })
      .execute();
    expect(await checklist(c)).toEqual({ profile: "true", sites: "true", certificates: "true", opportunity: "false" });

    // An invitation alone is not an answered opportunity; interest with a quote is.
    const b = { userId: buyer.id, organizationId: buyer.organization_id };
    const demandId = await postTestDemand(s.db, b, { part_name: "第一步测试零件", category: "E01", radius_km: 100 });
    await inviteMatch({ db: s.db, ip: null }, b, { demandId, supplierId });
    expect((await checklist(c))?.opportunity).toBe("false");
    const user = (await findUserByEmail(s.db, email))!;
    await respondToMatch(
      { db: s.db, ip: null },
      { userId: user.id, organizationId: supplierId },
      { demandId, response: { action: "express_interest", quote_fen: 1_200_000, quote_note: "" } },
    );
    // Every step done: the checklist makes way for the page.
    expect(await checklist(c)).toBeNull();

    // The demand that fits and the invitation were queued as e-mails to the supplier (on by default).
    const queued = await s.db
      .selectFrom("mail_outbox")
      .select(["template", "payload"])
      .where("user_id", "=", user.id)
      .orderBy("id")
      .execute();
    expect(queued).toEqual([
      {
        template: "notification",
        payload: { kind: "demand_fits", title: "第一步测试零件", link: `/demands/${demandId}` },
      },
      { template: "notification", payload: { kind: "invited", title: "第一步测试零件", link: `/demands/${demandId}` } },
    ]);
  });
});
