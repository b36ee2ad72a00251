import fs from "node:fs";
import { processTree } from "./memory";

// Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ: 100 on Linux).
const TICKS_PER_SECOND = 100;

/**
 * CPU time (user + system) a process and its descendants have used so far, ms: the living
 * processes' own time and the time of the children they have reaped (PostgreSQL's backends
 * come and go; without the reaped part a tree's total could fall between two readings).
 */
export function treeCpuMs(root: number): number {
  let ticks = 0;
  for (const pid of processTree(root)) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // After the command: state (0), ppid (1), … utime (11), stime (12), cutime (13), cstime (14).
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      /* gone */
    }
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** CPU used by each named process tree (and this process) while `work` runs, ms. */
export async function cpuDuring<T>(
  trees: Record<string, number | undefined>,
  work: () => Promise<T>,
): Promise<{ result: T; cpuMs: Record<string, number> }> {
  const before = Object.fromEntries(Object.entries(trees).map(([k, pid]) => [k, pid ? treeCpuMs(pid) : 0]));
  const self = process.cpuUsage();
  const result = await work();
  const own = process.cpuUsage(self);
  const cpuMs: Record<string, number> = {};
  for (const [k, pid] of Object.entries(trees)) cpuMs[k] = pid ? treeCpuMs(pid) - before[k]! : 0;
  cpuMs.loadGenerator = (own.user + own.system) / 1000;
  return { result, cpuMs };
}
