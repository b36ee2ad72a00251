import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { gcj02ToWgs84 } from "../../app/domain/datum";
import { createUser } from "../../app/features/accounts/organizations.server";
import { updatePlant } from "../../app/features/organizations/plants.server";
import { loadReferenceData, REFERENCE_DIR } from "../../db/reference.server";
import { actorOf } from "../helpers/actors";
import { langCookie } from "../../app/lib/lang.server";
import { serveApp, defaultSettings } from "../helpers/app";
import { ARTIFACTS, clickHeaderLink, launchBrowser } from "../helpers/browser";
import { testServices, type TestServices } from "../helpers/services";

// A deployment without demo data (PEITAO_SEED=none): the reference OEMs and plants only, and
// one administrator made on the command line. Everything else is done by clicking.
let s: TestServices;
let browser: Browser;
let app: Awaited<ReturnType<typeof serveApp>>;
const ADMIN = { email: "root@example.gov.cn", password: "浏览器管理员测试密码-2026" };

beforeAll(async () => {
  s = await testServices();
  await createUser({ db: s.db, search: s.search, ip: null }, null, {
    role: "admin",
    email: ADMIN.email,
    name: "省厅管理员",
    password: ADMIN.password,
    org: undefined,
  });
  app = await serveApp({ db: s.db, search: s.search, ...defaultSettings() });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

/** A page that records console errors and uncaught exceptions (each one fails the test). */
async function watchedPage(width = 1366, lang?: "zh" | "en"): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  if (lang) {
    const value = (await langCookie.serialize(lang)).split(";")[0]!.slice("lang=".length);
    await context.addCookies([{ name: "lang", value, url: app.url }]);
  }
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    // The app has no favicon (a 404 on every first page, not this page's doing).
    if (m.type() === "error" && !m.location().url.endsWith("/favicon.ico"))
      problems.push(`${m.text()} ${m.location().url}`);
  });
  page.on("pageerror", (e) => problems.push(e.message));
  return { page, problems };
}

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${app.url}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await page.click('button[type="submit"].primary');
  await page.waitForSelector('[data-testid="account-link"]', { state: "attached" });
}

describe("administrators manage OEMs and plants in the browser", () => {
  it("creates an OEM, adds a plant (GCJ-02 from a web map), moves it and assigns the first admin, all by clicking", async () => {
    const { page, problems } = await watchedPage();
    await signIn(page, ADMIN.email, ADMIN.password);
    await clickHeaderLink(page, 'nav[aria-label="main"] a[href="/admin/organizations"]');
    await page.waitForURL(`${app.url}/admin/organizations`);
    // The reference OEMs are there without any seed.
    // (polled: under load the table may render a moment after the address changes)
    await expect.poll(() => page.locator('[data-testid="oem-table"] tbody tr').count()).toBe(11);
    expect(await page.textContent('[data-testid="oem-FAW"]')).toContain("中国第一汽车集团有限公司");

    await page.fill('input[name="nameZh"]', "吉林浏览器测试汽车有限公司");
    await page.fill('input[name="nameEn"]', "Jilin Browser Motors Co., Ltd.");
    await page.click('button[type="submit"].primary');
    await page.waitForURL(`${app.url}/admin/organizations/JBM?created=1`);
    expect(await page.textContent('[data-testid="admin-notice"]')).toContain("已创建整车企业 JBM");
    expect(await page.textContent("h1")).toContain("吉林浏览器测试汽车有限公司");

    // A plant, with the coordinates AMap shows (GCJ-02).
    const form = page.locator('[data-testid="add-plant-form"]');
    await form.locator('input[name="code"]').fill("jbm01");
    await form.locator('input[name="nameZh"]').fill("浏览器测试总装厂");
    await form.locator('input[name="nameEn"]').fill("Browser test assembly plant");
    await form.locator('select[name="adcode"]').selectOption("220106");
    await form.locator('input[name="precisionKm"]').fill("2");
    await form.locator('input[name="lat"]').fill("43.8201");
    await form.locator('input[name="lng"]').fill("125.2212");
    await form.locator('select[name="datum"]').selectOption("gcj02");
    await form.locator('button[type="submit"]').click();
    await page.waitForSelector('[data-testid="admin-notice"]:has-text("已添加工厂 JBM01")');
    const row = await page.textContent('[data-testid="plant-JBM01"]');
    const wgs = gcj02ToWgs84({ lat: 43.8201, lng: 125.2212 });
    expect(row).toContain("浏览器测试总装厂");
    expect(row).toContain(wgs.lat.toFixed(5));
    expect(row).toContain("运营中");
    const stored = await s.db.selectFrom("plants").selectAll().where("code", "=", "JBM01").executeTakeFirstOrThrow();
    expect(stored.lat).toBeCloseTo(wgs.lat, 6);

    // Move it: open its form, type new WGS-84 coordinates.
    await page.click('[data-testid="edit-JBM01"] summary');
    const edit = page.locator('[data-testid="edit-JBM01"] form').first();
    await edit.locator('input[name="lat"]').fill("43.83");
    await edit.locator('input[name="lng"]').fill("125.24");
    await edit.locator('button[type="submit"]').click();
    await page.waitForSelector('[data-testid="admin-notice"]:has-text("已迁移工厂 JBM01")');
    await expect.poll(() => page.textContent('[data-testid="plant-JBM01"]')).toContain("43.83000, 125.24000");

    // A refused value is a field error next to the field, and nothing changes.
    await page.click('[data-testid="edit-JBM01"] summary');
    await edit.locator('input[name="precisionKm"]').fill("0");
    await edit.locator('button[type="submit"]').click();
    await page.waitForSelector("#plant-JBM01-precisionKm-error");
    expect(await page.textContent("#plant-JBM01-precisionKm-error")).toContain("0 到 100");
    // That refusal is the one 400 the browser reports; anything else would be a problem.
    expect(problems.splice(0).map((p) => /status of 400 .*admin\/organizations\/JBM/.test(p))).toEqual([true]);

    // The first admin, by e-mail.
    await page.fill('input[name="name"]', "赵经理");
    await page.fill('input[name="email"]', "zhao@jbm.example.com");
    await page.fill('input[name="password"]', "整车管理员浏览器密码-2026");
    await page.click('button:has-text("创建管理员账号")');
    await page.waitForSelector('[data-testid="admin-notice"]:has-text("已创建管理员 zhao@jbm.example.com")');
    expect(await page.textContent('[data-testid="member-table"]')).toContain("zhao@jbm.example.com");
    await page.click('button:has-text("生成管理员邀请链接")');
    await page.waitForSelector('[data-testid="invite-url"]');
    expect(await page.textContent('[data-testid="invite-url"]')).toMatch(/\/invite\/[a-z2-9]{48}/);
    await page.screenshot({ path: `${ARTIFACTS}/admin-new-oem-zh-1366.png`, fullPage: true });

    // No id was shown anywhere on these pages.
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
    expect(await page.content()).not.toMatch(uuid);
    await page.goto(`${app.url}/admin/organizations`);
    expect(await page.content()).not.toMatch(uuid);
    expect(await page.textContent('[data-testid="oem-JBM"]')).toContain("1");

    // The new admin signs in and posts demands at the new plant.
    const other = await watchedPage();
    await signIn(other.page, "zhao@jbm.example.com", "整车管理员浏览器密码-2026");
    await other.page.goto(`${app.url}/plants`);
    expect(await other.page.textContent('[data-testid="plant-JBM01"]')).toContain("浏览器测试总装厂");
    expect(problems).toEqual([]);
    expect(other.problems).toEqual([]);
  });

  it("lists where a newer reference version differs from an administrator's move", async () => {
    // The administrator moved OEM02; a newer reference moves it elsewhere.
    const admin = await actorOf(s.db, ADMIN.email);
    const oem02 = await s.db.selectFrom("plants").selectAll().where("code", "=", "OEM02").executeTakeFirstOrThrow();
    await updatePlant({ db: s.db, ip: null }, admin, {
      plant: "OEM02",
      nameZh: oem02.name_zh,
      nameEn: oem02.name_en,
      lat: 43.815,
      lng: 125.22,
      datum: "wgs84",
      adcode: 220106,
      precisionKm: 1,
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "peitao-ref-e2e-"));
    fs.cpSync(fileURLToPath(REFERENCE_DIR), dir, { recursive: true });
    const file = path.join(dir, "oem_plants.csv");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(",43.81,125.215,", ",43.812,125.216,"));
    expect((await loadReferenceData(s.db, { dir: pathToFileURL(`${dir}/`) })).differences).toBe(1);
    fs.rmSync(dir, { recursive: true, force: true });

    const { page, problems } = await watchedPage();
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto(`${app.url}/admin/organizations`);
    await page.click('[data-testid="reference-differences"] a');
    await page.waitForURL(`${app.url}/admin/reference`);
    const row = await page.textContent('[data-testid="difference-row"]');
    expect(row).toContain("OEM02");
    expect(row).toContain("43.81500, 125.22000");
    expect(row).toContain("43.81200, 125.21600");
    expect(problems).toEqual([]);
  });

  it("shows the OEM pages at 1366 and 390 px, in Chinese and English, without console errors", async () => {
    for (const lang of ["zh", "en"] as const) {
      for (const width of [1366, 390]) {
        const { page, problems } = await watchedPage(width, lang);
        await signIn(page, ADMIN.email, ADMIN.password);
        for (const [name, path] of [
          ["list", "/admin/organizations"],
          ["oem", "/admin/organizations/FAW"],
          ["reference", "/admin/reference"],
        ] as const) {
          await page.goto(`${app.url}${path}`);
          await page.waitForSelector("h1");
          const h1 = await page.textContent("h1");
          expect(h1).toMatch(lang === "zh" ? /[\u4e00-\u9fff]/ : /[A-Za-z]/);
          // Nothing of the page wider than the window (tables scroll inside their own box).
          const wide = await page.evaluate(() =>
            [...document.querySelectorAll("main *")]
              .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest(".table-scroll"))
              .map((el) => `${el.tagName}.${el.className}`)
              .slice(0, 5),
          );
          expect(wide, `${path} ${lang} ${width}`).toEqual([]);
          await page.screenshot({ path: `${ARTIFACTS}/admin-${name}-${lang}-${width}.png`, fullPage: true });
        }
        expect(problems).toEqual([]);
        await page.context().close();
      }
    }
  });

  it("keeps the administrator's value by clicking, and the difference is gone", async () => {
    const { page, problems } = await watchedPage();
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto(`${app.url}/admin/reference`);
    await page.click('[data-testid="difference-row"] button:has-text("保留当前值")');
    await page.waitForSelector('[data-testid="no-differences"]');
    const oem02 = await s.db.selectFrom("plants").selectAll().where("code", "=", "OEM02").executeTakeFirstOrThrow();
    expect(oem02).toMatchObject({ lat: 43.815, lng: 125.22 });
    expect(problems).toEqual([]);
  });
});
