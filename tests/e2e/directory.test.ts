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
    await page.waitForSelector('[data-testid="map-circle"]');
    const total = Number((await page.textContent('[data-testid="supplier-total"]'))!.match(/\d+/)![0]);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan(all);
    const distances = (await page.locator('[data-testid="hit-distance"]').allTextContents()).map((t) =>
      Number(t.replace(/[^\d.]/g, "")),
    );
    expect(distances.length).toBeGreaterThan(0);
    expect(distances.every((d) => d <= 60)).toBe(true);
    expect([...distances].sort((a, b) => a - b)).toEqual(distances);
    expect(await page.locator('[data-testid="supplier-map"] .map-points circle').count()).toBe(total);
    expect(await page.locator('[data-testid="supplier-map"] .map-boundaries path').count()).toBe(9);
    await page.screenshot({ path: `${ARTIFACTS}/directory.png`, fullPage: true });

    await page.locator('[data-testid="supplier-hit"] a').first().click();
    await page.waitForSelector('[data-testid="supplier-name"]');
    await page.screenshot({ path: `${ARTIFACTS}/supplier-detail.png`, fullPage: true });
  });

  it("lets a supplier see its profile with the completeness indicator", async () => {
    const page = await demo.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(`${demo.url}/login`);
    await page.fill('input[name="email"]', "supplier-admin@demo.peitao.example");
    await page.fill('input[name="password"]', DEMO_PASSWORD);
    await page.click('button[type="submit"].primary');
    await page.waitForSelector('[data-testid="account-link"]');
    await page.goto(`${demo.url}/profile`);
    expect(await page.textContent('[data-testid="completeness"]')).toMatch(/档案完整度 \d+%/);
    // Clicking the map sets the site's coordinates (with JavaScript, once the page is hydrated).
    await page.waitForLoadState("networkidle");
    const before = await page.inputValue('input[name="site.0.lat"]');
    const map = page.locator('.pick-map [data-testid="supplier-map"]');
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width * 0.4, y: box.height * 0.45 } });
    const lat = Number(await page.inputValue('input[name="site.0.lat"]'));
    const lng = Number(await page.inputValue('input[name="site.0.lng"]'));
    expect(String(lat)).not.toBe(before);
    expect(lat).toBeGreaterThan(40.5);
    expect(lat).toBeLessThan(46.6);
    expect(lng).toBeGreaterThan(121.2);
    expect(lng).toBeLessThan(131.7);
    await page.fill('input[name="productsEn"]', "Body stampings");
    await page.click('[data-testid="profile-save"]');
    await page.waitForSelector('[data-testid="profile-saved"]');
    expect(Number(await page.inputValue('input[name="site.0.lat"]'))).toBeCloseTo(lat, 5);
    await page.screenshot({ path: `${ARTIFACTS}/profile.png`, fullPage: true });
  });
});
