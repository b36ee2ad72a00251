import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { ARTIFACTS, clickHeaderLink } from "../helpers/browser";
import { demoApp, type DemoApp } from "../helpers/demo";

let demo: DemoApp;

beforeAll(async () => {
  demo = await demoApp({ browser: true });
});

describe("officials' dashboard in a browser", () => {
  it("shows the rates per OEM and downloads an XLSX whose figures equal the page's", async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 1000 }, acceptDownloads: true });
    const page = await context.newPage();
    // The route module must load in the browser: no error at its top level, and hydration.
    const pageErrors: string[] = [];
    page.on("pageerror", (err) => pageErrors.push(err.message));
    await page.goto(`${demo.url}/login`);
    await page.fill('input[name="email"]', "official@demo.peitao.example");
    await page.fill('input[name="password"]', DEMO_PASSWORD);
    await page.click('button[type="submit"].primary');
    await page.waitForSelector('[data-testid="account-link"]', { state: "attached" });
    // Clicked, as a user does: the header's link, then the year from the ledger's years.
    await page.click('header a[href="/dashboard"]');
    await page.waitForSelector('[data-testid="table-oems"]');
    expect(await page.$$eval('[data-testid="year-select"] option', (os) => os.map((o) => o.textContent))).toEqual([
      "2026（1–3季度）",
      "2025",
      "2024",
      "2023",
    ]);
    expect(await page.textContent('[data-testid="partial-notice"]')).toBe(
      "2026年数据截至第3季度（不完整年度），同比按2025年1–3季度比较。",
    );
    await page.selectOption('[data-testid="year-select"]', "2025");
    await page.click("form.filters button.primary");
    await page.waitForURL(/year=2025/);
    // The address moves before React draws the chosen year: wait for the partial year's notice to go.
    await page.waitForSelector('[data-testid="partial-notice"]', { state: "detached" });
    await page.waitForSelector('[data-testid="table-oems"]');
    expect(await page.locator('[data-testid="partial-notice"]').count()).toBe(0);
    expect(await page.textContent('[data-testid="kpi-rate"]')).toMatch(/\d+\.\d%/);
    expect(await page.locator('[data-testid="trend-chart"] svg').count()).toBe(1);
    // Hydrated: ECharts took over the server-rendered chart (it marks its container).
    await page.waitForSelector('[data-testid="trend-chart"][_echarts_instance_]', { timeout: 15_000 });
    expect(pageErrors).toEqual([]);
    expect(await page.title()).toBe("本地配套率监测 · 配套 Peitao");
    const pageRows = await page.$$eval('[data-testid="table-oems"] tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll("td")).map((td) => td.getAttribute("data-value") ?? "")),
    );
    expect(pageRows.length).toBeGreaterThan(5);
    expect(pageRows[0]![0]).toBe("全省合计");
    // The map: the server's SVG first (its own document, not in the page), then ECharts with
    // every plant, its circle, and the demo's 300 sites.
    await page.waitForSelector(
      '[data-testid="dashboard-map"] img[src^="/dashboard/map.svg"], [data-testid="dashboard-map"][data-interactive="1"]',
    );
    await page.waitForSelector('[data-testid="dashboard-map"][data-interactive="1"] svg', { timeout: 20_000 });
    expect(await page.getAttribute('[data-testid="dashboard-map"]', "data-points")).toBe("300");
    expect(await page.getAttribute('[data-testid="dashboard-map"]', "data-plants")).toBe("14");
    expect(await page.getAttribute('[data-testid="dashboard-map"]', "data-circles")).toBe("14");
    const mapSvg = await (await page.request.get(`${demo.url}/dashboard/map.svg`)).text();
    expect(mapSvg).toMatch(/^<\?xml[^>]*>\s*<svg[^>]*viewBox/);
    await page.screenshot({ path: `${ARTIFACTS}/dashboard.png`, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="xlsx-oems"]')]);
    expect(download.suggestedFilename()).toMatch(/^本地配套率_按主机厂_省内口径_2025_\d{8}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    // The first sheet says what the file is; the table follows, its first row the 全省合计.
    expect(workbook.worksheets[0]!.getRow(3).values).toEqual([undefined, "年份", "2025"]);
    const sheet = workbook.worksheets[1]!;
    const xlsxRows: string[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1)
        xlsxRows.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? "" : String(v))));
    });
    expect((sheet.getRow(1).values as unknown[]).slice(1)[0]).toBe("整车企业");
    const norm = (rows: string[][]) =>
      rows.map((r) => r.map((v) => (v !== "" && !Number.isNaN(Number(v)) ? Number(v) : v)));
    expect(norm(xlsxRows)).toEqual(norm(pageRows));

    // The CSV opens in Excel: a BOM and Chinese headers.
    const csv = await page.evaluate(async (url) => {
      const res = await fetch(url);
      return new Uint8Array(await res.arrayBuffer()).slice(0, 3).join(",");
    }, `${demo.url}/dashboard/export.csv?table=oems&year=2025&basis=province`);
    expect(csv).toBe("239,187,191");

    // Drill-down by clicks: OEM → plant → category → suppliers and entries, keeping the year.
    for (const id of ["oems", "plants", "categories"]) {
      await page.waitForSelector(`[data-testid="table-${id}"]`);
      await page.click(`[data-testid="table-${id}"] tbody tr:nth-child(2) td:first-child a`);
    }
    await page.waitForSelector('[data-testid="table-suppliers"]');
    await page.waitForSelector('[data-testid="table-entries"]');
    expect(page.url()).toMatch(/year=2025&basis=province&oem=[^&]+&plant=[^&]+&category=[A-Z]\d\d$/);
    expect((await page.textContent('[data-testid="crumbs"]'))!.split(" › ")).toHaveLength(4);
    expect(await page.locator('[data-testid="table-entries"] tbody tr').count()).toBeGreaterThan(0);
    // The money cells show 万元 and carry the exact yuan as a tooltip.
    const amount = page.locator('[data-testid="table-entries"] tbody tr:first-child td:nth-child(6)');
    expect(await amount.getAttribute("title")).toMatch(/^[\d,]+\.\d\d 元$/);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});

describe("the dashboard for each role, language and width", () => {
  it("has no console errors, no page-wide scroll, and a wide table that scrolls inside with its first column held", async () => {
    for (const role of ["official", "oem-admin", "admin"]) {
      const context = await demo.browser.newContext({ viewport: { width: 1366, height: 900 } });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
      page.on("console", (m) => {
        if (m.type() === "error" || /hydrat/i.test(m.text())) problems.push(`console: ${m.text()}`);
      });
      page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
      await page.goto(`${demo.url}/login`);
      await page.fill('input[name="email"]', `${role}@demo.peitao.example`);
      await page.fill('input[name="password"]', DEMO_PASSWORD);
      await page.click('button[type="submit"].primary');
      await page.waitForSelector('[data-testid="account-link"]', { state: "attached" });
      await page.click('header a[href="/dashboard"]');
      for (const lang of ["zh", "en"]) {
        if (lang === "en") {
          await page.setViewportSize({ width: 1366, height: 900 });
          await clickHeaderLink(page, '[data-testid="lang-switch"]');
          await page.waitForSelector('html[lang="en"]');
        }
        for (const width of [1366, 390]) {
          await page.setViewportSize({ width, height: 900 });
          if (width === 390) await page.reload();
          const wide = "oems";
          await page.waitForSelector(`[data-testid="table-${wide}"]`);
          await page.waitForSelector('[data-testid="trend-chart"][_echarts_instance_]', { timeout: 15_000 });
          const where = `${role} ${lang} ${width}`;
          expect(await page.evaluate(() => document.documentElement.scrollWidth), where).toBeLessThanOrEqual(width);
          // Scroll the drill-down table to its end: the 尚需 columns come into view, the first column stays.
          const scroller = page.locator(`.dash-scroll:has([data-testid="table-${wide}"])`);
          await scroller.evaluate((el) => (el.scrollLeft = el.scrollWidth));
          const box = (await scroller.boundingBox())!;
          const last = (await page.locator(`[data-testid="table-${wide}"] thead th:last-child`).boundingBox())!;
          expect(last.x + last.width, where).toBeLessThanOrEqual(box.x + box.width + 1);
          const first = (await page
            .locator(`[data-testid="table-${wide}"] tbody td:first-child`)
            .first()
            .boundingBox())!;
          expect(Math.abs(first.x - box.x), where).toBeLessThan(2);
          await scroller.evaluate((el) => (el.scrollLeft = 0));
          await page.screenshot({ path: `${ARTIFACTS}/dashboard-${role}-${lang}-${width}.png`, fullPage: true });
        }
      }
      expect(problems).toEqual([]);
      await context.close();
    }
  });
});
