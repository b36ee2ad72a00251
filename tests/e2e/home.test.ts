import { beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, clickHeaderLink } from "../helpers/browser";
import { EVERY_ROLE, openSession, signIn } from "../helpers/click-through";
import { demoApp, type DemoApp } from "../helpers/demo";

let demo: DemoApp;

beforeAll(async () => {
  demo = await demoApp({ browser: true });
});

describe("home page in a browser", () => {
  it("shows live counts in Chinese first, switches to English, and keeps the choice", async () => {
    const page = await demo.browser.newPage();
    await page.goto(demo.url);
    expect(await page.getAttribute("html", "lang")).toBe("zh-CN");
    await expect.poll(() => page.textContent("h1")).toBe("吉林汽车产业本地配套平台");
    expect(await page.textContent('[data-testid="count-suppliers"] dd')).toBe("300");
    expect(await page.textContent('[data-testid="count-plants"] dd')).toBe("14");
    expect(await page.textContent('[data-testid="count-indexed"] dd')).toBe("300");
    await page.screenshot({ path: `${ARTIFACTS}/home-zh.png`, fullPage: true });

    await clickHeaderLink(page, '[data-testid="lang-switch"]');
    await page.waitForURL(`${demo.url}/`);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.textContent("h1")).toBe("Local supply matching for the Jilin automotive cluster");
    await page.screenshot({ path: `${ARTIFACTS}/home-en.png`, fullPage: true });

    // The choice persists across pages and reloads.
    await page.goto(`${demo.url}/plants`);
    expect(await page.textContent("h1")).toBe("OEM plants and their 100 km supply circles");
    expect(await page.locator("tbody tr").count()).toBe(14);
  });

  it("loads without a console error or a failed request (the browser asks for an icon too)", async () => {
    const page = await demo.browser.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console: ${m.text()}`);
    });
    page.on("response", (r) => {
      if (r.status() >= 400) problems.push(`${r.status()} ${r.url()}`);
    });
    await page.goto(demo.url, { waitUntil: "networkidle" });
    expect(await page.getAttribute('link[rel="icon"]', "href")).toBe("/favicon.svg");
    expect(problems).toEqual([]);
  });

  it("asks visitors to sign up, and nobody signed in (/signup would only send them back)", async () => {
    const page = await demo.browser.newPage();
    await page.goto(demo.url);
    expect(
      await page.isVisible('[data-testid="audience-suppliers"] a[href="/signup"]'),
      "a visitor's sign-up link",
    ).toBe(true);
    await page.close();
    for (const who of EVERY_ROLE) {
      const s = await openSession(demo.browser, demo.url, { width: 1366, height: 900 });
      try {
        await signIn(s, demo.url, who, "zh");
        await s.page.goto(demo.url);
        await s.page.locator('[data-testid="audience-suppliers"]').waitFor();
        expect(await s.page.locator('a[href="/signup"]').count(), `sign-up links shown to ${who}`).toBe(0);
      } finally {
        await s.context.close();
      }
    }
  }, 60_000);

  it("finds a supplier from the directory and shows a friendly 404", async () => {
    const page = await demo.browser.newPage();
    await page.goto(`${demo.url}/suppliers`);
    await page.fill('input[name="q"]', "changchun");
    await page.press('input[name="q"]', "Enter");
    await page.waitForURL(/q=changchun/);
    await page.locator('[data-testid="supplier-hit"]').first().waitFor();
    expect(await page.locator('[data-testid="supplier-hit"]').count()).toBeGreaterThan(0);
    const res = await page.goto(`${demo.url}/no-such-page`);
    expect(res?.status()).toBe(404);
    expect(await page.textContent("h1")).toBe("页面不存在");
  });
});
