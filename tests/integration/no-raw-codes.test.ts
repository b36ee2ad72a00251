import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import {
  AUDIT_ACTIONS,
  DEMAND_STATUSES,
  IMPORT_STATUSES,
  LEDGER_SOURCES,
  MATCH_STATES,
  ROLES,
  VERIFICATION_STATUSES,
  type Role,
} from "../../app/domain/vocabulary";
import { demoApp, type DemoApp } from "../helpers/demo";
import { HttpClient } from "../helpers/http";

/**
 * Issue #11, point 5: no page shows a raw code. Every demo role (and an anonymous
 * visitor) opens the pages it can reach, in Chinese and in English; the visible text (text
 * nodes: no tags, attributes, scripts or styles) must hold no status, state, source, role
 * or audit action code and no catalogue key, and each page's <title> must differ between
 * the two languages.
 */

type Lang = "zh" | "en";
type Who = "anon" | Role;

const EMAILS: Record<Role, string> = {
  supplier_admin: "supplier-admin@demo.peitao.example",
  supplier_member: "supplier@demo.peitao.example",
  oem_admin: "oem-admin@demo.peitao.example",
  oem_buyer: "buyer@demo.peitao.example",
  official: "official@demo.peitao.example",
  admin: "admin@demo.peitao.example",
};
const WHO: Who[] = ["anon", ...ROLES];

/** The codes a page must translate before showing them. */
const CODES = new Set<string>([
  ...AUDIT_ACTIONS,
  ...MATCH_STATES,
  ...DEMAND_STATUSES,
  ...IMPORT_STATUSES,
  ...LEDGER_SOURCES,
  ...VERIFICATION_STATUSES,
  ...ROLES,
]);

// The catalogue, read from its modules: its keys (a rendered key is a missing t()) and
// its values per language (a text that is a message is translated, even if it is a word
// that is also a code).
const messagesDir = path.resolve(import.meta.dirname, "../../app/lib/messages");
const catalogue = new Map<string, { zh: string; en: string }>();
const catalogueValues: Record<Lang, Set<string>> = { zh: new Set(), en: new Set() };
for (const file of fs.readdirSync(messagesDir).filter((f) => /\.tsx?$/.test(f))) {
  const mod = (await import(path.join(messagesDir, file))) as Record<
    string,
    Record<string, { zh: string; en: string }>
  >;
  for (const messages of Object.values(mod)) {
    for (const [key, m] of Object.entries(messages)) {
      catalogue.set(key, m);
      catalogueValues.zh.add(m.zh.trim());
      catalogueValues.en.add(m.en.trim());
    }
  }
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, e: string) => {
    if (e[0] === "#")
      return String.fromCodePoint(e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? whole;
  });

/**
 * The page's text nodes: scripts, styles and comments removed (React's `<!-- -->` between
 * adjacent texts separates two nodes, as in the DOM), tags and their attributes dropped.
 */
function textNodes(html: string): string[] {
  return html
    .replace(/<(script|style|template)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, "<>")
    .replace(/<!--[\s\S]*?-->/g, "<>")
    .split(/<[^>]*>/)
    .map((t) => decode(t).replace(/\s+/g, " ").trim())
    .filter(Boolean);
}

function titleOf(html: string): string | undefined {
  const m = /<title[^>]*>([\s\S]*?)<\/title\s*>/i.exec(html);
  return m ? decode(m[1]!).trim() : undefined;
}

// Words are split at spaces and punctuation but not at @ . / - _ (an e-mail address
// admin@… or a path is one word, not the role "admin").
const SEPARATORS = /[\s\u3000-\u303f\uff01-\uff0f\uff1a-\uff20()[\]{},;:!?"“”‘’·•|]+/;

/**
 * Raw codes in the text nodes of a page in `lang`. A node that is exactly a code (a badge,
 * a table cell) counts in both languages unless that text is a message of the catalogue;
 * a code inside a longer node counts on Chinese pages (no English prose there) and, in
 * both languages, when it cannot be an English word (audit_action, oem_buyer). A rendered
 * catalogue key (form.email_taken) counts everywhere.
 */
function rawCodes(nodes: string[], lang: Lang): string[] {
  const found: string[] = [];
  for (const node of nodes) {
    const isMessage = catalogueValues[lang].has(node);
    if (CODES.has(node) && !isMessage) {
      found.push(node);
      continue;
    }
    // A date written the American way (11/23/2026): the page used the machine's locale.
    if (/\b\d{1,2}\/\d{1,2}\/\d{4}\b/.test(node)) found.push(`date in "${node}"`);
    for (const raw of node.split(SEPARATORS)) {
      const word = raw.replace(/^[.'…]+|[.'…]+$/g, "");
      if (!word) continue;
      // Percentage points are 个百分点 in Chinese (issue 14, point 9).
      if (lang === "zh" && word === "pp") {
        found.push(`pp in "${node}"`);
        continue;
      }
      if (/^form\.[A-Za-z0-9_]+$/.test(word) || catalogue.has(word)) found.push(`${word} in "${node}"`);
      else if (CODES.has(word) && !isMessage && (lang === "zh" || word.includes("_")))
        found.push(`${word} in "${node}"`);
    }
  }
  return found;
}

describe("the text extraction (fixtures)", () => {
  it("reads text nodes, not scripts, styles, comments or attributes", () => {
    const html = `<html><head><title>需求 · 配套 Peitao</title><style>.done{color:red}</style></head>
      <body><td class="open" title="done">已完成</td><span class="badge">done</span>
      <p>状态：<!-- -->running</p><script>window.__remixContext = {"state":"confirmed"}</script>
      <p>a &amp; b &lt;c&gt;</p><a href="/audit?action=sign_in">审计</a></body></html>`;
    expect(textNodes(html)).toEqual(["需求 · 配套 Peitao", "已完成", "done", "状态：", "running", "a & b <c>", "审计"]);
    expect(titleOf(html)).toBe("需求 · 配套 Peitao");
  });

  it("finds raw codes as whole words, and leaves words, addresses and messages alone", () => {
    expect(rawCodes(["done"], "en")).toEqual(["done"]);
    expect(rawCodes(["已完成", "done"], "zh")).toEqual(["done"]);
    expect(rawCodes(["操作：sign_in_failed"], "zh")).toEqual(['sign_in_failed in "操作：sign_in_failed"']);
    expect(rawCodes(["Action: sign_in_failed"], "en")).toEqual(['sign_in_failed in "Action: sign_in_failed"']);
    expect(rawCodes(["来源 import"], "zh")).toEqual(['import in "来源 import"']);
    expect(rawCodes(["form.email_taken"], "en")).toEqual(['form.email_taken in "form.email_taken"']);
    expect(rawCodes(["Import suppliers from a file and match them"], "en")).toEqual([]);
    expect(rawCodes(["admin@demo.peitao.example", "Done", "已导入", "opened", "importer"], "zh")).toEqual([]);
    expect(rawCodes(["Open"], "en")).toEqual([]);
    expect(rawCodes(["+3.0 pp ✓ ≥ +3.0 pp"], "zh")).toEqual([
      'pp in "+3.0 pp ✓ ≥ +3.0 pp"',
      'pp in "+3.0 pp ✓ ≥ +3.0 pp"',
    ]);
    expect(rawCodes(["+3.0 个百分点"], "zh")).toEqual([]);
    expect(rawCodes(["+3.0 pp"], "en")).toEqual([]);
    expect(rawCodes(["11/23/2026, 5:18 AM"], "en")).toEqual(['date in "11/23/2026, 5:18 AM"']);
    expect(rawCodes(["2026-11-23 13:18"], "en")).toEqual([]);
  });
});

interface Page {
  who: Who;
  path: string;
  titles: Partial<Record<Lang, string>>;
  raw: string[];
}

let demo: DemoApp;
const pages: Page[] = [];
/** Paths each visitor's header links to (with the fixed list, what each visitor opens). */
const headerLinks = new Map<Who, string[]>();
const status = new Map<string, number>(); // `${who} ${path}` → status of the zh GET
const pageList: string[] = [];
const homeText: Partial<Record<Lang, string[]>> = {};

async function signedIn(who: Who): Promise<HttpClient> {
  const client = new HttpClient(demo.url);
  if (who === "anon") return client;
  const res = await client.post("/login", { email: EMAILS[who], password: DEMO_PASSWORD, redirectTo: "/" });
  if (res.status !== 302 || !client.cookie) throw new Error(`sign-in as ${EMAILS[who]} answered ${res.status}`);
  return client;
}

/** The `lang` cookie as the language switch (POST /lang) sets it. */
async function langCookie(lang: Lang): Promise<string> {
  const res = await fetch(`${demo.url}/lang`, {
    method: "POST",
    redirect: "manual",
    headers: { origin: demo.url, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ lang, redirectTo: "/" }).toString(),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .find((c) => c.startsWith("lang="));
  if (res.status !== 302 || !cookie) throw new Error(`POST /lang answered ${res.status} without a lang cookie`);
  return cookie;
}

function headerPaths(html: string): string[] {
  const header = /<header\b[\s\S]*?<\/header>/i.exec(html)?.[0] ?? "";
  const hrefs = [...header.matchAll(/<a\b[^>]*\bhref="([^"]+)"/gi)].map((m) => decode(m[1]!));
  return [...new Set(hrefs.filter((h) => h.startsWith("/") && !h.startsWith("//")))];
}

beforeAll(async () => {
  demo = await demoApp();
  const one = async (sql: Promise<{ id: string | number } | undefined>) => (await sql)?.id;
  const supplierId = await one(
    demo.db
      .selectFrom("organizations")
      .select("id")
      .where("kind", "=", "supplier")
      .orderBy("id")
      .limit(1)
      .executeTakeFirst(),
  );
  const demandId = await one(
    demo.db.selectFrom("demands").select("id").orderBy("created_at").limit(1).executeTakeFirst(),
  );
  const importId = await one(demo.db.selectFrom("supplier_imports").select("id").limit(1).executeTakeFirst());
  pageList.push(
    "/",
    "/suppliers",
    ...(supplierId ? [`/suppliers/${supplierId}`] : []),
    "/plants",
    "/demands",
    ...(demandId ? [`/demands/${demandId}`] : []),
    "/opportunities",
    "/profile",
    "/imports",
    "/verification",
    ...(importId ? [`/imports/${importId}`] : []),
    "/ledger",
    "/dashboard",
    "/notifications",
    "/audit",
    "/org/members",
    "/org/tokens",
    "/admin/organizations",
    "/admin/organizations/FAW",
    "/admin/reference",
    "/account",
  );
  expect(supplierId, "the demo data has a supplier").toBeTruthy();
  expect(demandId, "the demo data has a demand").toBeTruthy();

  const lang = { zh: await langCookie("zh"), en: await langCookie("en") };
  for (const who of WHO) {
    const client = await signedIn(who);
    const get = (p: string, l: Lang) => client.get(p, { cookie: [client.cookie, lang[l]].filter(Boolean).join("; ") });
    const home = await get("/", "zh");
    const links = headerPaths(await home.text());
    headerLinks.set(who, links);
    for (const p of [...new Set([...pageList, ...links])]) {
      const page: Page = { who, path: p, titles: {}, raw: [] };
      for (const l of ["zh", "en"] as const) {
        const res = await get(p, l);
        if (l === "zh") status.set(`${who} ${p}`, res.status);
        if (res.status !== 200) break; // not this visitor's page (403, or a redirect to sign in)
        const html = await res.text();
        if (who === "anon" && p === "/") homeText[l] = textNodes(html);
        page.titles[l] = titleOf(html);
        page.raw.push(...rawCodes(textNodes(html), l).map((r) => `[${l}] ${r}`));
      }
      if (page.titles.zh !== undefined) pages.push(page);
    }
  }
}, 300_000);

describe("pages show no raw codes (issue #11, point 5)", () => {
  it("gets each language from the lang cookie (the header's supplier link reads in both)", () => {
    const link = catalogue.get("nav.suppliers")!;
    expect(homeText.zh).toContain(link.zh);
    expect(homeText.en).toContain(link.en);
  });

  it("opens every listed page as at least one visitor, and every header link", () => {
    const unseen = pageList.filter((p) => !pages.some((pg) => pg.path === p));
    expect(unseen, "pages no visitor could open").toEqual([]);
    const broken = WHO.flatMap((who) =>
      (headerLinks.get(who) ?? [])
        .filter((p) => status.get(`${who} ${p}`) !== 200)
        .map((p) => `${who} ${p}: ${status.get(`${who} ${p}`)}`),
    );
    expect(broken, "header links that do not open").toEqual([]);
    expect(pages.length).toBeGreaterThan(40);
  });

  it.each(WHO)("as %s: no raw code in the visible text, in zh or en", (who) => {
    const counts = new Map<string, number>();
    for (const p of pages.filter((pg) => pg.who === who)) {
      for (const r of p.raw) counts.set(`${p.path} ${r}`, (counts.get(`${p.path} ${r}`) ?? 0) + 1);
    }
    expect([...counts].map(([r, n]) => (n > 1 ? `${r} (×${n})` : r))).toEqual([]);
  });

  it.each(WHO)("as %s: English titles say the page in English", (who) => {
    const chinese = pages
      .filter((p) => p.who === who && p.titles.en)
      // A name only written in Chinese (a demand's part) may stand in it, beside English words.
      .filter((p) => !/[A-Za-z]{2,}/.test(p.titles.en!.replace(/Peitao|配套/g, "")))
      .map((p) => `${p.path}: ${JSON.stringify(p.titles.en)}`);
    expect(chinese).toEqual([]);
  });

  it.each(WHO)("as %s: every page's <title> differs between zh and en", (who) => {
    const same = pages
      .filter((p) => p.who === who)
      .filter((p) => !p.titles.zh || !p.titles.en || p.titles.zh === p.titles.en)
      .map((p) => `${p.path}: zh ${JSON.stringify(p.titles.zh)} en ${JSON.stringify(p.titles.en)}`);
    expect(same).toEqual([]);
  });
});
