import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { createDb, type DB } from "../../db/connection.server";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../../db/embedded.server";
import { confirmMatch, inviteMatch, respondToMatch } from "../../app/features/matching/match-actions.server";
import { postTestDemand } from "../helpers/demands";
import { migrateToLatest } from "../../db/migrate.server";
import { loadReferenceData } from "../../db/reference.server";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { findUserByEmail } from "../../db/users.server";
import { createSearch } from "../../search/client.server";
import { freePort } from "../../server/processes";
import { serveApp, until, defaultSettings } from "../helpers/app";

// This file owns its PostgreSQL, so it can restart it under load.
let dir: string;
let port: number;
let pg: EmbeddedPostgresHandle;
let db: DB;
let app: Awaited<ReturnType<typeof serveApp>>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "peitao-pgrestart-"));
  fs.chmodSync(dir, 0o755);
  port = await freePort();
  pg = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), port, database: "peitao" });
  db = createDb(pg.url("peitao"), { max: 5 });
  await migrateToLatest(db);
  await loadReferenceData(db);
  await seedDemoIfEmpty(db);
  const search = createSearch({ url: inject("meiliUrl"), apiKey: inject("meiliKey"), prefix: "pgrestart_" });
  app = await serveApp({ db, search, ...defaultSettings() });
});

afterAll(async () => {
  await app?.close();
  await db?.destroy();
  await pg?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("PostgreSQL restarted under load", () => {
  it("answers 503 while it is down, recovers by itself, and leaves no half-written match or ledger entry", async () => {
    const buyer = (await findUserByEmail(db, "buyer@demo.peitao.example"))!;
    const b = { userId: buyer.id, organizationId: buyer.organization_id };
    const suppliers = await db
      .selectFrom("organizations")
      .select("id")
      .where("kind", "=", "supplier")
      .orderBy("id")
      .limit(30)
      .execute();
    const demandId = await postTestDemand(db, b, {
      part_name: "重启测试件",
      category: "E01",
      radius_km: 500,
      visibility: "invited",
    });
    const deps = { db, ip: null };
    for (const sup of suppliers) {
      await inviteMatch(deps, b, { demandId, supplierId: sup.id });
      await respondToMatch(
        deps,
        { userId: null, organizationId: sup.id },
        { demandId, response: { action: "express_interest", quote_fen: 1, quote_note: "" } },
      );
    }

    // Load: page requests and confirmations, while PostgreSQL stops and starts again.
    const statuses: number[] = [];
    let running = true;
    const pages = (async () => {
      while (running) {
        const res = await fetch(`${app.url}/plants`).catch(() => null);
        if (res) {
          statuses.push(res.status);
          await res.arrayBuffer();
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const confirms = (async () => {
      for (const [i, sup] of suppliers.entries()) {
        await confirmMatch(deps, b, {
          demandId,
          supplierId: sup.id,
          contract: { amount_fen: 1000 + i, annual_volume: null, year: 2026 },
        }).catch(() => null);
        await new Promise((r) => setTimeout(r, 60));
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    await pg.stop();
    await until(
      async () => statuses.slice(-3).length === 3 && statuses.slice(-3).every((s) => s === 503),
      15_000,
      "503 while down",
    );
    const down = await fetch(`${app.url}/api/v1/me`);
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("5");
    pg = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), port, database: "peitao" });
    await until(
      async () => statuses.slice(-3).length === 3 && statuses.slice(-3).every((s) => s === 200),
      20_000,
      "200 again",
    );
    running = false;
    await Promise.all([pages, confirms]);
    expect(statuses).toContain(503);
    expect(statuses[statuses.length - 1]).toBe(200);

    // Every confirmed match has exactly one ledger entry, and every match entry a confirmed match.
    const matches = await db
      .selectFrom("matches")
      .select(["id", "state", "contract_fen"])
      .where("demand_id", "=", demandId)
      .execute();
    const entries = await db
      .selectFrom("ledger_entries")
      .select(["match_id", "amount_fen"])
      .where(
        "match_id",
        "in",
        matches.map((m) => m.id),
      )
      .execute();
    const confirmed = matches.filter((m) => m.state === "confirmed");
    expect(entries.map((e) => e.match_id).sort()).toEqual(confirmed.map((m) => m.id).sort());
    for (const m of confirmed) expect(entries.find((e) => e.match_id === m.id)!.amount_fen).toBe(m.contract_fen);
    expect(matches.every((m) => m.state === "confirmed" || (m.state === "interested" && m.contract_fen === null))).toBe(
      true,
    );
  });
});
