import type { Browser, BrowserContext, Page } from "playwright-core";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";

/**
 * Walking the app as a person does: sign in through the header, switch the language with
 * its button, click the header's links and the links of each page's <main>, and record
 * what went wrong on the way (uncaught errors, console errors, hydration warnings, answers
 * of 400 or more, requests that failed). Links are discovered on the page, never listed,
 * so a page added later is walked as soon as a link leads to it.
 */

export type Who = "admin" | "official" | "oem-admin" | "buyer" | "supplier-admin";
export const EVERY_ROLE: Who[] = ["admin", "official", "oem-admin", "buyer", "supplier-admin"];
export type Lang = "zh" | "en";

/**
 * Pages a role's walk must reach, each as the links a person clicks in turn to get there
 * from any page (the last is the page itself). The breadth walk goes two clicks deep; a
 * page further in, or one a change of the walk leaves out, is reached along its route.
 */
export const MUST_REACH: Partial<Record<Who, string[][]>> = {
  official: [
    ["/dashboard", "/dashboard/chain"],
    // 招商指南, the investment-attraction guide, is reached from the chain map.
    ["/dashboard", "/dashboard/chain", "/dashboard/chain/guide"],
    ["/dashboard", "/dashboard/entrants"],
  ],
};

/** Answers of 400 or more a walk expects, as `METHOD path-pattern status` (none so far). */
export const EXPECTED_FAILURES: RegExp[] = [];

export interface Session {
  context: BrowserContext;
  page: Page;
  problems: string[];
  /** Where the walk is, prefixed to each problem. */
  where: { url: string };
}

const HYDRATION = /hydrat|did not match|Minified React error #(418|419|421|422|423|425)/i;

export async function openSession(
  browser: Browser,
  baseUrl: string,
  viewport: { width: number; height: number },
): Promise<Session> {
  const context = await browser.newContext({ viewport, locale: "de-DE", timezoneId: "America/New_York" });
  const page = await context.newPage();
  const problems: string[] = [];
  const where = { url: "" };
  const at = () => where.url.replace(baseUrl, "") || "(start)";
  page.on("pageerror", (e) => problems.push(`${at()}: pageerror ${e.message}`));
  page.on("crash", () => problems.push(`${at()}: the page crashed`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`${at()}: console error ${m.text()} ${m.location().url ?? ""}`);
    else if (HYDRATION.test(m.text())) problems.push(`${at()}: hydration ${m.type()} ${m.text()}`);
  });
  page.on("response", (r) => {
    if (r.status() < 400) return;
    const line = `${r.request().method()} ${r.url().replace(baseUrl, "")} ${r.status()}`;
    if (!EXPECTED_FAILURES.some((re) => re.test(line))) problems.push(`${at()}: ${line}`);
  });
  page.on("requestfailed", (r) => {
    const failure = r.failure()?.errorText ?? "";
    // A navigation or fetch the browser itself cancelled (a newer click, a revalidation
    // superseded) is not a failure of the server.
    if (/ERR_ABORTED|NS_BINDING_ABORTED/.test(failure)) return;
    problems.push(`${at()}: request failed ${r.method()} ${r.url().replace(baseUrl, "")} ${failure}`);
  });
  return { context, page, problems, where };
}

/** Waits until the document has loaded and Remix has finished navigating and hydrating. */
export async function settle(page: Page) {
  await page.waitForLoadState("load");
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __remixRouter?: { state: { navigation: { state: string } } } };
      return document.readyState === "complete" && w.__remixRouter?.state.navigation.state === "idle";
    },
    undefined,
    { timeout: 20_000 },
  );
  // Effects after hydration (a chart's init, a recoverable hydration error) report within a tick.
  await page.waitForTimeout(60);
}

/**
 * Opens what hides an element as a person would: the header's menu button on a narrow
 * screen, then its closed <details> ancestors (the "more" group), outermost first.
 */
async function reveal(page: Page, selector: string, index: number) {
  const toggle = await page.evaluate(
    ({ selector, index }) => {
      const el = document.querySelectorAll(selector)[index];
      const menu = el?.closest(".site-menu");
      const button = document.querySelector("[data-menu-toggle]") as HTMLElement | null;
      return Boolean(menu && button && button.checkVisibility() && !menu.checkVisibility());
    },
    { selector, index },
  );
  if (toggle) await page.click("[data-menu-toggle]");
  const summaries = await page.evaluate(
    ({ selector, index }) => {
      const el = document.querySelectorAll(selector)[index];
      const closed: HTMLDetailsElement[] = [];
      for (let d = el?.closest("details"); d; d = d.parentElement?.closest("details") ?? null) {
        if (!d.open) closed.unshift(d);
      }
      const all = [...document.querySelectorAll("details")];
      return closed.map((d) => all.indexOf(d));
    },
    { selector, index },
  );
  for (const i of summaries) await page.locator("details").nth(i).locator(":scope > summary").click();
}

/** Clicks the `index`th element matching `selector`, as a person would, and waits for the page. */
export async function clickAndSettle(s: Session, selector: string, index = 0) {
  const before = s.page.url();
  await reveal(s.page, selector, index);
  const target = s.page.locator(selector).nth(index);
  await target.scrollIntoViewIfNeeded({ timeout: 2_000 }).catch(() => {});
  if (await target.isVisible()) await target.click({ timeout: 5_000 });
  else await target.evaluate((el: HTMLElement) => el.click()); // inside a box a phone hides
  await s.page.waitForFunction((prev) => location.href !== prev, before, { timeout: 10_000 }).catch(() => {}); // a link to a page's own address (a reset filter) leaves it as it is
  await settle(s.page);
  s.where.url = s.page.url();
}

export async function signIn(s: Session, baseUrl: string, who: Who, lang: Lang) {
  await s.page.goto(`${baseUrl}/`);
  s.where.url = s.page.url();
  await settle(s.page);
  const current = await s.page.getAttribute("html", "lang");
  if ((lang === "en") !== (current === "en")) await clickAndSettle(s, '[data-testid="lang-switch"]');
  await clickAndSettle(s, '[data-testid="sign-in-link"]');
  await s.page.fill('input[name="email"]', `${who}@demo.peitao.example`);
  await s.page.fill('input[name="password"]', DEMO_PASSWORD);
  await clickAndSettle(s, 'main button[type="submit"].primary');
  await s.page.waitForSelector('[data-testid="account-link"]', { state: "attached" });
  const now = await s.page.getAttribute("html", "lang");
  if ((lang === "en") !== (now === "en")) throw new Error(`signed in as ${who}, the page is in ${now}, not ${lang}`);
}

/** The same kind of page: ids and numbers made placeholders, and only the query's keys. */
export function pattern(href: string): string {
  const u = new URL(href, "http://x");
  const path = u.pathname
    .split("/")
    .map((seg) =>
      /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(seg) || /^\d+$/.test(seg) ? ":id" : seg,
    )
    .join("/");
  const keys = [...new Set(u.searchParams.keys())].sort();
  return keys.length ? `${path}?${keys.join("&")}` : path;
}

/**
 * The links of a page's header or <main> worth clicking: in this app, not a download, not
 * a new window, not an anchor on the same page, not signing out. Each with the index of
 * its element among those matching `selector`.
 */
export async function linksIn(page: Page, scope: "header" | "main"): Promise<{ href: string; index: number }[]> {
  return page.evaluate((scope) => {
    const out: { href: string; index: number }[] = [];
    document.querySelectorAll(`${scope} a[href]`).forEach((el, index) => {
      const a = el as HTMLAnchorElement;
      const raw = a.getAttribute("href") ?? "";
      if (a.origin !== location.origin || raw.startsWith("#")) return;
      if (a.hasAttribute("download") || (a.target && a.target !== "_self")) return;
      if (/\.(csv|xlsx|svg|json|png|pdf|eml)$/i.test(a.pathname) || a.pathname.startsWith("/api/")) return;
      if (a.pathname === "/logout") return;
      if (a.pathname === location.pathname && a.search === location.search) return;
      out.push({ href: a.pathname + a.search, index });
    });
    return out;
  }, scope);
}

/** Forms of <main> that only read (method GET): their submit button is a page's primary action. */
export async function getFormsIn(page: Page): Promise<{ action: string; index: number }[]> {
  return page.evaluate(() => {
    const out: { action: string; index: number }[] = [];
    document.querySelectorAll("main form").forEach((f) => {
      const form = f as HTMLFormElement;
      if ((form.getAttribute("method") ?? "get").toLowerCase() !== "get") return;
      const button = form.querySelector('button[type="submit"], button:not([type]), input[type="submit"]');
      if (!button) return;
      const all = [
        ...document.querySelectorAll(
          'main form button[type="submit"], main form button:not([type]), main form input[type="submit"]',
        ),
      ];
      out.push({ action: new URL(form.action, location.href).pathname, index: all.indexOf(button) });
    });
    return out;
  });
}

export interface WalkOptions {
  depth: number;
  /** Called on every page reached (a screenshot, a width check). */
  onPage?: (page: Page, url: string) => Promise<void>;
  /** Routes (as in MUST_REACH) to the pages to reach after the walk if it did not. */
  reach?: string[][];
}

/** The index of the first link of `selector` leading to `path` (its query aside), or -1. */
function linkTo(page: Page, selector: string, path: string): Promise<number> {
  return page.evaluate(
    ({ selector, path }) =>
      [...document.querySelectorAll(selector)].findIndex((a) => (a as HTMLAnchorElement).pathname === path),
    { selector, path },
  );
}

/**
 * Clicks each header link, then on each page reached the links and read-only forms of
 * <main> (one per kind of page, `depth` clicks deep), coming back with the browser's Back
 * button. Kinds of pages already walked in this session are not walked again. Then clicks
 * along each route of `reach` whose page was not reached; a link missing on the way is a
 * problem. Returns every address reached, in order.
 */
export async function walk(s: Session, baseUrl: string, opts: WalkOptions) {
  const seen = new Set<string>();
  const visited: string[] = [];
  let last = Date.now();
  const arrive = async () => {
    const url = s.page.url();
    if (process.env.WALK_TIMES) console.log(`${Date.now() - last} ms ${url.replace(baseUrl, "")}`);
    last = Date.now();
    visited.push(url.replace(baseUrl, ""));
    await opts.onPage?.(s.page, url);
  };
  const back = async (url: string) => {
    await s.page.goBack();
    await settle(s.page);
    if (s.page.url() !== url) {
      await s.page.goto(url);
      await settle(s.page);
    }
    s.where.url = s.page.url();
  };
  const explore = async (depth: number) => {
    if (depth >= opts.depth) return;
    const here = s.page.url();
    const fresh = (key: string) => !seen.has(key) && seen.add(key) !== undefined;
    const links = (await linksIn(s.page, "main")).filter((l) => fresh(pattern(l.href)));
    const forms = (await getFormsIn(s.page)).filter((f) => fresh(`form ${pattern(f.action)}`));
    for (const l of links) {
      // The page may have changed under the link (a revalidation after Back): find it again.
      const index = await s.page.evaluate(
        (href) =>
          [...document.querySelectorAll("main a[href]")].findIndex(
            (a) => (a as HTMLAnchorElement).pathname + (a as HTMLAnchorElement).search === href,
          ),
        l.href,
      );
      if (index < 0) continue;
      await clickAndSettle(s, "main a[href]", index);
      await arrive();
      await explore(depth + 1);
      if (s.page.url() !== here) await back(here);
    }
    for (const f of forms) {
      await clickAndSettle(
        s,
        'main form button[type="submit"], main form button:not([type]), main form input[type="submit"]',
        f.index,
      );
      await arrive();
      if (s.page.url() !== here) await back(here);
    }
  };
  await arrive();
  await explore(1);
  const header = await linksIn(s.page, "header");
  const hrefs = [...new Set(header.map((l) => l.href))];
  for (const href of hrefs) {
    seen.add(pattern(href));
  }
  for (const href of hrefs) {
    const index = await s.page.evaluate(
      (href) =>
        [...document.querySelectorAll("header a[href]")].findIndex(
          (a) => (a as HTMLAnchorElement).pathname + (a as HTMLAnchorElement).search === href,
        ),
      href,
    );
    if (index < 0) {
      s.problems.push(`header link ${href} is gone from ${s.page.url()}`);
      continue;
    }
    await clickAndSettle(s, "header a[href]", index);
    await arrive();
    await explore(1);
  }
  for (const route of opts.reach ?? []) {
    if (reached(visited, route)) continue;
    for (const step of route) {
      if (new URL(s.page.url()).pathname === step) continue;
      const links = "header a[href], main a[href]";
      const index = await linkTo(s.page, links, step);
      if (index < 0) {
        s.problems.push(`${s.page.url().replace(baseUrl, "")}: no link to ${step} on the way to ${route.at(-1)}`);
        break;
      }
      await clickAndSettle(s, links, index);
      // Under load the navigation can outlast the click's settling (a fresh-clone CI run
      // recorded the chain map again instead of the guide): wait for the step's address.
      await s.page.waitForURL((u) => u.pathname === step, { timeout: 20_000 }).catch(() => {});
      await settle(s.page);
      await arrive();
    }
  }
  return visited;
}

/** Whether the addresses `visited` include the page a route leads to. */
export function reached(visited: string[], route: string[]): boolean {
  return visited.some((v) => new URL(v, "http://x").pathname === route.at(-1));
}

/** Runs at most `n` of the functions given to it at once. */
export function limit(n: number) {
  let running = 0;
  const queue: (() => void)[] = [];
  return async <T>(fn: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>((resolve) => queue.push(resolve));
    running++;
    try {
      return await fn();
    } finally {
      running--;
      queue.shift()?.();
    }
  };
}

const KEPT = [
  "/",
  "/dashboard",
  "/dashboard/chain",
  "/dashboard/chain/guide",
  "/dashboard/entrants",
  "/suppliers",
  "/plants",
  "/demands",
  "/opportunities",
  "/matches",
  "/notifications",
  "/audit",
  "/imports",
  "/ledger",
  "/org/members",
  "/org/tokens",
];

/**
 * The screenshot name of a page the walks keep (one of each kind, to be looked at), or
 * null: the pages the header leads to, and the first demand and supplier page reached.
 */
export function shotName(path: string): string | null {
  if (/^\/demands\/[0-9a-f-]{36}$/.test(path)) return "demand";
  if (/^\/suppliers\/[0-9a-f-]{36}$/.test(path)) return "supplier";
  if (!KEPT.includes(path)) return null;
  return path === "/" ? "home" : path.slice(1).replace(/\//g, "-");
}
