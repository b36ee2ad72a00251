import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { postDemand } from "../../app/features/demands/demands.server";
import { demandCreate } from "../../app/features/demands/schemas";
import type { DB } from "../../db/connection.server";
import { seedDemoAccounts } from "../../db/demo-accounts.server";
import { createSession } from "../../db/sessions.server";
import { freePort } from "../../server/processes";
import { cpuDuring } from "./cpu";
import { treePeakMiB } from "./memory";
import { startServer } from "./server";

export interface PageLoad {
  requests: number;
  rps: number;
  p50: number;
  p97_5: number;
  p99: number;
  errors: number;
  /** CPU per request, ms: the server's processes, PostgreSQL's, Meilisearch's and autocannon's (this process). */
  cpuPerRequest: Record<string, number>;
}

/**
 * HTTP load with 32 connections on the demand ranking page, the dashboard and the chain map
 * API, against the server as `npm start` runs it (production build, its HTTP workers) on a
 * benchmark data set's PostgreSQL and Meilisearch. Each page's CPU per request is read from
 * /proc for every process involved, so the report says where the time goes.
 */
export async function measurePages(
  stores: {
    db: DB;
    dir: string;
    pg: { url: (db: string) => string };
    meili: { url: string; masterKey: string; pid: () => number | undefined };
  },
  opts: { seconds: number; workers?: string },
) {
  const { db, pg, meili, dir } = stores;
  await seedDemoAccounts(db);
  const buyer = await db
    .selectFrom("users")
    .select(["id", "organization_id"])
    .where("email", "=", "buyer@demo.peitao.example")
    .executeTakeFirstOrThrow();
  const official = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", "official@demo.peitao.example")
    .executeTakeFirstOrThrow();
  const plant = await db
    .selectFrom("plants")
    .select("code")
    .where("oem_id", "=", buyer.organization_id)
    .orderBy("code")
    .executeTakeFirstOrThrow();
  const { id: demandId } = await postDemand(
    { db, ip: null },
    { userId: buyer.id, organizationId: buyer.organization_id },
    demandCreate.parse({
      plant: plant.code,
      part_name: "基准测试件",
      category: "D01",
      annual_volume: 1000,
      radius_km: 100,
      visibility: "invited",
    }),
  );
  const port = await freePort();
  const server = await startServer({
    DATABASE_URL: pg.url("peitao"),
    MEILI_URL: meili.url,
    MEILI_MASTER_KEY: meili.masterKey,
    MEILI_INDEX_PREFIX: "bench_",
    PEITAO_SEED: "none",
    PORT: String(port),
    HOST: "127.0.0.1",
    NODE_ENV: "production",
    ...(opts.workers ? { PEITAO_WORKERS: opts.workers } : {}),
  });
  const postgresPid = Number(fs.readFileSync(path.join(dir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
  const cookie = async (userId: string) => `peitao_session=${(await createSession(db, userId)).token}`;
  const http: Record<string, PageLoad> = {};
  try {
    for (const [name, url, userId] of [
      ["demandPage", `/demands/${demandId}`, buyer.id],
      ["dashboard", "/dashboard?year=2025", official.id],
      ["chainMapApi", "/api/v1/chain-map?year=2025", official.id],
    ] as const) {
      const headers = { cookie: await cookie(userId) };
      await autocannon({ url: `http://127.0.0.1:${port}${url}`, connections: 32, duration: 2, headers }); // warm up
      const { result, cpuMs } = await cpuDuring(
        { node: server.pid, postgres: postgresPid, meilisearch: meili.pid() },
        () => autocannon({ url: `http://127.0.0.1:${port}${url}`, connections: 32, duration: opts.seconds, headers }),
      );
      const n = Math.max(1, result.requests.total);
      http[name] = {
        requests: result.requests.total,
        rps: Math.round(result.requests.average),
        p50: result.latency.p50,
        p97_5: result.latency.p97_5,
        p99: result.latency.p99,
        errors: result.errors + result.non2xx,
        cpuPerRequest: Object.fromEntries(
          Object.entries(cpuMs).map(([k, ms]) => [k, Math.round((ms / n) * 100) / 100]),
        ),
      };
    }
    return { httpWorkers: server.workers, http, appPeakMiB: treePeakMiB(server.pid) };
  } finally {
    await server.stop();
  }
}
