import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, inject } from "vitest";
import { createDb, type DB } from "../../db/connection.server";
import { createDemand } from "../../db/demands.server";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../../db/embedded.server";
import { applyMatchAction } from "../../db/matches.server";
import { migrateToLatest } from "../../db/migrate.server";
import { loadReferenceData } from "../../db/reference.server";
import { seedDemoIfEmpty } from "../../db/seed.server";
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
    const plant = await db.selectFrom("plants").select("id").where("oem_id", "=", buyer.organization_id).executeTakeFirstOrThrow();
    const suppliers = await db.selectFrom("organizations").select("id").where("kind", "=", "supplier").orderBy("id").limit(30).execute();
    const demandId = await createDemand(db, buyer.organization_id, buyer.id, {
      plantId: plant.id, partName: "重启测试件", categoryCode: "E01", allowGroup: false, spec: "", annualVolume: null, unit: "件",
      sopDate: null, requiredCerts: [], radiusKm: 500, responseDeadline: null, visibility: "invited",
    });
    for (const sup of suppliers) {
      await applyMatchAction(db, { demandId, supplierId: sup.id, action: "invite", side: "buyer", actor: b });
      await applyMatchAction(db, { demandId, action: "express_interest", side: "supplier", actor: { userId: null, organizationId: sup.id }, quoteFen: 1 });
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
        await applyMatchAction(db, { demandId, supplierId: sup.id, action: "confirm", side: "buyer", actor: b, contract: { amountFen: 1000 + i, volume: null, year: 2026 } }).catch(() => null);
        await new Promise((r) => setTimeout(r, 60));
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    await pg.stop();
    await until(async () => statuses.slice(-3).length === 3 && statuses.slice(-3).every((s) => s === 503), 15_000, "503 while down");
    const down = await fetch(`${app.url}/api/v1/me`);
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("5");
    pg = await startEmbeddedPostgres({ dir: path.join(dir, "pg"), port, database: "peitao" });
    await until(async () => statuses.slice(-3).length === 3 && statuses.slice(-3).every((s) => s === 200), 20_000, "200 again");
    running = false;
    await Promise.all([pages, confirms]);
    expect(statuses).toContain(503);
    expect(statuses[statuses.length - 1]).toBe(200);

    // Every confirmed match has exactly one ledger entry, and every match entry a confirmed match.
    const matches = await db.selectFrom("matches").select(["id", "state", "contract_fen"]).where("demand_id", "=", demandId).execute();
    const entries = await db.selectFrom("ledger_entries").select(["match_id", "amount_fen"]).where("match_id", "in", matches.map((m) => m.id)).execute();
    const confirmed = matches.filter((m) => m.state === "confirmed");
    expect(entries.map((e) => e.match_id).sort()).toEqual(confirmed.map((m) => m.id).sort());
    for (const m of confirmed) expect(entries.find((e) => e.match_id === m.id)!.amount_fen).toBe(m.contract_fen);
    expect(matches.every((m) => m.state === "confirmed" || (m.state === "interested" && m.contract_fen === null))).toBe(true);
  });
});
