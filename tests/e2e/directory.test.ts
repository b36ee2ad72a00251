import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { ARTIFACTS } from "../helpers/browser";
import { demoApp, type DemoApp } from "../helpers/demo";

let demo: DemoApp;

beforeAll(async () => {
  demo = await demoApp({ browser: true });
});

describe("supplier directory in a browser", () => {
  it("filters by category and radius around a plant and shows the map with the circle", async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${demo.url}/suppliers`);
    const all = Number((await page.textContent('[data-testid="supplier-total"]'))!.match(/\d+/)![0]);
    expect(all).toBe(300);
    await page.selectOption('[data-testid="category-select"]', "E01");
    await page.selectOption('[data-testid="plant-select"]', "OEM05");
    await page.fill('[data-testid="radius-input"]', "60");
    await page.click('[data-testid="directory-submit"]');
    await page.waitForURL(/plant=OEM05/);
    await page.waitForSelector('[data-testid="supplier-map"][data-circles="1"]');
    const total = Number((await page.textContent('[data-testid="supplier-total"]'))!.match(/\d+/)![0]);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(all);
    const distances = (await page.locator('[data-testid="hit-distance"]').allTextContents()).map((t) =>
      Number(t.replace(/[^\d.]/g, "")),
    );
    expect(distances.length).toBeGreaterThan(0);
    expect(distances.every((d) => d <= 60)).toBe(true);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    expect(Number(await page.getAttribute('[data-testid="supplier-map"]', "data-points"))).toBe(total);
    expect(await page.locator('[data-testid="supplier-map"] svg').count()).toBe(1);
    await page.screenshot({ path: `${ARTIFACTS}/directory.png`, fullPage: true });

    await page.locator('[data-testid="supplier-hit"] a').first().click();
    await page.waitForSelector('[data-testid="supplier-name"]');
    await page.screenshot({ path: `${ARTIFACTS}/supplier-detail.png`, fullPage: true });
  });

  it("with a plant chosen and a query typed, lists nearest first and says the words only narrow", async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1366, height: 1000 } });
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico")) problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    await page.goto(demo.url);
    await page.click('header a[href="/suppliers"]');
    await page.waitForSelector('[data-testid="supplier-total"]');
    await page.waitForLoadState("networkidle");
    await page.click('input[name="q"]');
    await page.keyboard.type("长春");
    await page.selectOption('[data-testid="plant-select"]', "OEM05");
    await page.fill('[data-testid="radius-input"]', "100");
    await page.click('[data-testid="directory-submit"]');
    await page.waitForURL(/plant=OEM05/);
    await page.waitForSelector('[data-testid="result-order"]');
    expect(await page.textContent('[data-testid="result-order"]')).toBe("按距离排序，关键词仅用于筛选");
    const names = await page.locator('[data-testid="supplier-hit"] strong').allTextContents();
    expect(names.length).toBeGreaterThan(1);
    const distances = (await page.locator('[data-testid="hit-distance"]').allTextContents()).map((t) =>
      Number(t.replace(/[^\d.]/g, "")),
    );
    expect(distances).toHaveLength(names.length);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    await page.screenshot({ path: `${ARTIFACTS}/directory-nearest-first.png`, fullPage: true });
    expect(problems).toEqual([]);
  });

  it("lets a supplier see its profile with the completeness indicator", async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${demo.url}/login`);
    await page.fill('input[name="email"]', "supplier-admin@demo.peitao.example");
    await page.fill('input[name="password"]', DEMO_PASSWORD);
    await page.click('button[type="submit"].primary');
    await page.waitForSelector('[data-testid="account-link"]', { state: "attached" });
    await page.goto(`${demo.url}/profile`);
    expect(await page.textContent('[data-testid="completeness"]')).toMatch(/档案完整度 \d+%/);
    // Clicking the map sets the site's coordinates (with JavaScript, once the page is hydrated).
    await page.waitForSelector('.pick-map [data-testid="supplier-map"][data-interactive="1"]');
    const before = await page.inputValue('input[name="site.0.lat"]');
    const map = page.locator('.pick-map [data-testid="supplier-map"]');
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    // The fields change when the click has gone through ECharts and React: waited for (once
    // read at once, under load, before the new value arrived), and clicked again if the first
    // click came before the map listened.
    for (let attempt = 0; attempt < 3; attempt++) {
      await map.click({ position: { x: box.width * 0.4, y: box.height * 0.45 } });
      const changed = await page
        .waitForFunction(
          (was) => document.querySelector<HTMLInputElement>('input[name="site.0.lat"]')?.value !== was,
          before,
          {
            timeout: 5_000,
          },
        )
        .then(() => true)
        .catch(() => false);
      if (changed) break;
    }
    const lat = Number(await page.inputValue('input[name="site.0.lat"]'));
    const lng = Number(await page.inputValue('input[name="site.0.lng"]'));
    expect(String(lat)).not.toBe(before);
    expect(lat).toBeGreaterThan(40.5);
    expect(lat).toBeLessThan(46.6);
    expect(lng).toBeGreaterThan(121.2);
    expect(lng).toBeLessThan(131.7);
    await page.fill('input[name="productsEn"]', "Body stampings");
    await page.click('[data-testid="profile-save"]');
    // A point outside the site's county is saved once confirmed.
    await page.waitForSelector('[data-testid="profile-saved"], [data-testid="site-0-outside-ok"]');
    if (await page.locator('[data-testid="site-0-outside-ok"]').count()) {
      await page.check('[data-testid="site-0-outside-ok"] input');
      await page.click('[data-testid="profile-save"]');
    }
    await page.waitForSelector('[data-testid="profile-saved"]');
    expect(Number(await page.inputValue('input[name="site.0.lat"]'))).toBeCloseTo(lat, 5);
    await page.screenshot({ path: `${ARTIFACTS}/profile.png`, fullPage: true });
  });
});
