import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { runSupplierImport, startSupplierImport } from "../../app/features/suppliers/import.server";
import { langCookie } from "../../app/lib/lang.server";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { actorOf } from "../helpers/actors";
import { until } from "../helpers/app";
import { ARTIFACTS } from "../helpers/browser";
import { demoApp, type DemoApp } from "../helpers/demo";

// What an imported list carries — coordinate precision and operating status — as a user
// reads it in a browser: on the supplier's page and in the directory, in both languages
// and at desktop and phone widths; and a supplier setting both on its own profile form.

let demo: DemoApp;
let buildingId: string;

beforeAll(async () => {
  demo = await demoApp({ browser: true });
  const official = await actorOf(demo.db, "official@demo.peitao.example");
  const records = [
    {
      row: 2,
      record: {
        externalId: "E2E-0001",
        nameZh: "长春北辰新能源电驱科技有限公司",
        prefecture: "长春市",
        status: "在建",
        categories: "A06",
        productsEn: "Traction motors",
        sourceUrls: "https://gxt.jl.gov.cn/peitao/list-2025.html",
      },
    },
  ];
  const { jobId } = await startSupplierImport({ db: demo.db, search: demo.search, ip: null }, official, {
    fileName: "e2e.csv",
    records,
  });
  const done = await runSupplierImport({ db: demo.db, search: demo.search, ip: null }, official, { jobId, records });
  expect(done.rejected).toBe(0);
  buildingId = (await demo.db
    .selectFrom("organizations")
    .select("id")
    .where("external_id", "=", "E2E-0001")
    .executeTakeFirstOrThrow())!.id;
  await until(async () => {
    const n = await demo.db
      .selectFrom("search_outbox")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("processed_at", "is", null)
      .executeTakeFirstOrThrow();
    return Number(n.n) === 0;
  });
});

/**
 * A page whose console errors and failed responses are collected. The browser's own
 * /favicon.ico request (the app serves none) is not the page's; a refused form answers 400
 * on purpose and is checked by the test that submits it.
 */
async function open(width: number, lang: "zh" | "en"): Promise<{ page: Page; errors: string[]; failed: string[] }> {
  const context = await demo.browser.newContext({ viewport: { width, height: 900 } });
  const [name, value] = (await langCookie.serialize(lang)).split(";")[0]!.split("=");
  await context.addCookies([{ name: name!, value: value!, url: demo.url }]);
  const page = await context.newPage();
  const errors: string[] = [];
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico"))
      failed.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  page.on("console", (m) => {
    if (m.type() === "error" && !/Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  page.on("pageerror", (e) => errors.push(String(e)));
  return { page, errors, failed };
}

describe("precision and status in a browser", () => {
  for (const lang of ["zh", "en"] as const)
    for (const width of [1366, 390])
      it(`shows them on the profile page and in the directory (${lang}, ${width} px)`, async () => {
        const { page, errors, failed } = await open(width, lang);
        await page.goto(`${demo.url}/suppliers/${buildingId}`);
        const site = page.locator('[data-testid="site"]').first();
        await expect
          .poll(() => site.locator('[data-testid="site-status"]').textContent())
          .toBe(lang === "zh" ? "在建" : "under construction");
        expect(await site.locator('[data-testid="site-precision"]').textContent()).toBe(
          lang === "zh" ? "地级市驻地 ±89 公里" : "prefecture seat ±89 km",
        );
        await page.screenshot({ path: `${ARTIFACTS}/supplier-precision-${lang}-${width}.png`, fullPage: true });

        await page.goto(`${demo.url}/suppliers?q=${encodeURIComponent("北辰新能源")}`);
        const hit = page.locator('[data-testid="supplier-hit"]').first();
        expect(await hit.locator('[data-testid="hit-status"]').textContent()).toBe(
          lang === "zh" ? "在建" : "under construction",
        );
        expect(await hit.locator('[data-testid="hit-precision"]').textContent()).toContain(
          lang === "zh" ? "地级市驻地 ±89 公里" : "prefecture seat ±89 km",
        );
        await page.screenshot({ path: `${ARTIFACTS}/directory-precision-${lang}-${width}.png`, fullPage: true });
        expect(errors).toEqual([]);
        expect(failed).toEqual([]);
        await page.context().close();
      });

  it("lets a supplier set its site's status and precision on its own profile form", async () => {
    const { page, errors, failed } = await open(1366, "zh");
    await page.goto(`${demo.url}/login`);
    await page.fill('input[name="email"]', "supplier-admin@demo.peitao.example");
    await page.fill('input[name="password"]', DEMO_PASSWORD);
    await page.click('button[type="submit"].primary');
    await page.waitForSelector('[data-testid="account-link"]', { state: "attached" });
    await page.goto(`${demo.url}/profile`);
    await page.selectOption('[data-testid="site-0-status"]', "under_construction");
    await page.selectOption('[data-testid="site-0-precision"]', "zone");
    await page.fill('input[name="site.0.precisionKm"]', "");
    await page.click('[data-testid="profile-save"]');
    // A zone without its ± is refused, next to the field.
    await page.waitForSelector("#f-site\\.0\\.precisionKm-error");
    expect(await page.textContent("#f-site\\.0\\.precisionKm-error")).toBe("片区精度须填写误差半径（± 公里）。");
    await page.selectOption('[data-testid="site-0-status"]', "under_construction");
    await page.selectOption('[data-testid="site-0-precision"]', "zone");
    await page.fill('input[name="site.0.precisionKm"]', "8");
    const confirm = page.locator('input[name="confirmDuplicate"]');
    await page.click('[data-testid="profile-save"]');
    await page.waitForSelector('[data-testid="profile-saved"], [data-testid="duplicate-warning"]');
    if (await confirm.count()) {
      await confirm.check();
      await page.click('[data-testid="profile-save"]');
      await page.waitForSelector('[data-testid="profile-saved"]');
    }
    await page.screenshot({ path: `${ARTIFACTS}/profile-form-precision.png`, fullPage: true });
    const me = await actorOf(demo.db, "supplier-admin@demo.peitao.example");
    await page.goto(`${demo.url}/suppliers/${me.organizationId}`);
    const site = page.locator('[data-testid="site"]').first();
    expect(await site.locator('[data-testid="site-status"]').textContent()).toBe("在建");
    expect(await site.locator('[data-testid="site-precision"]').textContent()).toBe("片区 ±8 公里");
    expect(errors).toEqual([]);
    // The one refusal: the zone without its ± (the form posts through Remix's data request).
    expect(failed).toEqual([expect.stringMatching(/^400 POST \/profile/)]);
    await page.context().close();
  });
});
