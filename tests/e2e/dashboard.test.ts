import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { ARTIFACTS } from "../helpers/browser";
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
    await page.waitForSelector('[data-testid="account-link"]');
    await page.goto(`${demo.url}/dashboard?year=2025`);
    await page.waitForSelector('[data-testid="table-oems"]');
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
    // The map is its own SVG document: every plant, its circle, and the demo's 300 sites.
    await page.waitForSelector('[data-testid="dashboard-map"]');
    let mapFrame = page.frames().find((f) => f.url().includes("/dashboard/map.svg"));
    for (let i = 0; !mapFrame && i < 50; i++) {
      await page.waitForTimeout(100);
      mapFrame = page.frames().find((f) => f.url().includes("/dashboard/map.svg"));
    }
    await mapFrame!.waitForSelector("svg .map-points");
    expect(await mapFrame!.locator(".map-points circle").count()).toBe(300);
    expect(await mapFrame!.locator(".map-plants rect").count()).toBe(14);
    expect(await mapFrame!.locator(".map-circle.faint").count()).toBe(14);
    // Its styles travel with it: the sea is not black.
    expect(await mapFrame!.$eval(".map-sea", (el) => getComputedStyle(el).fill)).toBe("rgb(238, 243, 248)");
    await page.screenshot({ path: `${ARTIFACTS}/dashboard.png`, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-testid="xlsx-oems"]')]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.worksheets[0]!;
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
  });
});
