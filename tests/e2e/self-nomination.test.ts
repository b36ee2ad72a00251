import { beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { findUserByEmail } from "../../db/users.server";
import { chinaDay } from "../../app/domain/dates";
import { ARTIFACTS } from "../helpers/browser";
import { postTestDemand } from "../helpers/demands";
import { demoApp, type DemoApp } from "../helpers/demo";

let demo: DemoApp;

beforeAll(async () => {
  demo = await demoApp({ browser: true });
});

/** A signed-in page that records console errors, uncaught exceptions and failed requests. */
async function signIn(email: string, problems: string[]): Promise<Page> {
  const context = await demo.browser.newContext({ viewport: { width: 1366, height: 1000 } });
  const page = await context.newPage();
  page.on("console", (m) => {
    // The app has no favicon (a 404 on every first page, not this page's doing).
    if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico"))
      problems.push(`${email}: ${m.text()} ${m.location().url}`);
  });
  page.on("pageerror", (e) => problems.push(`${email}: ${e.message}`));
  await page.goto(`${demo.url}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', DEMO_PASSWORD);
  await page.click('button[type="submit"].primary');
  await page.waitForSelector('[data-testid="account-link"]', { state: "attached" });
  return page;
}

describe("自荐 in a browser: a supplier nominates itself, the buyer awards it, the supplier finds the award", () => {
  it("goes from 商机 to 我的配套项目 by clicking, without a console error", async () => {
    const problems: string[] = [];
    const supplierOrg = (await findUserByEmail(demo.db, "supplier-admin@demo.peitao.example"))!.organization_id;
    const buyerUser = (await findUserByEmail(demo.db, "buyer@demo.peitao.example"))!;
    const category = (
      await demo.db
        .selectFrom("supplier_categories")
        .select("category_code")
        .where("supplier_id", "=", supplierOrg)
        .orderBy("category_code")
        .executeTakeFirstOrThrow()
    ).category_code;
    const sopYear = Number(chinaDay(new Date()).slice(0, 4)) + 1;
    // The buyer's demand, open to all, with its SOP next year (the award's year must follow it).
    const demandId = await postTestDemand(
      demo.db,
      { userId: buyerUser.id, organizationId: buyerUser.organization_id },
      {
        part_name: "自荐测试零件",
        category,
        radius_km: 500,
        annual_volume: 20000,
        sop_date: `${sopYear}-08-15`,
        visibility: "all",
      },
    );

    // The supplier finds it under 商机 and nominates itself with a quote.
    const supplier = await signIn("supplier-admin@demo.peitao.example", problems);
    await supplier.click('nav[aria-label="main"] >> text=商机');
    await supplier.click(`[data-testid="nominate-${demandId}"]`);
    await supplier.waitForSelector('[data-testid="nominate"]');
    await supplier.fill('input[name="quote"]', "12.50");
    await supplier.fill('input[name="capacity"]', "30000");
    await supplier.fill('input[name="earliest_sop"]', `${sopYear}-06-01`);
    await supplier.fill('input[name="quote_note"]', "含包装");
    await supplier.click('[data-testid="nominate-submit"]');
    await supplier.waitForFunction(() =>
      document.querySelector('[data-testid="my-match-state"]')?.textContent?.startsWith("有意向"),
    );
    expect(await supplier.textContent('[data-testid="my-match-state"]')).toContain("自荐");
    expect(await supplier.textContent('[data-testid="my-quote"]')).toContain("¥12.50");

    // The buyer is notified, opens the demand and sees the supplier marked 自荐.
    const buyer = await signIn("buyer@demo.peitao.example", problems);
    expect(Number(await buyer.textContent('[data-testid="unread-count"]'))).toBeGreaterThan(0);
    await buyer.click('nav[aria-label="main"] >> text=配套需求');
    await buyer.click("text=自荐测试零件");
    await buyer.waitForSelector('[data-testid="matches"]');
    const row = buyer.locator('[data-testid="match-row"]', { hasText: "自荐" });
    expect(await row.count()).toBe(1);
    expect(await row.locator('[data-testid="match-state"]').textContent()).toBe("有意向");
    const ranked = buyer.locator('[data-testid="ranked-row"]', {
      has: buyer.locator('[data-testid="self-nominated"]'),
    });
    expect(await ranked.count()).toBe(1);

    // 定点 through the confirmation: the amount from the quote × the volume, the year from the SOP.
    await buyer.click(`[data-testid="award-${supplierOrg}"]`);
    await buyer.waitForSelector('[data-testid="award-confirm"]');
    expect(await buyer.inputValue('[data-testid="confirm-amount"]')).toBe("250,000.00");
    expect(await buyer.inputValue('[data-testid="confirm-year"]')).toBe(String(sopYear));
    expect(await buyer.inputValue('[data-testid="confirm-quarter"]')).toBe("3");
    // Every input has a visible label.
    for (const name of ["amount", "annual_volume", "year", "quarter"])
      expect(await buyer.locator(`label[for="f-${name}"]`).isVisible()).toBe(true);
    await buyer.screenshot({ path: `${ARTIFACTS}/award-confirmation.png`, fullPage: true });
    await buyer.click('[data-testid="confirm"]');
    await buyer.waitForFunction(
      () =>
        !document.querySelector('[data-testid="award-confirm"]') &&
        [...document.querySelectorAll('[data-testid="match-state"]')].some((e) => e.textContent === "已定点"),
    );
    const entry = await demo.db
      .selectFrom("ledger_entries as l")
      .innerJoin("matches as m", "m.id", "l.match_id")
      .select(["l.amount_fen", "l.period_year", "l.period_quarter"])
      .where("m.demand_id", "=", demandId)
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({ amount_fen: 25_000_000, period_year: sopYear, period_quarter: 3 });

    // The supplier finds the award under 我的配套项目, and the demand still opens.
    await supplier.click('nav[aria-label="main"] >> text=我的配套项目');
    await supplier.waitForSelector('[data-testid="my-matches"]');
    const mine = supplier.locator('[data-testid="my-match"]', { hasText: "自荐测试零件" });
    expect(await mine.getAttribute("data-state")).toBe("confirmed");
    expect(await mine.locator('[data-testid="my-match-contract"]').textContent()).toContain("¥250,000.00");
    await supplier.screenshot({ path: `${ARTIFACTS}/my-supply-projects.png`, fullPage: true });
    await mine.locator("a", { hasText: "自荐测试零件" }).click();
    await supplier.waitForSelector('[data-testid="my-contract"]');
    expect(await supplier.textContent('[data-testid="my-match-state"]')).toContain("已定点");

    expect(problems).toEqual([]);
  });
});
