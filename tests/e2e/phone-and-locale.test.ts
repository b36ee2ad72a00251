import type { BrowserContextOptions, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { langCookie } from "../../app/lib/lang.server";
import { createApiToken } from "../../app/features/accounts/tokens.server";
import { actorOf } from "../helpers/actors";
import { ARTIFACTS } from "../helpers/browser";
import { demoApp, type DemoApp } from "../helpers/demo";

/**
 * What an operator saw on a phone and on a browser set to another language: every page a
 * role uses fits a 390 px window (wide tables scroll inside their own box, forms wrap), and
 * dates and times are China's calendar day and clock, written the same way whatever the
 * browser's locale and time zone (no M/D/YYYY, no AM/PM, no hydration mismatch).
 */

let demo: DemoApp;
const ids = { supplier: "", demand: "" };

beforeAll(async () => {
  demo = await demoApp({ browser: true });
  const supplier = await demo.db
    .selectFrom("organizations")
    .select("id")
    .where("kind", "=", "supplier")
    .where("verification_status", "=", "verified")
    .orderBy("name_zh")
    .executeTakeFirstOrThrow();
  ids.supplier = supplier.id;
  const oemAdmin = await actorOf(demo.db, "oem-admin@demo.peitao.example");
  const demand = await demo.db
    .selectFrom("demands")
    .select("id")
    .where("oem_id", "=", oemAdmin.organizationId)
    .orderBy("created_at")
    .executeTakeFirstOrThrow();
  ids.demand = demand.id;
  // A token, so /org/tokens has a row with its dates.
  await createApiToken({ db: demo.db, search: demo.search, ip: null }, oemAdmin, { name: "SRM" });
}, 120_000);

type Who = "anon" | "supplier-admin" | "oem-admin" | "official" | "admin";

async function open(who: Who, lang: "zh" | "en", options: BrowserContextOptions) {
  const context = await demo.browser.newContext(options);
  const value = (await langCookie.serialize(lang)).split(";")[0]!.split("=")[1]!;
  await context.addCookies([{ name: "lang", value, url: demo.url }]);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    // A form refused with 400 is the browser's own report of the answer, not a page error.
    if (m.type() === "error") problems.push(`${m.text()} ${m.location().url}`);
  });
  page.on("pageerror", (e) => problems.push(e.message));
  if (who !== "anon") {
    await page.goto(`${demo.url}/login`);
    await page.fill('input[name="email"]', `${who}@demo.peitao.example`);
    await page.fill('input[name="password"]', DEMO_PASSWORD);
    await page.click('button[type="submit"].primary');
    await page.waitForSelector('[data-testid="account-link"]', { state: "attached" });
  }
  return { page, problems, close: () => context.close() };
}

/** Elements of the page that stick out of the window (not those inside a box that scrolls). */
function overflow(page: Page) {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    if (document.documentElement.scrollWidth <= vw + 1) return [];
    return [...document.querySelectorAll("body *")]
      .filter((el) => {
        if (el.getBoundingClientRect().right <= vw + 1) return false;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          const x = getComputedStyle(p).overflowX;
          if (x === "auto" || x === "scroll" || x === "hidden") return false;
        }
        return true;
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
      .slice(0, 4);
  });
}

const PAGES: Record<Who, () => string[]> = {
  anon: () => ["/", "/plants", "/suppliers", `/suppliers/${ids.supplier}`, "/signup"],
  "supplier-admin": () => ["/profile", "/opportunities", "/org/members", "/org/tokens", "/notifications"],
  "oem-admin": () => [
    "/demands",
    "/demands/new",
    `/demands/${ids.demand}`,
    "/ledger",
    "/dashboard",
    "/org/members",
    "/org/tokens",
    "/suppliers?plant=OEM05",
  ],
  official: () => ["/imports", "/verification", "/audit", "/dashboard", "/notifications"],
  admin: () => ["/admin/organizations", "/admin/organizations/FAW", "/audit"],
};

describe("pages on a phone", () => {
  for (const lang of ["zh", "en"] as const) {
    it(`every page a role uses fits 390 px (${lang})`, async () => {
      const wide: string[] = [];
      for (const who of Object.keys(PAGES) as Who[]) {
        const { page, problems, close } = await open(who, lang, { viewport: { width: 390, height: 844 } });
        for (const path of PAGES[who]()) {
          await page.goto(`${demo.url}${path}`);
          await page.waitForSelector("h1");
          const out = await overflow(page);
          if (out.length) {
            wide.push(`${who} ${path}: ${out.join(", ")}`);
            await page.screenshot({
              path: `${ARTIFACTS}/phone-${lang}-${who}${path.replace(/[/?=]/g, "_")}.png`,
              fullPage: true,
            });
          }
        }
        expect(problems, `${who} ${lang}`).toEqual([]);
        await close();
      }
      expect(wide).toEqual([]);
    }, 180_000);
  }
});

describe("the header on a laptop", () => {
  for (const lang of ["zh", "en"] as const) {
    it(`fits one row at 1366 px for every role, its sign-out on one line (${lang})`, async () => {
      const wide: string[] = [];
      for (const who of Object.keys(PAGES) as Who[]) {
        const { page, problems, close } = await open(who, lang, { viewport: { width: 1366, height: 900 } });
        await page.goto(`${demo.url}/suppliers`);
        await page.waitForSelector("h1");
        const out = await overflow(page);
        if (out.length) wide.push(`${who}: ${out.join(", ")}`);
        // The button's text in one line box: a wrapped "Sign out" is two.
        const lines = await page.evaluate(() => {
          const b = document.querySelector('[data-testid="sign-out"]');
          if (!b) return 1;
          const r = document.createRange();
          r.selectNodeContents(b);
          return new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
        });
        if (lines > 1) wide.push(`${who}: sign-out on ${lines} lines`);
        if (out.length || lines > 1)
          await page.screenshot({ path: `${ARTIFACTS}/laptop-${lang}-${who}.png`, fullPage: false });
        expect(problems, `${who} ${lang}`).toEqual([]);
        await close();
      }
      expect(wide).toEqual([]);
    }, 180_000);
  }
});

describe("the demand page on a laptop", () => {
  it("keeps each match button's words on one line at 1366 px, in both languages", async () => {
    const oemAdmin = await actorOf(demo.db, "oem-admin@demo.peitao.example");
    const demands = await demo.db
      .selectFrom("demands")
      .select("id")
      .where("oem_id", "=", oemAdmin.organizationId)
      .execute();
    const wrapped: string[] = [];
    let buttons = 0;
    for (const lang of ["zh", "en"] as const) {
      const { page, problems, close } = await open("oem-admin", lang, { viewport: { width: 1366, height: 900 } });
      for (const d of demands) {
        await page.goto(`${demo.url}/demands/${d.id}`);
        await page.waitForSelector("h1");
        const lines = await page.evaluate(() =>
          [...document.querySelectorAll('button[form="match-actions"]')].map((b) => {
            const r = document.createRange();
            r.selectNodeContents(b);
            return [b.textContent ?? "", new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size] as const;
          }),
        );
        buttons += lines.length;
        for (const [text, n] of lines) if (n > 1) wrapped.push(`${lang} ${d.id} "${text}" on ${n} lines`);
      }
      if (wrapped.length) await page.screenshot({ path: `${ARTIFACTS}/laptop-demand-${lang}.png`, fullPage: true });
      expect(problems, lang).toEqual([]);
      await close();
    }
    expect(buttons).toBeGreaterThan(0);
    expect(wrapped).toEqual([]);
  }, 180_000);
});

describe("dates whatever the browser's locale", () => {
  it("shows China's day and time on the audit log, tokens, notifications and a supplier's page, in a German browser in New York", async () => {
    const options = { viewport: { width: 1366, height: 900 }, locale: "de-DE", timezoneId: "America/New_York" };
    const checks: [Who, string][] = [
      ["official", "/audit"],
      ["official", `/suppliers/${ids.supplier}`],
      ["oem-admin", "/org/tokens"],
      ["supplier-admin", "/notifications"],
    ];
    for (const [who, path] of checks) {
      const { page, problems, close } = await open(who, "en", options);
      await page.goto(`${demo.url}${path}`);
      await page.waitForSelector("h1");
      const text = await page.innerText("main");
      // German or American renderings of a date or time: 23.11.2026, 11/23/2026, 5:18 AM.
      expect(text, path).not.toMatch(/\b\d{1,2}[./]\d{1,2}[./]\d{4}\b|\d:\d\d(:\d\d)? ?[AP]M/);
      expect(text, path).toMatch(/\b20\d\d-\d\d-\d\d\b/);
      expect(problems, `${who} ${path}`).toEqual([]);
      await close();
    }
  });
});
