import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { findUserByEmail } from "../../db/users.server";
import { ARTIFACTS } from "../helpers/browser";
import { demoApp, type DemoApp } from "../helpers/demo";

let demo: DemoApp;

beforeAll(async () => {
  demo = await demoApp({ browser: true });
});

async function signIn(email: string): Promise<Page> {
  const context = await demo.browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${demo.url}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', DEMO_PASSWORD);
  await page.click('button[type="submit"].primary');
  await page.waitForSelector('[data-testid="account-link"]', { state: "attached" });
  return page;
}

describe("the whole matchmaking journey in a browser", () => {
  it("a buyer posts a demand and invites a ranked supplier; the supplier quotes; the buyer confirms (定点)", async () => {
    const supplierOrg = (await findUserByEmail(demo.db, "supplier-admin@demo.peitao.example"))!.organization_id;
    const category = (
      await demo.db
        .selectFrom("supplier_categories")
        .select("category_code")
        .where("supplier_id", "=", supplierOrg)
        .orderBy("category_code")
        .executeTakeFirstOrThrow()
    ).category_code;

    const buyer = await signIn("buyer@demo.peitao.example");
    await buyer.click('nav[aria-label="main"] >> text=配套需求');
    await buyer.click('[data-testid="new-demand"]');
    await buyer.fill('input[name="part_name"]', "旅程测试零件");
    await buyer.selectOption('[data-testid="demand-category"]', category);
    await buyer.fill('input[name="radius_km"]', "500");
    await buyer.fill('input[name="annual_volume"]', "80000");
    await buyer.click('[data-testid="demand-submit"]');
    await buyer.waitForSelector('[data-testid="demand-title"]');
    const demandUrl = buyer.url();
    expect(await buyer.locator('[data-testid="ranked-row"]').count()).toBeGreaterThan(0);
    const distances = (await buyer.locator('[data-testid="ranked-distance"]').allTextContents()).map((t) =>
      Number(t.replace(/[^\d.]/g, "")),
    );
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    await buyer.screenshot({ path: `${ARTIFACTS}/demand-ranking.png`, fullPage: true });
    await buyer.click(`[data-testid="invite-${supplierOrg}"]`);
    await buyer.waitForSelector('[data-testid="match-state"]');
    expect(await buyer.textContent('[data-testid="match-state"]')).toBe("已邀请");

    const supplier = await signIn("supplier-admin@demo.peitao.example");
    expect(Number(await supplier.textContent('[data-testid="unread-count"]'))).toBeGreaterThan(0);
    await supplier.click('nav[aria-label="main"] >> text=商机');
    await supplier.click("text=旅程测试零件");
    await supplier.waitForSelector('[data-testid="my-match-state"]');
    expect(await supplier.textContent('[data-testid="my-match-state"]')).toBe("已邀请");
    await supplier.fill('input[name="quote"]', "36.80");
    await supplier.fill('input[name="quote_note"]', "含包装运输");
    await supplier.click('[data-testid="express-interest"]');
    await supplier.waitForFunction(
      () => document.querySelector('[data-testid="my-match-state"]')?.textContent === "有意向",
    );

    await buyer.goto(demandUrl);
    expect(await buyer.textContent('[data-testid="match-state"]')).toBe("有意向");
    expect(await buyer.textContent('[data-testid="matches"]')).toContain("¥36.80");
    // 定点 opens the confirmation, the amount prefilled from the quote × the annual volume.
    await buyer.click(`[data-testid="award-${supplierOrg}"]`);
    await buyer.waitForSelector('[data-testid="award-confirm"]');
    expect(await buyer.inputValue('[data-testid="confirm-amount"]')).toBe("2,944,000.00");
    await buyer.click('[data-testid="confirm"]');
    await buyer.waitForFunction(() => document.querySelector('[data-testid="match-state"]')?.textContent === "已定点");
    await buyer.screenshot({ path: `${ARTIFACTS}/demand-confirmed.png`, fullPage: true });

    const entries = await demo.db
      .selectFrom("ledger_entries as l")
      .innerJoin("matches as m", "m.id", "l.match_id")
      .select(["l.amount_fen", "l.supplier_id"])
      .where("m.supplier_id", "=", supplierOrg)
      .execute();
    expect(entries).toEqual([{ amount_fen: 294_400_000, supplier_id: supplierOrg }]);

    // Each step through the pages left its audit row, by the user who took it.
    const demandId = demandUrl.split("/").pop()!;
    const match = await demo.db
      .selectFrom("matches")
      .select("id")
      .where("demand_id", "=", demandId)
      .executeTakeFirstOrThrow();
    const audited = await demo.db
      .selectFrom("audit_log")
      .select(["action", "actor_user_id"])
      .where("subject_id", "in", [demandId, match.id])
      .orderBy("id")
      .execute();
    const buyerId = (await findUserByEmail(demo.db, "buyer@demo.peitao.example"))!.id;
    const supplierId = (await findUserByEmail(demo.db, "supplier-admin@demo.peitao.example"))!.id;
    expect(audited).toEqual([
      { action: "demand_posted", actor_user_id: buyerId },
      { action: "match_invited", actor_user_id: buyerId },
      { action: "match_responded", actor_user_id: supplierId },
      { action: "match_confirmed", actor_user_id: buyerId },
      { action: "ledger_posted", actor_user_id: buyerId },
    ]);
  });
});
