import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { langCookie } from "../../app/lib/lang.server";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { ARTIFACTS, clickHeaderLink } from "../helpers/browser";
import { demoApp, type DemoApp } from "../helpers/demo";

// The maps as people use them (issue 14, item 10): painted by the server as SVG before any
// script, then zoomed, panned and hovered in the browser; the profile's map places a site
// with a marker at once. Pages are reached by clicking the header, never by address.

let demo: DemoApp;

beforeAll(async () => {
  demo = await demoApp({ browser: true });
}, 120_000);

type Lang = "zh" | "en";

/**
 * Scroll the map that is on the page now into view. A locator's scroll waits for the
 * element it resolved to be stable, and after a client navigation from the plants page that
 * element can be the one being replaced ("Element is not attached to the DOM" in a loaded CI run).
 */
async function scrollToMap(page: Page) {
  await page.waitForFunction(() => {
    const el = document.querySelector('[data-testid="supplier-map"]');
    el?.scrollIntoView({ block: "nearest" });
    return Boolean(el?.isConnected);
  });
}

async function open(lang: Lang, width: number, opts: { javaScript?: boolean } = {}) {
  const context = await demo.browser.newContext({
    viewport: { width, height: width > 500 ? 900 : 844 },
    javaScriptEnabled: opts.javaScript ?? true,
  });
  const value = (await langCookie.serialize(lang)).split(";")[0]!.split("=")[1]!;
  await context.addCookies([{ name: "lang", value, url: demo.url }]);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`${m.text()} ${m.location().url}`);
  });
  page.on("pageerror", (e) => problems.push(e.message));
  page.on("requestfailed", (r) => problems.push(`failed: ${r.url()}`));
  return { page, problems, close: () => context.close() };
}

const interactive = (page: Page, testId = "supplier-map") =>
  page.waitForSelector(`[data-testid="${testId}"][data-interactive="1"] svg`, { timeout: 20_000 });

async function noSideScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    await page.evaluate(() => window.innerWidth),
  );
}

describe("maps", () => {
  it("are drawn by the server before any script runs", async () => {
    const { page, close } = await open("zh", 1366, { javaScript: false });
    await page.goto(demo.url);
    await clickHeaderLink(page, `header a[href="/plants"]`);
    await page.waitForURL(/\/plants$/);
    const map = page.locator('[data-testid="supplier-map"]');
    expect(await map.locator("svg").count()).toBe(1);
    // The prefectures, 14 circles and the plants' labels, all in the server's drawing.
    expect(await map.locator("svg path").count()).toBeGreaterThan(9 + 14);
    expect(await map.locator("svg text").filter({ hasText: "延边" }).count()).toBeGreaterThan(0);
    await clickHeaderLink(page, `header a[href="/suppliers"]`);
    await page.waitForURL(/\/suppliers$/);
    expect(await page.locator('[data-testid="supplier-map"] svg').count()).toBe(1);
    await close();
  });

  for (const lang of ["zh", "en"] as const)
    it(`zoom, pan and tell plants apart on the plants page and the directory (${lang})`, async () => {
      const { page, problems, close } = await open(lang, 1366);
      await page.goto(demo.url);
      await clickHeaderLink(page, `header a[href="/plants"]`);
      await page.waitForURL(/\/plants$/);
      await interactive(page);
      const map = page.locator('[data-testid="supplier-map"]');
      expect(await map.getAttribute("data-circles")).toBe("14");
      const yanbian = lang === "zh" ? "延边国泰" : "Yanbian";
      const label = map.locator("svg text").filter({ hasText: yanbian }).first();
      const before = (await label.boundingBox())!;
      // Zoom in with the wheel over the map: the label moves away from the centre.
      const box = (await map.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.wheel(0, -400);
      await page.waitForTimeout(600);
      const after = (await label.boundingBox())!;
      expect(Math.abs(after.x - before.x) + Math.abs(after.y - before.y)).toBeGreaterThan(5);
      // Hover the plant (its diamond stands left of its label): its name and kind show.
      await page.mouse.move(after.x - 11, after.y + after.height / 2);
      const tip = map.locator("div strong").filter({ hasText: yanbian });
      await tip.first().waitFor({ timeout: 5_000 });
      expect(await tip.first().evaluate((el) => el.parentElement!.textContent)).toContain(
        lang === "zh" ? "整车工厂" : "Vehicle plant",
      );
      await page.screenshot({ path: `${ARTIFACTS}/map-plants-${lang}-1366.png` });

      await clickHeaderLink(page, `header a[href="/suppliers"]`);
      await page.waitForURL(/\/suppliers$/);
      await interactive(page);
      // The directory's points arrive with its chart, which replaces the plants page's: read
      // them once they are the directory's (read at once, a fresh-run saw the plants' 0).
      await page.waitForFunction(
        () => Number(document.querySelector('[data-testid="supplier-map"]')?.getAttribute("data-points")) > 0,
        undefined,
        { timeout: 10_000 },
      );
      expect(Number(await map.getAttribute("data-points"))).toBeGreaterThan(100);
      // The legend names the category groups.
      expect(
        await map
          .locator("svg text")
          .filter({ hasText: lang === "zh" ? "整车工厂" : "Vehicle plants" })
          .count(),
      ).toBeGreaterThan(0);
      await scrollToMap(page);
      await page.screenshot({ path: `${ARTIFACTS}/map-directory-${lang}-1366.png` });
      expect(problems).toEqual([]);
      await close();
    });

  for (const lang of ["zh", "en"] as const)
    it(`fit a phone (${lang}, 390 px)`, async () => {
      const { page, problems, close } = await open(lang, 390);
      await page.goto(`${demo.url}/`);
      await clickHeaderLink(page, `header a[href="/plants"]`);
      await page.waitForURL(/\/plants$/);
      await interactive(page);
      await noSideScroll(page);
      await page.screenshot({ path: `${ARTIFACTS}/map-plants-${lang}-390.png` });
      await clickHeaderLink(page, `header a[href="/suppliers"]`);
      await page.waitForURL(/\/suppliers$/);
      await interactive(page);
      await noSideScroll(page);
      await scrollToMap(page);
      await page.screenshot({ path: `${ARTIFACTS}/map-directory-${lang}-390.png` });
      expect(problems).toEqual([]);
      await close();
    });

  for (const [lang, width] of [
    ["zh", 1366],
    ["en", 390],
  ] as const)
    it(`place a site on the profile's map with a marker at once (${lang}, ${width} px)`, async () => {
      const { page, problems, close } = await open(lang, width);
      await page.goto(`${demo.url}/login`);
      await page.fill('input[name="email"]', "supplier-admin@demo.peitao.example");
      await page.fill('input[name="password"]', DEMO_PASSWORD);
      await page.click('button[type="submit"].primary');
      await page.waitForSelector('[data-testid="account-link"]', { state: "attached" });
      await clickHeaderLink(page, `header a[href="/profile"]`);
      await page.waitForURL(/\/profile$/);
      await interactive(page);
      const map = page.locator('.pick-map [data-testid="supplier-map"]');
      await map.scrollIntoViewIfNeeded();
      const paths = await map.locator("svg path").count();
      const box = (await map.boundingBox())!;
      // A click that lands while ECharts is still settling is not a pick: click again, as a person would.
      for (let attempt = 0; ; attempt++) {
        await map.click({ position: { x: box.width * (0.45 + attempt * 0.01), y: box.height * 0.45 } });
        const picked = await page
          .waitForSelector('[data-testid="map-picked"]', { timeout: 5_000 })
          .then(() => true)
          .catch(() => false);
        if (picked) break;
        expect(attempt, "the map never took a click").toBeLessThan(5);
      }
      // The marker is drawn: one more shape on the map, at once, and the fields are set.
      await page.waitForFunction(
        (n) => document.querySelectorAll('.pick-map [data-testid="supplier-map"] svg path').length > n,
        paths,
      );
      const lat = Number(await page.inputValue('input[name="site.0.lat"]'));
      expect(lat).toBeGreaterThan(40.5);
      expect(lat).toBeLessThan(46.6);
      await noSideScroll(page);
      await page.screenshot({ path: `${ARTIFACTS}/map-profile-${lang}-${width}.png` });
      expect(problems).toEqual([]);
      await close();
    }, 120_000);
});
