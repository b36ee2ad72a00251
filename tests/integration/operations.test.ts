import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commandLine, freePort, isAlive } from "../../server/processes";

// The real `npm start` as an operator runs it, beside daily administration, and stopped as a
// supervisor stops it (issue 12, decision 011). The build exists: `npm test` builds first, and
// `--ignore-scripts` skips the prestart build, which would replace the assets other test files
// are serving. The data directory is a fresh mkdtemp directory (mode 0700): as root, the
// embedded PostgreSQL (run as the user postgres) must still reach it.

const root = path.resolve(import.meta.dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "peitao-ops-"));
const seen = new Set<number>(); // every pid of every tree started here, killed in afterAll
let port: number;

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function npm(args: string[]): Run {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PEITAO_DATA_DIR: dataDir,
    PEITAO_SEED: "none",
    PEITAO_WORKERS: "2",
    PORT: String(port),
    HOST: "127.0.0.1",
    NODE_ENV: "production",
  };
  for (const name of ["DATABASE_URL", "MEILI_URL", "MEILI_MASTER_KEY", "PG_PORT", "MEILI_PORT"]) delete env[name];
  const child = spawn("npm", args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  if (child.pid) seen.add(child.pid);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** `npm start` (the start script alone), ready when /healthz answers 200. */
async function startServer(): Promise<Run> {
  const run = npm(["start", "--ignore-scripts"]);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (run.child.exitCode !== null) throw new Error(`npm start exited (${run.child.exitCode}):\n${run.output()}`);
    if ((await health()) === 200) return run;
    if (Date.now() > deadline) throw new Error(`/healthz not 200 within 90 s:\n${run.output()}`);
    await sleep(250);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function health(): Promise<number | string> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(3_000) });
    await res.arrayBuffer();
    return res.status;
  } catch (err) {
    return String((err as Error).cause ?? err);
  }
}

/** Every descendant of `pid`, from /proc (parent links), with its command line. */
function tree(pid: number): { pid: number; cmd: string }[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      /* ended meanwhile */
    }
  }
  const found: { pid: number; cmd: string }[] = [];
  const queue = [pid];
  while (queue.length) {
    for (const c of children.get(queue.shift()!) ?? []) {
      found.push({ pid: c, cmd: commandLine(c) ?? "" });
      queue.push(c);
    }
  }
  for (const p of found) seen.add(p.pid);
  return found;
}

/** The server, its HTTP workers, PostgreSQL and Meilisearch are all in the tree. */
function expectWholeTree(procs: { cmd: string }[]) {
  expect(procs.filter((p) => /^\S*node .*server\/index\.ts/.test(p.cmd)).length).toBe(3); // primary + 2 workers
  expect(procs.some((p) => /bin\/postgres -D/.test(p.cmd))).toBe(true);
  expect(procs.some((p) => /meilisearch --db-path/.test(p.cmd))).toBe(true);
}

function portOpen(): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** Within `ms`, the port refuses connections and none of `pids` runs; returns how long it took. */
async function allGone(pids: number[], ms: number): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    if (!pids.some(isAlive) && !(await portOpen())) return Date.now() - t0;
    await sleep(100);
  }
  const left = pids.filter(isAlive).map((p) => `${p} ${commandLine(p)}`);
  throw new Error(`after ${ms} ms: port open ${await portOpen()}; still running:\n${left.join("\n")}`);
}

let server: Run;

beforeAll(async () => {
  expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
  port = await freePort();
  server = await startServer(); // the first start (initdb, migrations) may take a while on a loaded machine
}, 120_000);

afterAll(async () => {
  for (const pid of seen) if (isAlive(pid)) process.kill(pid, "SIGKILL");
  await sleep(200);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("npm start beside administration and under a supervisor", () => {
  it("answers /healthz 200 throughout while admin list-users, create-user and reindex use its services", async () => {
    const before = tree(server.child.pid!);
    expectWholeTree(before);
    const services = before.filter((p) => /bin\/postgres -D|meilisearch --db-path/.test(p.cmd)).map((p) => p.pid);

    const polls: (number | string)[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling) {
        polls.push(await health());
        await sleep(200);
      }
    })();

    const results: { args: string[]; code: number | null; output: string }[] = [];
    for (const args of [
      ["run", "admin", "--", "create-user", "--role", "admin", "--email", "ops@example.com", "--name", "运维"],
      ["run", "admin", "--", "list-users"],
      ["run", "reindex"],
    ]) {
      const cli = npm(args);
      results.push({ args, code: await cli.exited, output: cli.output() });
    }
    await sleep(1_000); // polls after the last command ended
    polling = false;
    await poller;

    for (const r of results) {
      expect(r.code, `${r.args.join(" ")}:\n${r.output}`).toBe(0);
      expect(r.output).toContain("using the PostgreSQL and Meilisearch of the running Peitao");
    }
    expect(results[1]!.output).toMatch(/^admin\s+ops@example\.com\s/m);
    expect(results[2]!.output).toMatch(/search indexes \(directory and ranking\) rebuilt and swapped in/);
    expect(polls.length).toBeGreaterThan(10);
    expect(polls.filter((s) => s !== 200)).toEqual([]);
    // The same PostgreSQL and Meilisearch still run: nothing was stopped or restarted.
    for (const pid of services) expect(isAlive(pid)).toBe(true);
  }, 90_000);

  it("refuses a second npm start on the same data directory with one line, before it builds", async () => {
    const built = fs.statSync(path.join(root, "build", "index.js")).mtimeMs;
    // npm runs the start script in a shell that execs node: the server is npm's child.
    const primary = tree(server.child.pid!).find((p) => /^node .*server\/index\.ts/.test(p.cmd))!;
    const line = `Peitao already runs on the data directory ${dataDir} (npm start, pid ${primary.pid})`;
    const early = npm(["start"]); // prestart: the check, then the build
    expect(await early.exited).not.toBe(0);
    expect(early.output()).toContain(line);
    expect(early.output()).not.toContain("remix build");
    const late = npm(["start", "--ignore-scripts"]); // the server's own check
    expect(await late.exited).not.toBe(0);
    expect(late.output()).toContain(line);
    expect(late.output()).not.toContain("starting embedded PostgreSQL");
    expect(fs.statSync(path.join(root, "build", "index.js")).mtimeMs).toBe(built);
    expect(await health()).toBe(200);
  }, 60_000);

  it("stops the server, its workers, PostgreSQL and Meilisearch within 15 s of SIGTERM to npm alone", async () => {
    const procs = tree(server.child.pid!);
    expectWholeTree(procs);
    server.child.kill("SIGTERM"); // to npm only, as systemd or docker stop would
    await allGone(
      procs.map((p) => p.pid),
      15_000,
    );
    expect(await server.exited).toBe(0);
    expect(server.output()).toContain("[peitao] stopped");
    expect(fs.existsSync(path.join(dataDir, "instance.json"))).toBe(false);
  }, 60_000);

  it("stops everything by itself when npm is killed outright (the server notices its parent is gone)", async () => {
    const again = await startServer();
    const procs = tree(again.child.pid!);
    expectWholeTree(procs);
    again.child.kill("SIGKILL");
    await allGone(
      procs.map((p) => p.pid),
      15_000,
    );
    expect(again.output()).toContain("(npm) is gone; stopping");
  }, 90_000);
});
