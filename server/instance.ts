import fs from "node:fs";
import path from "node:path";
import { ConfigError } from "./config";
import { commandLine, isAlive, processStartTime } from "./processes";

// One process at a time starts and stops the embedded PostgreSQL and Meilisearch of a data
// directory: `npm start`, or a command run while no server runs. It records itself in
// <data dir>/instance.json. Another command finds the server there, reads the services'
// ports from their own pid files (postmaster.pid, meilisearch.pid), checks that they
// answer, and uses them without ever stopping them. Services whose owner is gone are a
// crash's leftovers; the next owner stops them (decision 011).

export const INSTANCE_FILE = "instance.json";

export interface Owner {
  pid: number;
  /** With the pid, names one process (a reused pid has another start time). */
  startTime?: string;
  kind: "server" | "cli";
  /** The owner's command line, for messages. */
  command: string;
  state: "starting" | "ready";
  since: string;
}

export type DataDirUse =
  | { role: "owner"; markReady: () => void; release: () => void }
  | {
      role: "guest";
      owner: Owner;
      databaseUrl?: string;
      meili?: { url: string; masterKey: string };
    };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function readOwner(dataDir: string): Owner | undefined {
  try {
    const o = JSON.parse(fs.readFileSync(path.join(dataDir, INSTANCE_FILE), "utf8")) as Owner;
    return Number.isInteger(o.pid) && o.pid > 0 ? o : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the recorded owner still runs (the same process, not a later one with its pid). */
export function ownerAlive(o: Owner): boolean {
  if (o.pid === process.pid || !isAlive(o.pid)) return false;
  const now = processStartTime(o.pid);
  return o.startTime === undefined || now === undefined || now === o.startTime;
}

function describe(o: Owner): string {
  return o.kind === "server" ? `npm start, pid ${o.pid}` : `${o.command}, pid ${o.pid}`;
}

function alreadyRuns(dataDir: string, owner: Owner): ConfigError {
  return new ConfigError(
    owner.kind === "server"
      ? `Peitao already runs on the data directory ${dataDir} (${describe(owner)}): ` +
          `stop it first, or set PEITAO_DATA_DIR to another directory.`
      : `The data directory ${dataDir} is in use by a command (${describe(owner)}): ` +
          `start again when it has finished, or set PEITAO_DATA_DIR to another directory.`,
  );
}

/** Throw the one-line refusal when a live process holds the data directory. */
export function refuseIfRunning(dataDir: string): void {
  const owner = readOwner(dataDir);
  if (owner && ownerAlive(owner)) throw alreadyRuns(dataDir, owner);
}

/** Record this process as the owner, atomically; or return the live owner that holds the directory. */
function tryClaim(dataDir: string, kind: Owner["kind"]): Owner | undefined {
  const file = path.join(dataDir, INSTANCE_FILE);
  const me: Owner = {
    pid: process.pid,
    startTime: processStartTime(process.pid),
    kind,
    command: (commandLine(process.pid) ?? process.argv.join(" ")).slice(0, 300),
    state: "starting",
    since: new Date().toISOString(),
  };
  const tmp = `${file}.${process.pid}`;
  fs.writeFileSync(tmp, `${JSON.stringify(me)}\n`);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        fs.linkSync(tmp, file); // fails when the file exists: one owner at a time
        return undefined;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 5) throw err;
      }
      const raw = fs.readFileSync(file, "utf8");
      const owner = readOwner(dataDir);
      if (owner && ownerAlive(owner)) return owner;
      // The owner is gone (crash, kill -9): its record is stale. Remove it unless another
      // process replaced it meanwhile.
      if (fs.readFileSync(file, "utf8") === raw) fs.rmSync(file, { force: true });
    }
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Decide how this process uses the embedded services of `dataDir`: as their owner (it starts
 * and stops them), or as a guest of a running server. A server refuses a directory held by
 * another live process; a command waits for another command to finish, and for a server
 * that is still starting.
 */
export async function useDataDir(opts: {
  dataDir: string;
  kind: Owner["kind"];
  /**
   * How a guest finds the owner's services (each from its pid file, confirmed by a real
   * connection); absent for a service that is not embedded.
   */
  postgres?: () => Promise<{ url: string } | undefined>;
  meili?: () => Promise<{ url: string; masterKey: string; answers: boolean } | undefined>;
  log: (msg: string) => void;
  /** How long a command waits for a server to become ready and its services to answer. */
  waitMs?: number;
}): Promise<DataDirUse> {
  const { dataDir, log } = opts;
  fs.mkdirSync(dataDir, { recursive: true });
  const waitMs = opts.waitMs ?? 120_000;
  let said = "";
  const say = (msg: string) => {
    if (msg !== said) log(msg);
    said = msg;
  };
  const started = Date.now();

  for (;;) {
    const owner = tryClaim(dataDir, opts.kind);
    if (!owner) {
      const file = path.join(dataDir, INSTANCE_FILE);
      const mine = () => readOwner(dataDir)?.pid === process.pid;
      return {
        role: "owner",
        markReady: () => {
          const o = readOwner(dataDir);
          if (o?.pid !== process.pid) return;
          fs.writeFileSync(`${file}.${process.pid}`, `${JSON.stringify({ ...o, state: "ready" })}\n`);
          fs.renameSync(`${file}.${process.pid}`, file);
        },
        release: () => {
          if (mine()) fs.rmSync(file, { force: true });
        },
      };
    }
    if (opts.kind === "server") {
      throw alreadyRuns(dataDir, owner);
    }
    if (owner.kind === "cli") {
      // Its services stop when it ends: wait for it rather than use them.
      say(`waiting for ${describe(owner)} to finish (it uses ${dataDir}) …`);
      await sleep(500);
      continue;
    }
    const outOfTime = Date.now() - started > waitMs;
    if (owner.state !== "ready") {
      if (outOfTime) throw new Error(`Peitao (${describe(owner)}) is still starting; try again when it is ready.`);
      say(`waiting for the running Peitao (${describe(owner)}) to finish starting …`);
      await sleep(500);
      continue;
    }
    const pg = await opts.postgres?.();
    const meili = await opts.meili?.();
    const pgOk = !opts.postgres || pg !== undefined;
    // A Meilisearch that does not answer is restarted by the server; the command may go on
    // without search after a while (as a server does), but not without PostgreSQL.
    const meiliOk = !opts.meili || meili?.answers === true || (meili !== undefined && Date.now() - started > 15_000);
    if (pgOk && meiliOk) {
      log(`using the PostgreSQL and Meilisearch of the running Peitao (${describe(owner)}); they keep running`);
      return {
        role: "guest",
        owner,
        ...(pg ? { databaseUrl: pg.url } : {}),
        ...(meili ? { meili: { url: meili.url, masterKey: meili.masterKey } } : {}),
      };
    }
    if (!ownerAlive(owner)) continue; // it stopped meanwhile: its services are leftovers now
    if (outOfTime) {
      const which = !pgOk ? `PostgreSQL (see ${path.join(dataDir, "pg.log")})` : "Meilisearch";
      throw new Error(`Peitao (${describe(owner)}) runs on ${dataDir}, but its ${which} does not answer.`);
    }
    say(`waiting for the services of the running Peitao (${describe(owner)}) to answer …`);
    await sleep(1_000);
  }
}
