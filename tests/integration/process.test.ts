import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePorts, isAlive } from "../../server/processes";

// `npm start` as a user runs it: its own data directory, embedded PostgreSQL and
// Meilisearch, demo data; then crashes, restarts and signals.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "peitao-start-"));
fs.chmodSync(dataDir, 0o755);
const children: ChildProcess[] = [];

function childEnv(port: number, extra: Record<string, string> = {}) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PEITAO_DATA_DIR: dataDir,
    PORT: String(port),
    HOST: "127.0.0.1",
    ...extra,
  };
  delete env.DATABASE_URL;
  delete env.MEILI_URL;
  delete env.MEILI_MASTER_KEY;
  return env;
}

async function ports() {
  const [app, pg, meili] = await freePorts(3);
  return { app: app!, extra: { PG_PORT: String(pg), MEILI_PORT: String(meili) } };
}

function start(port: number, extra: Record<string, string> = {}) {
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: childEnv(port, extra),
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 90 s:\n${output}`)), 90_000);
    child.stdout!.on("data", () => {
      if (output.includes("is ready at")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, ready, exited, output: () => output };
}

function servicePids() {
  const pg = Number(fs.readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0]);
  const meili = Number(fs.readFileSync(path.join(dataDir, "meili", "meilisearch.pid"), "utf8").split("\n")[0]);
  return { pg, meili };
}

async function waitDead(pid: number, ms = 20_000) {
  const deadline = Date.now() + ms;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return !isAlive(pid);
}

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill("SIGKILL");
  // Leave nothing behind even when a test failed half-way.
  try {
    const { pg, meili } = servicePids();
    for (const pid of [pg, meili]) if (isAlive(pid)) process.kill(pid, "SIGKILL");
  } catch {
    /* already gone */
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start", () => {
  it("refuses a bad configuration with one message naming the variable", async () => {
    const run = start(0, { PORT: "eighty" });
    run.ready.catch(() => {});
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/Invalid configuration:\n\s+PORT:/);
  });

  it("serves the home page with demo counts, survives a crash, reuses its data and stops cleanly", async () => {
    const { app: port, extra } = await ports();
    const first = start(port, extra);
    await first.ready;
    expect(first.output()).toContain("demo data seeded");
    const home = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
    expect(home).toMatch(/data-testid="count-suppliers"><dt>[^<]+<\/dt><dd>300</);
    const crashed = servicePids();

    // A crash of the app process leaves its PostgreSQL and Meilisearch behind …
    first.child.kill("SIGKILL");
    await first.exited;

    // … and the next start clears them, reuses the data and does not seed again.
    const second = start(port, extra);
    await second.ready;
    expect(second.output()).not.toContain("demo data seeded");
    expect(isAlive(crashed.pg)).toBe(false);
    expect(isAlive(crashed.meili)).toBe(false);
    const again = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text());
    expect(again).toMatch(/data-testid="count-suppliers"><dt>[^<]+<\/dt><dd>300</);
    const running = servicePids();
    expect(isAlive(running.pg) && isAlive(running.meili)).toBe(true);

    second.child.kill("SIGTERM");
    expect(await second.exited).not.toBeNull();
    expect(await waitDead(running.pg)).toBe(true);
    expect(await waitDead(running.meili)).toBe(true);
    expect(second.output()).toContain("stopped");
  }, 90_000);

  it("stops on Ctrl-C (SIGINT) too, leaving no process behind", async () => {
    const { app: port, extra } = await ports();
    const run = start(port, extra);
    await run.ready;
    const pids = servicePids();
    run.child.kill("SIGINT");
    await run.exited;
    expect(await waitDead(pids.pg)).toBe(true);
    expect(await waitDead(pids.meili)).toBe(true);
  });
});
