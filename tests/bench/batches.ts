import type { Search } from "../../search/client.server";

/** An ISO 8601 duration as Meilisearch writes a batch's ("PT0.123456S", "PT1M2.5S"), in ms. */
export function durationMs(iso: string | null): number | undefined {
  const m = iso?.match(/^PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?$/);
  if (!m) return undefined;
  return (Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0)) * 1000;
}

/** Meilisearch's indexing batches started since `since`, by index: count and duration p50/p95/max (ms). */
export async function batchDurations(search: Search, since: Date) {
  const byIndex: Record<string, number[]> = {};
  let from: number | undefined;
  for (;;) {
    const page = await search.client.batches.getBatches({
      afterStartedAt: since.toISOString(),
      limit: 1000,
      ...(from ? { from } : {}),
    });
    for (const b of page.results) {
      const ms = durationMs(b.duration);
      if (ms === undefined) continue;
      for (const uid of Object.keys(b.stats.indexUids)) (byIndex[uid] ??= []).push(ms);
    }
    if (!page.next) break;
    from = page.next;
  }
  const pick = (xs: number[], q: number) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
  return Object.fromEntries(
    Object.entries(byIndex).map(([uid, xs]) => {
      xs.sort((a, b) => a - b);
      return [
        uid,
        {
          n: xs.length,
          p50: Math.round(pick(xs, 0.5)),
          p95: Math.round(pick(xs, 0.95)),
          max: Math.round(xs[xs.length - 1]!),
        },
      ];
    }),
  );
}

/** The longest batch of `uid` started since `since`: its duration and the steps of its progress trace that took ≥ `minMs`. */
export async function longestBatchTrace(search: Search, since: Date, uid: string, minMs = 50) {
  let longest: { ms: number; trace: Record<string, unknown> } | undefined;
  let from: number | undefined;
  for (;;) {
    const page = await search.client.batches.getBatches({
      afterStartedAt: since.toISOString(),
      indexUids: [uid],
      limit: 1000,
      ...(from ? { from } : {}),
    });
    for (const b of page.results) {
      const ms = durationMs(b.duration);
      if (ms !== undefined && ms > (longest?.ms ?? -1)) longest = { ms, trace: b.stats.progressTrace ?? {} };
    }
    if (!page.next) break;
    from = page.next;
  }
  if (!longest) return undefined;
  const steps = Object.entries(longest.trace)
    .map(([step, d]) => [step, typeof d === "string" ? parseTraceMs(d) : undefined] as const)
    .filter((x): x is readonly [string, number] => x[1] !== undefined && x[1] >= minMs)
    .sort((a, b) => b[1] - a[1]);
  return { ms: Math.round(longest.ms), steps };
}

/** A progress-trace duration ("1.23s", "456.7ms", "89µs") in ms. */
export function parseTraceMs(d: string): number | undefined {
  const m = d.match(/^([\d.]+)(s|ms|µs|ns)$/);
  if (!m) return undefined;
  return Number(m[1]) * { s: 1000, ms: 1, µs: 1e-3, ns: 1e-6 }[m[2] as "s" | "ms" | "µs" | "ns"];
}
