import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../../db/embedded.server";
import { startEmbeddedMeili, type EmbeddedMeiliHandle } from "../../search/embedded.server";

declare module "vitest" {
  export interface ProvidedContext {
    /** A URL to a database on the test server with the right to create databases. */
    pgAdminUrl: string;
    meiliUrl: string;
    meiliKey: string;
  }
}

/**
 * One real PostgreSQL and one real Meilisearch for the whole run: embedded by
 * default, or the servers named by DATABASE_URL / MEILI_URL (+ MEILI_MASTER_KEY).
 * Each test file then makes its own database and index prefix (tests/helpers).
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "peitao-test-"));
  fs.chmodSync(dir, 0o755); // the embedded server runs as user postgres when we are root
  let pg: EmbeddedPostgresHandle | undefined;
  let meili: EmbeddedMeiliHandle | undefined;

  let pgAdminUrl = process.env.DATABASE_URL;
  if (!pgAdminUrl) {
    pg = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), database: "peitao_test" });
    pgAdminUrl = pg.url("postgres");
  }
  let meiliUrl = process.env.MEILI_URL;
  let meiliKey = process.env.MEILI_MASTER_KEY ?? "";
  if (!meiliUrl) {
    meili = await startEmbeddedMeili({ dir: path.join(dir, "meili") });
    meiliUrl = meili.url;
    meiliKey = meili.masterKey;
  }
  project.provide("pgAdminUrl", pgAdminUrl);
  project.provide("meiliUrl", meiliUrl);
  project.provide("meiliKey", meiliKey);
  console.log(
    `[tests] PostgreSQL: ${pg ? "embedded" : "external (DATABASE_URL)"}; Meilisearch: ${meili ? "embedded" : "external (MEILI_URL)"}`,
  );

  return async () => {
    await meili?.stop();
    await pg?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
