import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { treeCpuMs } from "../bench/cpu";

// A parent that, on "go", runs a child busy for 400 ms of CPU, waits for it to exit, says
// "done" and stays alive: as PostgreSQL's postmaster does with a backend.
const parentScript = `
const { spawnSync } = require("node:child_process");
process.stdin.once("data", () => {
  spawnSync(process.execPath, ["-e", "const t = process.cpuUsage(); while ((process.cpuUsage(t).user + process.cpuUsage(t).system) < 400000);"]);
  process.stdout.write("done\\n");
});
setInterval(() => {}, 1000);
`;

describe("the benchmark's CPU per process tree", () => {
  it("keeps counting a child's CPU after the child has exited", async () => {
    const parent = spawn(process.execPath, ["-e", parentScript], { stdio: ["pipe", "pipe", "inherit"] });
    try {
      await new Promise((r) => setTimeout(r, 300));
      const before = treeCpuMs(parent.pid!);
      parent.stdin.write("go\n");
      await once(parent.stdout, "data");
      const used = treeCpuMs(parent.pid!) - before;
      expect(used).toBeGreaterThanOrEqual(350);
      expect(used).toBeLessThan(5_000);
    } finally {
      parent.kill();
    }
  });
});
