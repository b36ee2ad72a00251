import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { blocksUser, unreachableMessage } from "../../db/embedded.server";
import { ConfigError } from "../../server/config";
import { INSTANCE_FILE, readOwner, useDataDir, type Owner } from "../../server/instance";
import { processStartTime } from "../../server/processes";

// Who holds a data directory's embedded services (decision 011), on real processes and
// files; the services themselves are exercised in tests/integration/operations.test.ts.

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "peitao-datadir-"));
  dirs.push(d);
  return d;
};
const sleeper = () => {
  const child = spawn("sleep", ["60"], { stdio: "ignore" });
  return child;
};
const children: ReturnType<typeof sleeper>[] = [];
afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function record(dir: string, owner: Partial<Owner> & { pid: number }) {
  const o: Owner = { kind: "server", command: "node server/index.ts", state: "ready", since: "", ...owner };
  fs.writeFileSync(path.join(dir, INSTANCE_FILE), JSON.stringify(o));
}

const quiet = () => {};

describe("the owner of a data directory", () => {
  it("is this process when nobody holds the directory, until it releases it", async () => {
    const dir = tmp();
    const use = await useDataDir({ dataDir: dir, kind: "server", log: quiet });
    expect(use.role).toBe("owner");
    expect(readOwner(dir)).toMatchObject({ pid: process.pid, kind: "server", state: "starting" });
    if (use.role === "owner") use.markReady();
    expect(readOwner(dir)?.state).toBe("ready");
    if (use.role === "owner") use.release();
    expect(fs.existsSync(path.join(dir, INSTANCE_FILE))).toBe(false);
  });

  it("takes over the record of a process that is gone, or of a pid now used by another process", async () => {
    const dir = tmp();
    const gone = spawn("true");
    await new Promise((r) => gone.once("exit", r));
    record(dir, { pid: gone.pid! });
    expect((await useDataDir({ dataDir: dir, kind: "server", log: quiet })).role).toBe("owner");

    const other = sleeper();
    children.push(other);
    record(dir, { pid: other.pid!, startTime: "1" }); // same pid, another start time: reused
    expect((await useDataDir({ dataDir: dir, kind: "server", log: quiet })).role).toBe("owner");
  });

  it("refuses a second server with one line naming the running one", async () => {
    const dir = tmp();
    const running = sleeper();
    children.push(running);
    record(dir, { pid: running.pid!, startTime: processStartTime(running.pid!) });
    const second = useDataDir({ dataDir: dir, kind: "server", log: quiet });
    await expect(second).rejects.toThrow(ConfigError);
    await expect(second).rejects.toThrow(
      `Peitao already runs on the data directory ${dir} (npm start, pid ${running.pid}): stop it first, ` +
        "or set PEITAO_DATA_DIR to another directory.",
    );
    expect(readOwner(dir)?.pid).toBe(running.pid); // untouched

    record(dir, { pid: running.pid!, startTime: processStartTime(running.pid!), kind: "cli", command: "npm run seed" });
    await expect(useDataDir({ dataDir: dir, kind: "server", log: quiet })).rejects.toThrow(
      `The data directory ${dir} is in use by a command (npm run seed, pid ${running.pid}): start again when it has finished`,
    );
  });

  it("makes a command the guest of a running server, with the services its probes found", async () => {
    const dir = tmp();
    const running = sleeper();
    children.push(running);
    record(dir, { pid: running.pid!, startTime: processStartTime(running.pid!) });
    const use = await useDataDir({
      dataDir: dir,
      kind: "cli",
      log: quiet,
      postgres: async () => ({ url: "postgres://found" }),
      meili: async () => ({ url: "http://found", masterKey: "k", answers: true }),
    });
    expect(use).toMatchObject({
      role: "guest",
      databaseUrl: "postgres://found",
      meili: { url: "http://found", masterKey: "k" },
    });
  });

  it("lets a command wait while the server's PostgreSQL does not answer, and fail with a message", async () => {
    const dir = tmp();
    const running = sleeper();
    children.push(running);
    record(dir, { pid: running.pid!, startTime: processStartTime(running.pid!) });
    const use = useDataDir({ dataDir: dir, kind: "cli", log: quiet, waitMs: 1_500, postgres: async () => undefined });
    await expect(use).rejects.toThrow(/runs on .*, but its PostgreSQL \(see .*pg\.log\) does not answer/);
  });

  it("makes a command wait for another command to finish, then own the directory", async () => {
    const dir = tmp();
    const other = spawn("sleep", ["1"], { stdio: "ignore" });
    record(dir, { pid: other.pid!, startTime: processStartTime(other.pid!), kind: "cli" });
    const lines: string[] = [];
    const t0 = Date.now();
    const use = await useDataDir({ dataDir: dir, kind: "cli", log: (m) => lines.push(m) });
    expect(use.role).toBe("owner");
    expect(Date.now() - t0).toBeGreaterThan(500);
    expect(lines).toEqual([expect.stringMatching(/^waiting for .* to finish/)]);
  });
});

describe("directories the postgres user must pass through", () => {
  const nobody = { uid: 65534, gids: [65534] };

  it("are blocked without x for the user, its groups or others", () => {
    const d = tmp();
    fs.chmodSync(d, 0o700);
    expect(blocksUser(d, nobody)).toBe(0o700);
    expect(blocksUser(d, undefined)).toBe(0o700);
    fs.chmodSync(d, 0o711);
    expect(blocksUser(d, nobody)).toBeUndefined();
    fs.chmodSync(d, 0o710);
    const st = fs.statSync(d);
    expect(blocksUser(d, { uid: 65534, gids: [65534, st.gid] })).toBeUndefined();
    expect(blocksUser(d, nobody)).toBe(0o710);
    expect(blocksUser(d, { uid: st.uid, gids: [] })).toBeUndefined();
  });

  it("are named with the command that fixes them, in one line", () => {
    const msg = unreachableMessage("/root/peitao/.data/pg", "/root", 0o700);
    expect(msg).toBe(
      "PostgreSQL runs as the user postgres and cannot reach /root/peitao/.data/pg: /root is mode 0700. " +
        "Run `chmod o+x /root` (or `setfacl -m u:postgres:x /root`), or set PEITAO_DATA_DIR to a directory outside /root.",
    );
    expect(msg).not.toContain("\n");
  });
});
