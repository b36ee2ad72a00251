import type { BrowserContextOptions } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { langCookie } from "../../app/lib/lang.server";
import { ARTIFACTS } from "../helpers/browser";
import { demoApp, type DemoApp } from "../helpers/demo";

let demo: DemoApp;

beforeAll(async () => {
  demo = await demoApp({ browser: true });
}, 120_000);

async function open(lang: "zh" | "en", options: BrowserContextOptions) {
  const context = await demo.browser.newContext(options);
  const value = (await langCookie.serialize(lang)).split(";")[0]!.split("=")[1]!;
  await context.addCookies([{ name: "lang", value, url: demo.url }]);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`${m.text()} ${m.location().url}`);
  });
  page.on("pageerror", (e) => problems.push(e.message));
  await page.goto(`${demo.url}/login`);
  await page.fill('input[name="email"]', "official@demo.peitao.example");
  await page.fill('input[name="password"]', DEMO_PASSWORD);
  await page.click('button[type="submit"].primary');
  await page.waitForSelector('[data-testid="account-link"]', { state: "attached" });
  return { page, problems, close: () => context.close() };
}

describe("chain map in a browser", () => {
  for (const lang of ["zh", "en"] as const) {
    for (const width of [1366, 390]) {
      it(`an official goes from the dashboard to the chain map, opens a cell and the guide (${lang}, ${width} px)`, async () => {
        const { page, problems, close } = await open(lang, { viewport: { width, height: 900 } });
        try {
          await page.goto(`${demo.url}/dashboard?year=2025`);
          await page.click('[data-testid="chain-link"]');
          await page.waitForSelector('[data-testid="chain-table"]');
          expect(await page.title()).toBe(
            lang === "zh" ? "产业链图谱 · 配套 Peitao" : "Industrial chain map · Peitao 配套",
          );
          // Server-rendered SVG first, then ECharts takes the container over.
          expect(await page.locator('[data-testid="chain-heatmap"] svg').count()).toBe(1);
          await page.waitForSelector('[data-testid="chain-heatmap"][_echarts_instance_]', { timeout: 15_000 });
          const gaps = await page.locator(".chain-cell-td.gap a").count();
          const all = await page.locator(".chain-cell-td a").count();
          expect(all).toBe(14 * 65);
          expect(gaps).toBeGreaterThan(0);
          await page.screenshot({ path: `${ARTIFACTS}/chain-map-${lang}-${width}.png`, fullPage: width === 390 });

          // A table cell (the screen reader's way) opens the cell's details.
          await page.locator(".chain-cell-td.gap a").first().click();
          await page.waitForSelector('[data-testid="chain-cell"]');
          expect(page.url()).toMatch(/col=[0-9a-f-]{36}&cat=[A-J]\d\d/);
          const outside = await page.textContent('[data-testid="cell-outside-circle"]');
          expect(outside).toMatch(/km/);
          await page.screenshot({ path: `${ARTIFACTS}/chain-cell-${lang}-${width}.png` });

          if (width === 1366) {
            // A click on the heatmap opens a cell too.
            await page.click('[data-testid="chain-cell"] a[preventscrollreset], [data-testid="chain-cell"] p a');
            await page.waitForSelector('[data-testid="chain-cell"]', { state: "detached" });
            // Clicked through the locator (scrolled into view first): the page may still sit at
            // the closed cell's anchor, where a click at the heatmap's old viewport position
            // lands off it (a CI run timed out so). Once more if ECharts was not listening yet.
            const heatmap = page.locator('[data-testid="chain-heatmap"]');
            for (let attempt = 0; attempt < 2; attempt++) {
              await heatmap.click({ position: { x: 180, y: 56 } });
              const opened = await page
                .waitForSelector('[data-testid="chain-cell"]', { timeout: 10_000 })
                .then(() => true)
                .catch(() => false);
              if (opened) break;
            }
            await page.waitForSelector('[data-testid="chain-cell"]');
          }

          await page.click('[data-testid="chain-guide-link"]');
          await page.waitForSelector('[data-testid="guide-table"]');
          expect(await page.locator('[data-testid="guide-table"] tbody tr').count()).toBe(gaps);
          // Officials choose: one plant only.
          await page.locator('[data-testid="guide-choice"] input[name="plant"]').first().check();
          await page.click('[data-testid="guide-choice"] button[type="submit"]');
          await page.waitForURL(/plant=/);
          await page.waitForSelector('[data-testid="guide-table"]');
          expect(await page.locator('[data-testid="guide-table"] tbody tr').count()).toBeLessThan(gaps);
          await page.screenshot({ path: `${ARTIFACTS}/chain-guide-${lang}-${width}.png`, fullPage: true });
          expect(problems).toEqual([]);
        } finally {
          await close();
        }
      });
    }
  }
});
