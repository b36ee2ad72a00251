import fs from "node:fs";

/** Peak resident memory (VmHWM) of a process, MiB; 0 when it cannot be read. */
export function peakMiB(pid: number): number {
  try {
    const m = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(/VmHWM:\s+(\d+) kB/);
    return m ? Math.round(Number(m[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** A process and all its descendants (PostgreSQL's backends, for example). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(name));
      children.set(ppid, list);
    } catch {
      /* gone */
    }
  }
  const out: number[] = [];
  const walk = (p: number) => {
    out.push(p);
    for (const c of children.get(p) ?? []) walk(c);
  };
  walk(root);
  return out;
}

/** Sum of the peaks of a process tree (an upper bound of the tree's peak), MiB. */
export function treePeakMiB(root: number): number {
  return processTree(root).reduce((sum, pid) => sum + peakMiB(pid), 0);
}

/** Resident memory of a process now, MiB: anonymous (heap) and file-backed (mapped files such as LMDB's). */
export function rssParts(pid: number): { anon: number; file: number } | undefined {
  try {
    const s = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (k: string) => Number(s.match(new RegExp(`${k}:\\s+(\\d+) kB`))?.[1] ?? 0);
    return { anon: Math.round(kb("RssAnon") / 1024), file: Math.round((kb("RssFile") + kb("RssShmem")) / 1024) };
  } catch {
    return undefined;
  }
}

/**
 * Samples a process's resident memory every `everyMs` until stopped: the peak of the total
 * and, at that moment, how much of it was anonymous and how much mapped files.
 */
export function sampleRss(pid: () => number | undefined, everyMs = 1000) {
  let peak = { total: 0, anon: 0, file: 0 };
  const take = () => {
    const p = pid();
    const parts = p ? rssParts(p) : undefined;
    if (parts && parts.anon + parts.file > peak.total) peak = { total: parts.anon + parts.file, ...parts };
  };
  const timer = setInterval(take, everyMs);
  timer.unref();
  return {
    stop() {
      take();
      clearInterval(timer);
      return peak;
    },
  };
}
