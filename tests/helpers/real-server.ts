import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inject } from "vitest";
import { commandLine, freePort } from "../../server/processes";
import type { TestServices } from "./services";

/**
 * The server as `npm start` runs it (primary + HTTP workers, node:cluster), on the test
 * file's database and index prefix, without demo data. For findings that only show in the
 * real process tree: a worker's memory, a worker that dies.
 */
export interface RealServer {
  url: string;
  child: ChildProcess;
  /** The HTTP workers' pids (the primary's children). */
  workerPids: () => number[];
  output: () => string;
  stop: () => Promise<void>;
}

export async function startRealServer(services: TestServices, env: Record<string, string> = {}): Promise<RealServer> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ss-"));
  const child = spawn(process.execPath, ["--import", "tsx", "server/index.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      PEITAO_DATA_DIR: dataDir,
      PEITAO_SEED: "none",
      PEITAO_WORKERS: "1",
      DATABASE_URL: services.databaseUrl,
      MEILI_URL: inject("meiliUrl"),
      MEILI_MASTER_KEY: inject("meiliKey"),
      MEILI_INDEX_PREFIX: services.prefix,
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready in 90 s:\n${output}`)), 90_000);
    const check = () => {
      if (!output.includes("is ready at")) return;
      clearTimeout(timer);
      child.stdout!.off("data", check);
      resolve();
    };
    child.stdout!.on("data", check);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}:\n${output}`));
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    // Its children that run this server (not tsx's esbuild service).
    workerPids: () => childPids(child.pid!).filter((pid) => commandLine(pid)?.includes("server/index.ts")),
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The children of a process (Linux /proc). */
export function childPids(pid: number): number[] {
  const tasks = fs.readdirSync(`/proc/${pid}/task`);
  return tasks.flatMap((t) => {
    try {
      return fs.readFileSync(`/proc/${pid}/task/${t}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
}

/** A process's resident memory and its peak, in bytes (/proc/<pid>/status VmRSS, VmHWM). */
export function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb("VmRSS"), peak: kb("VmHWM") };
}
