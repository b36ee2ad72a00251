import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import {
  AUDIT_ACTIONS,
  AUDIT_SUBJECT_TYPES,
  DEMAND_STATUSES,
  IMPORT_STATUSES,
  LEDGER_SOURCES,
  MATCH_STATES,
  ROLES,
  VERIFICATION_STATUSES,
} from "../../app/domain/vocabulary";

/**
 * The message catalogue (app/lib/messages/*, composed in app/lib/i18n.ts) is complete:
 * every key in both languages, each key in one module, a message for every code the
 * product can show (DomainError codes, audit actions, states, statuses, sources, roles),
 * and no bilingual string literals left in app/ code. The message modules are read
 * directly (not through app/lib/i18n.ts, which spreads them into one object and so
 * would hide a key defined twice).
 */

const root = path.resolve(import.meta.dirname, "../..");
const messagesDir = path.join(root, "app/lib/messages");
const rel = (file: string) => path.relative(root, file);

type Message = { zh: string; en: string };

const messageFiles = fs
  .readdirSync(messagesDir)
  .filter((f) => /\.tsx?$/.test(f))
  .sort();

/** key → the modules that define it, and the merged catalogue. */
async function loadCatalogue() {
  const definedIn = new Map<string, string[]>();
  const catalogue = new Map<string, unknown>();
  for (const file of messageFiles) {
    const mod = (await import(path.join(messagesDir, file))) as Record<string, unknown>;
    for (const exported of Object.values(mod)) {
      if (!exported || typeof exported !== "object") continue;
      for (const [key, value] of Object.entries(exported)) {
        definedIn.set(key, [...(definedIn.get(key) ?? []), file]);
        catalogue.set(key, value);
      }
    }
  }
  return { definedIn, catalogue };
}

const { definedIn, catalogue } = await loadCatalogue();

const isMessage = (v: unknown): v is Message =>
  !!v && typeof v === "object" && typeof (v as Message).zh === "string" && typeof (v as Message).en === "string";

const missing = (keys: string[]) => keys.filter((k) => !catalogue.has(k));

// ---------------------------------------------------------------------------------------
// Source scanning (TypeScript syntax tree, so comments do not count).

const SOURCE = /\.(ts|tsx)$/;

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && SOURCE.test(e.name) && !e.name.endsWith(".d.ts"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function parse(file: string, text = fs.readFileSync(file, "utf8")): ts.SourceFile {
  return ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
}

function walk(node: ts.Node, visit: (n: ts.Node) => void) {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

const lineOf = (sf: ts.SourceFile, node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;

/** The template text of a literal, `${…}` standing for each substitution. */
function templateText(n: ts.TemplateExpression) {
  return n.head.text + n.templateSpans.map((s) => "${…}" + s.literal.text).join("");
}

/**
 * The first argument of every `new DomainError(…)`: a code when it is a literal, else the
 * template (`transition_${…}`) or expression text, which TEMPLATE_CODES must expand.
 */
function domainErrorCodes(file: string, text?: string): { code: string; literal: boolean; at: string }[] {
  const sf = parse(file, text);
  const found: { code: string; literal: boolean; at: string }[] = [];
  walk(sf, (n) => {
    if (!ts.isNewExpression(n)) return;
    const callee = n.expression;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : "";
    if (name !== "DomainError") return;
    const arg = n.arguments?.[0];
    const at = `${rel(file)}:${lineOf(sf, n)}`;
    if (!arg) found.push({ code: "(no code)", literal: false, at });
    else if (ts.isStringLiteralLike(arg)) found.push({ code: arg.text, literal: true, at });
    else if (ts.isTemplateExpression(arg)) found.push({ code: templateText(arg), literal: false, at });
    else found.push({ code: arg.getText(sf), literal: false, at });
  });
  return found;
}

/**
 * Codes built at run time, with every value they take. A new template form fails the
 * test until it is listed here.
 */
const TEMPLATE_CODES: Record<string, string[]> = {
  // db/matches.server.ts: TransitionError["reason"] of app/domain/match-state.ts.
  "transition_${…}": ["transition_not_allowed", "transition_wrong_side"],
};

// A bilingual literal: CJK characters and an English run of three or more words.
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const ENGLISH_3_WORDS = /\b[A-Za-z][A-Za-z'’-]*(?:[ ,;:]+[A-Za-z][A-Za-z'’-]*){2,}/;

/**
 * Genuine mixed literals in app/ (not text a page shows in one language), each with why.
 * An entry is a file and a piece of the literal.
 */
const BILINGUAL_ALLOWED: { file: string; contains: string; why: string }[] = [
  {
    file: "app/features/api/openapi.ts",
    contains: "Confirm (定点)",
    why: "API documentation is English for developers; 定点 names the business term the UI shows",
  },
];

/** String literals, template texts and JSX text holding both Chinese and an English phrase. */
function bilingualLiterals(file: string, text?: string): string[] {
  const sf = parse(file, text);
  const relFile = rel(file);
  const found: string[] = [];
  walk(sf, (n) => {
    let literal: string | undefined;
    if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) || ts.isJsxText(n)) literal = n.text;
    else if (ts.isTemplateExpression(n)) literal = templateText(n);
    if (literal === undefined || !CJK.test(literal) || !ENGLISH_3_WORDS.test(literal)) return;
    if (BILINGUAL_ALLOWED.some((a) => a.file === relFile && literal.includes(a.contains))) return;
    found.push(`${relFile}:${lineOf(sf, n)} ${JSON.stringify(literal.trim().slice(0, 100))}`);
  });
  return found;
}

// ---------------------------------------------------------------------------------------

describe("the scanners (fixtures)", () => {
  const file = path.join(root, "app/routes/fixture.tsx");

  it("reads DomainError codes in literal and template forms, not other errors", () => {
    const src = [
      `throw new DomainError("email_taken", "email");`,
      "throw new DomainError(`last_admin`);",
      "throw new DomainError(`transition_${err.reason}`);",
      `throw new DomainError(code);`,
      `throw new Error("not_a_domain_error");`,
      `// throw new DomainError("in_a_comment");`,
    ].join("\n");
    expect(domainErrorCodes(file, src).map((c) => [c.code, c.literal])).toEqual([
      ["email_taken", true],
      ["last_admin", true],
      ["transition_${…}", false],
      ["code", false],
    ]);
  });

  it("finds bilingual literals and leaves one-language text and short terms alone", () => {
    const bad = [
      `const m = "至少一个品类 at least one category";`,
      "const m = `季度应为1–4 quarter must be 1–4: ${q}`;",
      `const el = <p>保存成功 The profile was saved</p>;`,
    ];
    for (const text of bad) expect(bilingualLiterals(file, text), text).toHaveLength(1);
    const good = [
      `const m = "至少一个品类";`,
      `const m = "at least one category";`,
      `const m = "配套 Peitao";`,
      `const m = t("form.required");`,
      `// 至少一个品类 at least one category`,
    ];
    for (const text of good) expect(bilingualLiterals(file, text), text).toEqual([]);
  });
});

describe("message catalogue", () => {
  it("is composed of every message module", () => {
    expect(messageFiles.length).toBeGreaterThan(0);
    expect(catalogue.size).toBeGreaterThan(100);
    const i18n = fs.readFileSync(path.join(root, "app/lib/i18n.ts"), "utf8");
    const notImported = messageFiles
      .map((f) => f.replace(/\.tsx?$/, ""))
      .filter((name) => !new RegExp(`from ["']\\./messages/${name}["']`).test(i18n));
    expect(notImported, "message modules app/lib/i18n.ts does not import").toEqual([]);
  });

  it("has non-empty zh and en for every key", () => {
    const bad = [...catalogue].filter(([, v]) => !isMessage(v) || !v.zh.trim() || !v.en.trim()).map(([k]) => k);
    expect(bad).toEqual([]);
  });

  it("defines each key in one message module only", () => {
    const twice = [...definedIn]
      .filter(([, files]) => files.length > 1)
      .map(([k, files]) => `${k}: ${files.join(", ")}`);
    expect(twice).toEqual([]);
  });

  it("uses the same {placeholders} in zh and en", () => {
    const vars = (s: string) =>
      [...s.matchAll(/\{(\w+)\}/g)]
        .map((m) => m[1])
        .sort()
        .join(",");
    const bad = [...catalogue]
      .filter((e): e is [string, Message] => isMessage(e[1]))
      .filter(([, v]) => vars(v.zh) !== vars(v.en))
      .map(([k, v]) => `${k}: zh {${vars(v.zh)}} en {${vars(v.en)}}`);
    expect(bad).toEqual([]);
  });

  // (Whether a zh message holds English or an en message Chinese is not checked: the
  // catalogue does it on purpose, e.g. "Confirmed (定点)", "Peitao 配套", the language switch.)
});

describe("a message for every code the product shows", () => {
  const codeSites = ["app", "db", "search", "server"]
    .flatMap((d) => sourceFiles(path.join(root, d)))
    .flatMap((f) => domainErrorCodes(f));

  it("finds the DomainErrors thrown in app/, db/, search/ and server/", () => {
    expect(codeSites.length).toBeGreaterThan(10);
  });

  it("every DomainError code has form.<code>", () => {
    const unknownForms = codeSites.filter((c) => !c.literal && !(c.code in TEMPLATE_CODES));
    expect(unknownForms.map((c) => `${c.at} new DomainError(${c.code}): list its values in TEMPLATE_CODES`)).toEqual(
      [],
    );
    const codes = new Set(codeSites.flatMap((c) => (c.literal ? [c.code] : (TEMPLATE_CODES[c.code] ?? []))));
    const where = (code: string) =>
      codeSites.find((c) => c.code === code || TEMPLATE_CODES[c.code]?.includes(code))?.at;
    expect(missing([...codes].map((c) => `form.${c}`)).map((k) => `${k} (${where(k.slice(5))})`)).toEqual([]);
  });

  it.each([
    { name: "AUDIT_ACTIONS", values: AUDIT_ACTIONS, prefix: "audit.action." },
    { name: "AUDIT_SUBJECT_TYPES", values: AUDIT_SUBJECT_TYPES, prefix: "audit.subject." },
    { name: "MATCH_STATES", values: MATCH_STATES, prefix: "match.state." },
    { name: "DEMAND_STATUSES", values: DEMAND_STATUSES, prefix: "demand.status." },
    { name: "IMPORT_STATUSES", values: IMPORT_STATUSES, prefix: "imports.status." },
    { name: "LEDGER_SOURCES", values: LEDGER_SOURCES, prefix: "ledger.source." },
    { name: "VERIFICATION_STATUSES", values: VERIFICATION_STATUSES, prefix: "common." },
    { name: "ROLES", values: ROLES, prefix: "role." },
  ])("every value of $name has $prefix<value>", ({ values, prefix }) => {
    expect(values.length).toBeGreaterThan(0);
    expect(missing(values.map((v) => `${prefix}${v}`))).toEqual([]);
  });
});

describe("no bilingual literals in app/", () => {
  it("no string in app/ (outside app/lib/messages) holds Chinese and an English phrase of 3+ words", () => {
    const files = sourceFiles(path.join(root, "app")).filter((f) => !f.startsWith(messagesDir + path.sep));
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((f) => bilingualLiterals(f))).toEqual([]);
  });
});
