import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "@remix-run/node";
import { sql } from "kysely";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORT_COLUMNS } from "../../app/domain/supplier-import";
import { PROCUREMENT_COLUMNS, type ProcurementRecord } from "../../app/domain/procurement-import";
import { createApiToken } from "../../db/api-tokens.server";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { findUserByEmail } from "../../db/users.server";
import { createApp } from "../../server/app";
import { defaultSettings, until } from "../helpers/app";
import { ARTIFACTS, clickHeaderLink } from "../helpers/browser";
import { demoApp, type DemoApp } from "../helpers/demo";
import { HttpClient } from "../helpers/http";

// Issue 13, finding 16: no Content-Security-Policy, no HSTS when served over TLS, and raw
// PostgreSQL error text in import reports. Now every response carries a CSP whose scripts
// need this response's nonce; HSTS is sent exactly when the request came over TLS (directly
// or through a proxy TRUST_PROXY believes); a row the database refuses is reported with a
// message from the catalogue. The browser check signs in as each role and opens their pages:
// no CSP violation, no page error, the charts and the map still work.

let demo: DemoApp;

beforeAll(async () => {
  demo = await demoApp({ browser: true });
}, 180_000);

const directives = (csp: string) =>
  new Map(
    csp.split(";").map((d) => {
      const [name = "", ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

async function signedIn(email: string) {
  const c = new HttpClient(demo.url);
  expect((await c.post("/login", { email, password: DEMO_PASSWORD })).status).toBe(302);
  return c;
}

describe("Content-Security-Policy", () => {
  it("every page carries one with a fresh nonce, which every inline script of the page bears", async () => {
    const official = await signedIn("official@demo.peitao.example");
    const nonces = new Set<string>();
    for (const [client, path] of [
      [new HttpClient(demo.url), "/"],
      [new HttpClient(demo.url), "/login"],
      [official, "/dashboard"],
      [official, "/suppliers"],
      [official, "/verification"],
    ] as const) {
      const res = await client.get(path);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get("content-security-policy") ?? "";
      const d = directives(csp);
      expect(d.get("frame-ancestors"), path).toEqual(["'self'"]);
      expect(d.get("object-src"), path).toEqual(["'none'"]);
      expect(d.get("base-uri"), path).toEqual(["'self'"]);
      expect(d.get("form-action"), path).toEqual(["'self'"]);
      const scriptSrc = d.get("script-src") ?? [];
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc).not.toContain("'unsafe-eval'");
      const nonce = scriptSrc.find((v) => v.startsWith("'nonce-"))?.slice(7, -1);
      expect(nonce, path).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      nonces.add(nonce!);
      const html = await res.text();
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!);
      expect(scripts.length, path).toBeGreaterThan(0);
      for (const attrs of scripts) {
        // External scripts come from the app itself; inline ones carry the nonce.
        if (/\bsrc=/.test(attrs)) expect(attrs).toMatch(/src="\/build\//);
        else expect(attrs, path).toContain(`nonce="${nonce}"`);
      }
      // No inline event handlers in the markup (React attaches its handlers from script).
      expect(html, path).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
    }
    expect(nonces.size).toBe(5);
  });

  it("covers the other answers too: the map document, JSON, the health check, static files", async () => {
    const official = await signedIn("official@demo.peitao.example");
    for (const res of [
      await official.get("/dashboard/map.svg?lang=zh"),
      await official.get("/dashboard?_data=routes%2Fdashboard._index"),
      await fetch(`${demo.url}/healthz`),
      await fetch(`${demo.url}/favicon.svg`),
    ]) {
      expect(res.headers.get("content-security-policy")).toMatch(/frame-ancestors 'self'/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });
});

describe("Strict-Transport-Security", () => {
  const build = async () => (await import(pathToFileURL(path.resolve("build/index.js")).href)) as ServerBuild;
  const context = () => ({ db: demo.db, search: demo.search, ...defaultSettings() });
  const servers: Server[] = [];
  afterAll(() => {
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
  });

  const serve = async (trustProxy: boolean | string) => {
    const app = createApp(await build(), { ...context(), trustProxy });
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    servers.push(server);
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  const hsts = async (url: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`${url}/login`, { headers });
    expect(res.status).toBe(200);
    return res.headers.get("strict-transport-security");
  };

  it("is sent when a proxy TRUST_PROXY believes says the request came over TLS, and never over plain HTTP", async () => {
    const https = { "x-forwarded-proto": "https" };
    // The default (TRUST_PROXY unset): no proxy is believed, whoever claims TLS.
    expect(await hsts(demo.url)).toBeNull();
    expect(await hsts(demo.url, https)).toBeNull();
    const behindProxy = await serve("loopback");
    expect(await hsts(behindProxy)).toBeNull();
    expect(await hsts(behindProxy, https)).toBe("max-age=31536000; includeSubDomains");
    // A proxy elsewhere is not believed.
    expect(await hsts(await serve("10.0.0.0/8"), https)).toBeNull();
  });

  it("is sent when Peitao itself serves TLS", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "peitao-tls-"));
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=127.0.0.1",
        "-days",
        "1",
        "-keyout",
        path.join(dir, "key.pem"),
        "-out",
        path.join(dir, "cert.pem"),
      ],
      { stdio: "ignore" },
    );
    const app = createApp(await build(), { ...context(), trustProxy: false });
    const server = https.createServer(
      { key: fs.readFileSync(path.join(dir, "key.pem")), cert: fs.readFileSync(path.join(dir, "cert.pem")) },
      app,
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server as unknown as Server);
    const { port } = server.address() as AddressInfo;
    const headers = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
      https
        .get({ host: "127.0.0.1", port, path: "/login", rejectUnauthorized: false }, (res) => {
          res.resume();
          resolve(res.headers);
        })
        .on("error", reject);
    });
    expect(headers["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe("database errors in import reports", () => {
  // A row the database refuses, by a trigger that raises with text such as PostgreSQL's own
  // (naming a table, a constraint and a value): the report must not repeat it.
  const RAW = "PGRAW new row for relation ledger_entries violates check constraint secret_check";

  afterAll(async () => {
    await sql`drop trigger if exists peitao_test_refuse_row on ledger_entries`.execute(demo.db);
    await sql`drop trigger if exists peitao_test_refuse_org on organizations`.execute(demo.db);
  });

  it("a procurement row the database refuses is reported in the catalogue's words; the other rows land", async () => {
    await sql`create or replace function peitao_test_refuse_row() returns trigger language plpgsql as $$
      begin raise exception using message = ${sql.lit(RAW)}, errcode = '22003'; end $$`.execute(demo.db);
    await sql`create trigger peitao_test_refuse_row before insert on ledger_entries for each row
      when (new.document_no = 'FAULT-1') execute function peitao_test_refuse_row()`.execute(demo.db);
    const oem = (await findUserByEmail(demo.db, "oem-admin@demo.peitao.example"))!;
    const token = (await createApiToken(demo.db, oem.organization_id, "SRM", oem.id)).token;
    const rec = (documentNo: string): ProcurementRecord => ({
      documentNo,
      year: "2039",
      plant: "OEM05",
      category: "A02",
      amount: "1000.00",
      supplierName: "上海某公司",
      province: "上海",
    });
    const csv = [
      PROCUREMENT_COLUMNS.map((c) => c.zh).join(","),
      ...[rec("OK-1"), rec("FAULT-1"), rec("OK-2")].map((r) =>
        PROCUREMENT_COLUMNS.map((c) => r[c.key] ?? "").join(","),
      ),
    ].join("\r\n");
    const res = await fetch(`${demo.url}/api/v1/ledger/imports`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" },
      body: csv,
    });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain("PGRAW");
    expect(text).not.toContain("secret_check");
    expect(JSON.parse(text)).toMatchObject({
      inserted: 2,
      rejected: 1,
      report: [
        {
          row: 3,
          reasons: [
            "数据库未能写入该行：数值超出可保存的范围 the database did not store this row: a value is out of the range that can be stored",
          ],
        },
      ],
    });
  });

  it("a supplier row the database refuses shows on the import's page in the catalogue's words", async () => {
    await sql`create or replace function peitao_test_refuse_org() returns trigger language plpgsql as $$
      begin raise exception using message = ${sql.lit(RAW)}, errcode = '23514'; end $$`.execute(demo.db);
    await sql`create trigger peitao_test_refuse_org before insert on organizations for each row
      when (new.name_zh = '故障注入测试有限公司') execute function peitao_test_refuse_org()`.execute(demo.db);
    const official = await signedIn("official@demo.peitao.example");
    const header = (key: string) => IMPORT_COLUMNS.find((c) => c.key === key)!.zh;
    const csv = [
      ["nameZh", "county", "categories"].map(header).join(","),
      "故障注入测试有限公司,220106,D01",
      "正常导入测试有限公司,220106,D01",
    ].join("\r\n");
    const form = new FormData();
    form.append("file", new Blob([csv], { type: "text/csv" }), "suppliers.csv");
    const res = await fetch(`${demo.url}/imports`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: official.cookie, origin: demo.url },
      body: form,
    });
    expect(res.status).toBe(302);
    const jobPath = res.headers.get("location")!;
    const jobId = jobPath.split("/").pop()!;
    await until(
      async () => {
        const job = await demo.db
          .selectFrom("supplier_imports")
          .select("status")
          .where("id", "=", jobId)
          .executeTakeFirst();
        return job?.status === "done";
      },
      30_000,
      "the import job",
    );
    const page = (await (await official.get(jobPath)).text()).replace(/<!-- -->/g, "");
    expect(page).not.toContain("PGRAW");
    expect(page).not.toContain("secret_check");
    expect(page).toContain("写入失败：不符合数据规则");
  });
});

describe("pages in a browser under the policy", () => {
  /** Every CSP violation and page error a page reports while it is open. */
  async function watched(email: string | null, lang: "zh" | "en", width: number) {
    const context = await demo.browser.newContext({ viewport: { width, height: 900 } });
    await context.addInitScript(() => {
      const w = window as unknown as { __csp: string[] };
      w.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) =>
        w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
      );
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || /Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    if (lang === "en") {
      await page.goto(`${demo.url}/`);
      await clickHeaderLink(page, '[data-testid="lang-switch"]');
      await page.waitForLoadState("load");
    }
    if (email) {
      await page.goto(`${demo.url}/login`);
      await page.fill('input[name="email"]', email);
      await page.fill('input[name="password"]', DEMO_PASSWORD);
      await page.click('button[type="submit"].primary');
      await page.waitForSelector('[data-testid="account-link"]', { state: "attached" });
    }
    const violations = async (p: Page = page) =>
      [...problems, ...(await p.evaluate(() => (window as unknown as { __csp: string[] }).__csp))].filter(
        // Chromium reports a favicon or aborted request as an error only when offline; none here.
        (x) => x.length > 0,
      );
    return { context, page, violations };
  }

  it("each role's pages run with no violation: hydration, charts, the map, client navigation", async () => {
    const demandId = (
      await demo.db.selectFrom("demands").select("id").where("status", "=", "open").executeTakeFirstOrThrow()
    ).id;
    const tours: [string | null, string[]][] = [
      [null, ["/", "/login", "/signup", "/suppliers", "/plants"]],
      ["official@demo.peitao.example", ["/dashboard", "/verification", "/imports", "/audit"]],
      ["oem-admin@demo.peitao.example", ["/demands", `/demands/${demandId}`, "/ledger", "/org/members"]],
      ["supplier-admin@demo.peitao.example", ["/profile", "/opportunities", "/notifications"]],
    ];
    for (const [email, paths] of tours) {
      const { context, page, violations } = await watched(email, "zh", 1366);
      for (const p of paths) {
        const res = await page.goto(`${demo.url}${p}`);
        expect(res?.status(), p).toBe(200);
        expect(res?.headers()["content-security-policy"], p).toMatch(/script-src 'self' 'nonce-/);
        await page.waitForLoadState("networkidle");
        expect(await violations(), `${email ?? "anonymous"} ${p}`).toEqual([]);
      }
      await context.close();
    }
  });

  it("the dashboard hydrates its charts and its map, in both languages and widths", async () => {
    for (const [lang, width] of [
      ["zh", 1366],
      ["en", 390],
    ] as const) {
      const { context, page, violations } = await watched("official@demo.peitao.example", lang, width);
      await page.goto(`${demo.url}/dashboard?year=2025`);
      await page.waitForSelector('[data-testid="trend-chart"][_echarts_instance_]', { timeout: 15_000 });
      // The map: the server's SVG as an image first, then ECharts draws every site under the policy.
      await page.waitForSelector('[data-testid="dashboard-map"][data-interactive="1"] svg', { timeout: 20_000 });
      expect(Number(await page.getAttribute('[data-testid="dashboard-map"]', "data-points"))).toBeGreaterThanOrEqual(
        300,
      ); // the demo, and the imports above
      // ECharts' tooltip (inline styles) on hover.
      const box = (await page.locator('[data-testid="trend-chart"]').boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      // Client-side navigation runs the app's scripts.
      await clickHeaderLink(page, 'nav[aria-label="main"] a[href="/suppliers"]');
      await page.waitForURL(/\/suppliers$/);
      await page.goBack();
      await page.waitForSelector('[data-testid="table-oems"]');
      await page.screenshot({ path: `${ARTIFACTS}/csp-dashboard-${lang}-${width}.png`, fullPage: true });
      expect(await violations(), `${lang} ${width}`).toEqual([]);
      await context.close();
    }
  });

  it("refuses a script or an inline handler injected into a page", async () => {
    const { context, page } = await watched(null, "zh", 1366);
    await page.goto(`${demo.url}/`);
    const ran = await page.evaluate(async () => {
      const w = window as unknown as { __csp: string[]; __injected?: boolean };
      const s = document.createElement("script");
      s.textContent = "window.__injected = true";
      document.body.appendChild(s);
      const div = document.createElement("div");
      div.innerHTML = '<img src="/favicon.svg" onload="window.__injected = true">';
      document.body.appendChild(div);
      await new Promise((r) => setTimeout(r, 300));
      return { injected: w.__injected ?? false, violations: w.__csp.length };
    });
    expect(ran.injected).toBe(false);
    expect(ran.violations).toBeGreaterThanOrEqual(2);
    await context.close();
  });
});
