import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The structure of issue #11 (decision 010), checked on the source files: routes hold no
 * SQL and no hand-written DomainError mapping, app/domain depends on nothing but itself
 * and zod, and the root of app/ stays small. The checkers read the TypeScript syntax
 * tree, so comments and strings that merely mention a name do not count; each is tried
 * on small fixtures first, so a checker that can never fail would be caught.
 */

const root = path.resolve(import.meta.dirname, "../..");
const appDir = path.join(root, "app");
const routesDir = path.join(appDir, "routes");
const domainDir = path.join(appDir, "domain");

const SOURCE = /\.(ts|tsx|js|jsx|mjs|cjs)$/;

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && SOURCE.test(e.name) && !e.name.endsWith(".d.ts"))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

function parse(file: string, text = fs.readFileSync(file, "utf8")): ts.SourceFile {
  const kind = file.endsWith(".tsx") || file.endsWith(".jsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

function walk(node: ts.Node, visit: (n: ts.Node) => void) {
  visit(node);
  node.forEachChild((child) => walk(child, visit));
}

const rel = (file: string) => path.relative(root, file);
const lineOf = (sf: ts.SourceFile, node: ts.Node) => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;

// ---------------------------------------------------------------------------------------
// (a) No SQL in a route: no query-builder entry point and no sql`…` template.

const QUERY_BUILDER = new Set(["selectFrom", "insertInto", "updateTable", "deleteFrom"]);

/** Where a module builds SQL: `x.selectFrom(…)` and friends, and sql`…` (sql<T>`…`, sql.raw is a call, not SQL text). */
function sqlInSource(file: string, text?: string): string[] {
  const sf = parse(file, text);
  const found: string[] = [];
  walk(sf, (n) => {
    if (ts.isIdentifier(n) && QUERY_BUILDER.has(n.text)) {
      found.push(`${rel(file)}:${lineOf(sf, n)} ${n.text}`);
    }
    if (ts.isTaggedTemplateExpression(n)) {
      const tag = n.tag;
      const name = ts.isIdentifier(tag) ? tag.text : ts.isPropertyAccessExpression(tag) ? tag.name.text : "";
      if (name === "sql") found.push(`${rel(file)}:${lineOf(sf, n)} sql\``);
    }
  });
  return found;
}

// ---------------------------------------------------------------------------------------
// (b) app/domain imports nothing outside app/domain (packages: zod only).

const DOMAIN_PACKAGES = new Set(["zod"]);

/** Every module specifier a file imports or re-exports, statically, dynamically or as a type. */
function importsOf(sf: ts.SourceFile): { spec: string; line: number }[] {
  const specs: { spec: string; line: number }[] = [];
  const add = (lit: ts.Node | undefined, at: ts.Node) => {
    if (lit && ts.isStringLiteralLike(lit)) specs.push({ spec: lit.text, line: lineOf(sf, at) });
  };
  walk(sf, (n) => {
    if (ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) add(n.moduleSpecifier, n);
    else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference)) {
      add(n.moduleReference.expression, n);
    } else if (ts.isCallExpression(n)) {
      const callee = n.expression;
      const isImport = callee.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(callee) && callee.text === "require";
      if (isImport || isRequire) add(n.arguments[0], n);
    } else if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument)) {
      add(n.argument.literal, n);
    }
  });
  return specs;
}

function isInside(dir: string, target: string) {
  const r = path.relative(dir, target);
  return r === "" || (!r.startsWith("..") && !path.isAbsolute(r));
}

/** Imports of a module in `domain` that leave it (relative or `~/` paths outside, or any package but zod). */
function domainLeaks(file: string, domain: string, text?: string): string[] {
  const sf = parse(file, text);
  const leaks: string[] = [];
  for (const { spec, line } of importsOf(sf)) {
    let ok: boolean;
    if (spec.startsWith(".") || spec.startsWith("/")) ok = isInside(domain, path.resolve(path.dirname(file), spec));
    else if (spec.startsWith("~/")) ok = isInside(domain, path.join(path.dirname(domain), spec.slice(2)));
    else ok = DOMAIN_PACKAGES.has(spec); // node:fs, react, kysely, … are outside the domain
    if (!ok) leaks.push(`${rel(file)}:${line} imports "${spec}"`);
  }
  return leaks;
}

// ---------------------------------------------------------------------------------------
// (d) No route catches a DomainError itself: formAction and apiCall map them.

function mentionsDomainErrorCheck(node: ts.Node): boolean {
  let hit = false;
  walk(node, (n) => {
    if (ts.isBinaryExpression(n) && n.operatorToken.kind === ts.SyntaxKind.InstanceOfKeyword) {
      const right = n.right;
      const name = ts.isIdentifier(right) ? right.text : ts.isPropertyAccessExpression(right) ? right.name.text : "";
      if (name === "DomainError") hit = true;
    }
  });
  return hit;
}

/** `catch (e) { … e instanceof DomainError … }` and `.catch((e) => … instanceof DomainError …)`. */
function domainErrorCatches(file: string, text?: string): string[] {
  const sf = parse(file, text);
  const found: string[] = [];
  walk(sf, (n) => {
    if (ts.isCatchClause(n) && mentionsDomainErrorCheck(n.block)) {
      found.push(`${rel(file)}:${lineOf(sf, n)} catch checks instanceof DomainError`);
    }
    if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      n.expression.name.text === "catch" &&
      n.arguments.some((arg) => mentionsDomainErrorCheck(arg))
    ) {
      found.push(`${rel(file)}:${lineOf(sf, n)} .catch checks instanceof DomainError`);
    }
  });
  return found;
}

// ---------------------------------------------------------------------------------------
// (c) The root of app/ holds at most six files.

const APP_ROOT_MAX_FILES = 6;

function filesAt(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
}

// ---------------------------------------------------------------------------------------

describe("the checkers (fixtures)", () => {
  const route = path.join(routesDir, "fixture.tsx");

  it("finds SQL in a route, and not in comments, strings or other calls", () => {
    const bad = [
      `export const loader = () => db.selectFrom("users").selectAll().execute();`,
      `await trx.insertInto("audit_log").values(row).execute();`,
      `await db\n  .updateTable("demands")\n  .set({ status })\n  .execute();`,
      `await db.deleteFrom("sessions").where("id", "=", id).execute();`,
      "const n = await sql<number>`select 1`.execute(db);",
      "const q = sql`select ${id}`;",
    ];
    for (const text of bad) expect(sqlInSource(route, text), text).toHaveLength(1);

    const good = [
      `// we used to call db.selectFrom here; now listDemands does\nexport const loader = () => listDemands(deps);`,
      `const label = "selectFrom and deleteFrom are db/ functions";`,
      "const msg = `sql is not allowed`;",
      `const r = await getDemand(deps, actor, id); const s = sqlish(r);`,
      "const html = htm`<p>${x}</p>`;",
    ];
    for (const text of good) expect(sqlInSource(route, text), text).toEqual([]);
  });

  it("finds imports that leave app/domain, in every import form", () => {
    const file = path.join(domainDir, "fixture.ts");
    const bad = [
      `import { db } from "../../db/connection.server";`,
      `import { t } from "../lib/i18n";`,
      `import { t } from "~/lib/i18n";`,
      `import type { DB } from "../../db/connection.server";`,
      `export { audit } from "../../db/audit.server";`,
      `import crypto from "node:crypto";`,
      `import { useState } from "react";`,
      `import { sql } from "kysely";`,
      `const m = await import("../features/deps.server");`,
      `type D = import("../../db/schema").Database;`,
      `const fs = require("fs");`,
    ];
    for (const text of bad) expect(domainLeaks(file, domainDir, text), text).toHaveLength(1);

    const good = [
      `import { z } from "zod";`,
      `import { DomainError } from "./errors";`,
      `import type { Role } from "./vocabulary";`,
      `export * from "./money";`,
      `import { x } from "./sub/thing";`,
      `import { y } from "~/domain/places";`,
      `const text = "import from ../../db is not an import";`,
    ];
    for (const text of good) expect(domainLeaks(file, domainDir, text), text).toEqual([]);
  });

  it("finds hand-written DomainError catches in a route, and not other checks", () => {
    const bad = [
      `try { await f(); } catch (err) { if (err instanceof DomainError) return invalid({ _form: err.code }); throw err; }`,
      `try { await f(); } catch (e) { if (e instanceof errors.DomainError) apiDomainError(e); throw e; }`,
      `await f().catch((e) => { if (e instanceof DomainError) return null; throw e; });`,
    ];
    for (const text of bad) expect(domainErrorCatches(route, text), text).toHaveLength(1);

    const good = [
      `return formAction(form.values, async () => { await useCase(deps, actor, form.data); return json({ ok: true }); });`,
      `try { await f(); } catch (err) { if (err instanceof Response) throw err; throw err; }`,
      `const isDomain = (e: unknown) => e instanceof DomainError; // outside a catch`,
      `await f().catch(() => undefined);`,
    ];
    for (const text of good) expect(domainErrorCatches(route, text), text).toEqual([]);
  });

  it("counts the files at the root of a folder, not its folders or their files", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "peitao-arch-"));
    try {
      for (const f of ["root.tsx", "entry.server.tsx", "context.ts", "styles.css"])
        fs.writeFileSync(path.join(dir, f), "");
      fs.mkdirSync(path.join(dir, "routes"));
      fs.writeFileSync(path.join(dir, "routes", "a.tsx"), "");
      expect(filesAt(dir)).toEqual(["context.ts", "entry.server.tsx", "root.tsx", "styles.css"]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("architecture (issue #11)", () => {
  const routes = sourceFiles(routesDir);

  it("finds the route modules and the domain modules", () => {
    expect(routes.length).toBeGreaterThan(20);
    expect(sourceFiles(domainDir).length).toBeGreaterThan(5);
  });

  it("(a) no route module contains SQL (selectFrom, insertInto, updateTable, deleteFrom, sql`)", () => {
    expect(routes.flatMap((f) => sqlInSource(f))).toEqual([]);
  });

  it("(b) app/domain imports nothing outside app/domain (packages: zod only)", () => {
    expect(sourceFiles(domainDir).flatMap((f) => domainLeaks(f, domainDir))).toEqual([]);
  });

  it(`(c) the root of app/ holds at most ${APP_ROOT_MAX_FILES} files`, () => {
    const files = filesAt(appDir);
    expect(files.length, `app/ holds ${files.join(", ")}`).toBeLessThanOrEqual(APP_ROOT_MAX_FILES);
  });

  it("(d) no route module catches DomainError itself (formAction and apiCall map it)", () => {
    expect(routes.flatMap((f) => domainErrorCatches(f))).toEqual([]);
  });
});
