import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { appendLog } from "../../db/embedded.server";

// A line PostgreSQL printed after its stop had ended the log was written to an ended
// stream: an uncaught "write after end" in the next test (seen in pg-restart.test.ts).
describe("the embedded PostgreSQL log", () => {
  it("keeps lines written before the end and drops later ones without an error", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "peitao-log-")), "pg.log");
    const log = appendLog(file);
    const errors: unknown[] = [];
    process.on("uncaughtException", (e) => errors.push(e));
    log.write("before");
    // The server's last lines arrive as the log ends (before the file is closed).
    await new Promise<void>((resolve) =>
      log.end(() => {
        log.write("after the stop");
        resolve();
      }),
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(errors).toEqual([]);
    expect(fs.readFileSync(file, "utf8")).toBe("before\n");
  });
});
