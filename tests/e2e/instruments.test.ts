import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ENTRANT_REWARD } from "../../app/domain/policy-rules";
import { entrantsOf } from "../../app/features/policy/entrants.server";
import { langCookie } from "../../app/lib/lang.server";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { ARTIFACTS } from "../helpers/browser";
import { demoApp, type DemoApp } from "../helpers/demo";

// An official clicks through the four instruments (from one to the next by the
// instruments' navigation), records a production project for a new entrant and sees its
// reward; screenshots at 1366 and 390 px in Chinese and English; no console errors.

let demo: DemoApp;
let entrantYear = 0;

beforeAll(async () => {
  demo = await demoApp({ browser: true });
  // The demo ledger's latest year with a new entrant (computed here only to pick the filter).
  for (let year = 2026; year >= 2020 && !entrantYear; year--) {
    const r = await entrantsOf(
      { db: demo.db },
      { organizationKind: "agency", organizationId: "00000000-0000-4000-8000-000000000000" },
      { year },
      DEFAULT_ENTRANT_REWARD,
    );
    if (r.entrants.length) entrantYear = year;
  }
}, 120_000);

async function open(lang: "zh" | "en", width: number) {
  const context = await demo.browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 } });
  const value = (await langCookie.serialize(lang)).split(";")[0]!.split("=")[1]!;
  await context.addCookies([{ name: "lang", value, url: demo.url }]);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    // The project refused on purpose (400) is the browser's report of that answer, not a page error.
    if (m.type() === "error" && !/status of 400/.test(m.text())) problems.push(`${m.text()} ${m.location().url}`);
  });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${demo.url}/login?redirectTo=${encodeURIComponent("/dashboard/new-supply")}`);
  await page.fill('input[name="email"]', "official@demo.peitao.example");
  await page.fill('input[name="password"]', DEMO_PASSWORD);
  await page.click('button[type="submit"].primary');
  await page.waitForURL(/\/dashboard\/new-supply/);
  return { page, problems, close: () => context.close() };
}

// Remix moves the address before React has drawn the next page: wait for the link to be
// marked current (drawn by the new page), not for the address, before using the page's forms.
async function nav(page: Page, path: string) {
  const link = `[data-testid="instruments-nav"] a[href="${path}"]`;
  await page.click(link);
  await page.waitForSelector(`${link}[aria-current="page"]`);
}

describe("the officials' instruments in a browser", () => {
  for (const lang of ["zh", "en"] as const) {
    for (const width of [1366, 390]) {
      it(`${lang} at ${width} px: new supply → entrants (record a project) → verdicts → what-if`, async () => {
        expect(entrantYear).toBeGreaterThan(0);
        const { page, problems, close } = await open(lang, width);
        const shot = (name: string) =>
          page.screenshot({ path: `${ARTIFACTS}/instruments-${name}-${lang}-${width}.png`, fullPage: true });

        // New in-province supply: every OEM with its plants.
        await page.waitForSelector('[data-testid="new-supply-table"]');
        expect(await page.locator('[data-testid="change-province"]').count()).toBeGreaterThan(3);
        await shot("new-supply");

        // Entrants of the chosen year: record a project over the threshold and see the reward.
        await nav(page, "/dashboard/entrants");
        await page.waitForURL(/\/dashboard\/entrants/);
        await page.waitForLoadState("networkidle");
        await page.fill('input[name="year"]', String(entrantYear));
        await page.click('.policy-filters button[type="submit"]');
        await page.waitForURL(new RegExp(`year=${entrantYear}`));
        await page.waitForSelector('[data-testid="entrants-table"]');
        await page.waitForLoadState("networkidle");
        const row = page.locator('[data-testid="entrant-row"]').first();
        // Under a loaded CI machine the year's entrants can take a while to list.
        await row.waitFor({ timeout: 60_000 });
        await row.locator("summary").click();
        await row.locator('input[name="name"]').fill("新能源电驱产线");
        await row.locator('input[name="totalInvestment"]').fill("50,000,000");
        // Above the total: refused, with the field's error.
        await row.locator('input[name="equipmentInvestment"]').fill("60,000,000");
        await row.locator('input[name="constructionStart"]').fill("2025-04-01");
        await row.locator('button[type="submit"]').click();
        await page.waitForSelector(".policy-record .field-error");
        const again = page.locator('[data-testid="entrant-row"]').first();
        await again.locator('input[name="equipmentInvestment"]').fill("20,000,000");
        await again.locator('button[type="submit"]').click();
        await page.waitForSelector('[data-testid="entrant-project"]');
        // 5% of ¥20,000,000 = ¥1,000,000.
        expect(await page.locator('[data-testid="entrant-reward"]').first().textContent()).toContain("1,000,000.00");
        await shot("entrants");

        // Verdicts: one per test per OEM.
        await nav(page, "/dashboard/verdicts");
        await page.waitForSelector('[data-testid="verdicts-table"]');
        expect(await page.locator('[data-testid="verdict-row"]').count()).toBeGreaterThan(0);
        expect(await page.locator("[data-verdict]").count()).toBe(
          3 * (await page.locator('[data-testid="verdict-row"]').count()),
        );
        await shot("verdicts");

        // What-if: an amount, answered both ways side by side.
        await nav(page, "/dashboard/what-if");
        await page.waitForSelector('[data-testid="what-if-ways"]');
        await page.waitForLoadState("networkidle");
        await page.fill('input[name="amount"]', "10,000,000");
        await page.click('.policy-filters button[type="submit"]');
        await page.waitForURL(/amount=/);
        await page.waitForSelector('[data-testid="moving-rate"]');
        const moving = await page.textContent('[data-testid="moving-rate"]');
        const adding = await page.textContent('[data-testid="adding-rate"]');
        expect(moving).toMatch(/\d+\.\d%/);
        expect(adding).toMatch(/\d+\.\d%/);
        expect(moving).not.toBe(adding);
        await shot("what-if");

        // Back to the first, by the same navigation.
        await nav(page, "/dashboard/new-supply");
        await page.waitForSelector('[data-testid="new-supply-table"]');
        expect(problems).toEqual([]);
        await close();
      }, 120_000);
    }
  }
});
