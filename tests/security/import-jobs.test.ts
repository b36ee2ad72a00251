import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IMPORT_COLUMNS } from "../../app/domain/supplier-import";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { createApiToken } from "../../db/api-tokens.server";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { listProcurementJobs } from "../../db/procurement-import.server";
import { getImportJob, listImportJobs } from "../../db/supplier-import.server";
import { findUserByEmail } from "../../db/users.server";
import { until } from "../helpers/app";
import { HttpClient } from "../helpers/http";
import { bigCsv, bigXlsx } from "../helpers/import-files";
import { startRealServer, type RealServer } from "../helpers/real-server";
import { testServices, type TestServices } from "../helpers/services";

// Finding 7 (second half): four concurrent XLSX uploads with one OEM token made /healthz
// time out for about 50 s. Finding 15: a supplier import job stayed "running" forever when
// its worker died (97 rows written while the job showed 0 done). Against the server as
// `npm start` runs it: one import per organization runs, the others are queued; /healthz
// answers throughout; a killed worker's import is resumed, or failed with what it wrote.

const LEASE_SECONDS = 3;
let s: TestServices;
let server: RealServer;
let oemId: string;
let oemToken: string;
let official: HttpClient;

beforeAll(async () => {
  s = await testServices({ reconcile: false });
  await seedDemoIfEmpty(s.db);
  const oem = (await findUserByEmail(s.db, "oem-admin@demo.peitao.example"))!;
  oemId = oem.organization_id;
  oemToken = (await createApiToken(s.db, oem.organization_id, "SRM", oem.id)).token;
  server = await startRealServer(s, { PEITAO_IMPORT_LEASE_SECONDS: String(LEASE_SECONDS) });
  official = new HttpClient(server.url);
  await official.post("/login", { email: "official@demo.peitao.example", password: DEMO_PASSWORD });
  expect(official.cookie).not.toBe("");
}, 180_000);

afterAll(async () => {
  await server?.stop();
});

/** Ask /healthz every 250 ms until stopped; every answer must come within 5 s. */
function watchHealth() {
  const answers: { status: number | string; ms: number }[] = [];
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      const t0 = Date.now();
      const status = await fetch(`${server.url}/healthz`, { signal: AbortSignal.timeout(5_000) }).then(
        (r) => r.status,
        (e: Error) => e.name,
      );
      answers.push({ status, ms: Date.now() - t0 });
      await new Promise((r) => setTimeout(r, 250));
    }
  })();
  return {
    stop: async () => {
      stop = true;
      await loop;
      return answers;
    },
  };
}

const postLedger = (body: Uint8Array, type: string) =>
  fetch(`${server.url}/api/v1/ledger/imports`, {
    method: "POST",
    headers: { authorization: `Bearer ${oemToken}`, "content-type": type },
    body: Buffer.from(body),
  });

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function supplierCsv(rows: number, tag: string) {
  const header = IMPORT_COLUMNS.map((c) => c.zh);
  const line = (i: number) =>
    IMPORT_COLUMNS.map((c) =>
      c.key === "nameZh"
        ? `${tag}${i}号配套有限公司`
        : c.key === "county"
          ? "220106"
          : c.key === "categories"
            ? "E01"
            : "",
    ).join(",");
  return [header.join(","), ...Array.from({ length: rows }, (_, i) => line(i + 1))].join("\n");
}

async function uploadSuppliers(csv: string, name: string) {
  const form = new FormData();
  form.set("file", new Blob([csv]), name);
  const res = await fetch(`${server.url}/imports?index`, {
    method: "POST",
    headers: { origin: server.url, cookie: official.cookie },
    body: form,
    redirect: "manual",
  });
  expect(res.status).toBe(302);
  return res.headers.get("location")!.split("/").pop()!;
}

const supplierCount = async (tag: string) =>
  Number(
    (
      await s.db
        .selectFrom("organizations")
        .select((eb) => eb.fn.countAll().as("n"))
        .where("name_zh", "like", `${tag}%`)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("finding 7: concurrent uploads by one organization", () => {
  it("refuses four concurrent over-limit workbooks while /healthz keeps answering", async () => {
    const file = await bigXlsx(60_000, "BIG");
    expect(file.length).toBeGreaterThan(1_000_000);
    const health = watchHealth();
    const answers = await Promise.all(Array.from({ length: 4 }, () => postLedger(file, XLSX)));
    const healthAnswers = await health.stop();
    for (const res of answers) {
      expect(res.status).toBe(400);
      expect((await res.json()).message).toMatch(/At most 50000 rows/);
    }
    expect(healthAnswers.length).toBeGreaterThan(0);
    for (const a of healthAnswers) expect(a.status).toBe(200);
  }, 180_000);

  it("runs one procurement import of an OEM at a time, the others queued, /healthz answering", async () => {
    const health = watchHealth();
    let maxRunning = 0;
    let sawQueued = false;
    let watching = true;
    const watcher = (async () => {
      while (watching) {
        const jobs = await listProcurementJobs(s.db, oemId, 20);
        maxRunning = Math.max(maxRunning, jobs.filter((j) => j.status === "running").length);
        sawQueued ||= jobs.some((j) => j.status === "queued");
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const answers = await Promise.all(
      ["Q1-", "Q2-", "Q3-", "Q4-"].map((prefix) => postLedger(bigCsv(1500, prefix), "text/csv")),
    );
    watching = false;
    await watcher;
    const healthAnswers = await health.stop();
    for (const res of answers) {
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ inserted: 1500, rejected: 0 });
    }
    expect(maxRunning).toBe(1);
    expect(sawQueued).toBe(true);
    const jobs = (await listProcurementJobs(s.db, oemId, 20)).filter((j) => j.total_rows === 1500);
    expect(jobs.map((j) => j.status)).toEqual(["done", "done", "done", "done"]);
    for (const a of healthAnswers) expect(a.status).toBe(200);
  }, 180_000);

  it("queues an organization's supplier imports behind its running one and runs them all", async () => {
    const ids = await Promise.all(
      ["甲", "乙", "丙"].map((tag) => uploadSuppliers(supplierCsv(150, `排队测试${tag}`), `${tag}.csv`)),
    );
    let maxRunning = 0;
    let sawQueued = false;
    await until(
      async () => {
        const jobs = (await listImportJobs(s.db, 50)).filter((j) => ids.includes(j.id));
        maxRunning = Math.max(maxRunning, jobs.filter((j) => j.status === "running").length);
        sawQueued ||= jobs.some((j) => j.status === "queued");
        return jobs.every((j) => j.status === "done");
      },
      120_000,
      "three imports done",
    );
    expect(maxRunning).toBe(1);
    expect(sawQueued).toBe(true);
    expect(await supplierCount("排队测试")).toBe(450);
  }, 180_000);
});

describe("finding 15: import jobs survive a dead worker", () => {
  it("resumes a supplier import whose worker was killed, writing every row once", async () => {
    const rows = 600;
    const jobId = await uploadSuppliers(supplierCsv(rows, "续传测试"), "resume.csv");
    await until(
      async () => ((await getImportJob(s.db, jobId))?.processed_rows ?? 0) >= 100,
      60_000,
      "some rows imported",
    );
    const [worker] = server.workerPids();
    process.kill(worker!, "SIGKILL");
    // The primary replaces the worker; the job's lease runs out and the primary resumes it.
    const job = await until(
      async () => {
        const j = await getImportJob(s.db, jobId);
        return j?.status === "done" || j?.status === "failed" ? j : undefined;
      },
      120_000,
      "job ended",
    );
    expect(job).toMatchObject({ status: "done", processed_rows: rows, inserted: rows, error: null });
    expect(await supplierCount("续传测试")).toBe(rows);
    expect(server.output()).toContain("supplier imports taken up");
    const page = await (await official.get(`/imports/${jobId}`)).text();
    expect(page).toContain('data-status="done"');
  }, 240_000);

  it("marks a procurement import whose worker was killed failed, with what it wrote", async () => {
    await until(async () => server.workerPids().length === 1 && (await fetch(`${server.url}/healthz`)).ok, 60_000);
    const request = postLedger(bigCsv(6000, "KILL-"), "text/csv").catch(() => null);
    const running = await until(
      async () => {
        const [j] = await listProcurementJobs(s.db, oemId, 1);
        return j && j.status === "running" && j.processed_rows > 0 ? j : undefined;
      },
      60_000,
      "procurement import running",
    );
    const [worker] = server.workerPids();
    process.kill(worker!, "SIGKILL");
    expect(await request).toBeNull();
    const job = await until(
      async () => {
        const [j] = await listProcurementJobs(s.db, oemId, 1);
        return j?.id === running.id && j.status !== "running" ? j : undefined;
      },
      60_000,
      "job failed",
    );
    const written = Number(
      (
        await s.db
          .selectFrom("ledger_entries")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("oem_id", "=", oemId)
          .where("document_no", "like", "KILL-%")
          .executeTakeFirstOrThrow()
      ).n,
    );
    expect(job.status).toBe("failed");
    expect(job.error).toBe("lease_expired");
    // Its counts are what it wrote: the entries committed with its progress.
    expect(job.inserted).toBe(written);
    expect(written).toBeGreaterThan(0);
  }, 180_000);
});
