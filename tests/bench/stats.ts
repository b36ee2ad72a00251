/** Percentiles of a sample of durations, in ms. */
export function percentiles(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN);
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    n: s.length,
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    max: round(s[s.length - 1] ?? NaN),
  };
}

/** Run `task(i)` for i in 0..n-1 with `concurrency` workers; returns each call's latency in ms. */
export async function timed(n: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (;;) {
        const i = next++;
        if (i >= n) return;
        const t0 = performance.now();
        await task(i);
        out[i] = performance.now() - t0;
      }
    }),
  );
  return out;
}

/**
 * One client taking every method in turn, each call timed: every method meets the same
 * machine state, so none is favoured by running first (right after an index build, say) or
 * last. Each round's order is shuffled (seeded), so each method follows each other one about
 * equally often: a Meilisearch query right after another finds its threads awake and its
 * caches warm, a query right after a PostgreSQL one does not. In round i method k gets query
 * (i + k·n/m) mod n, so each method gets every query once and no call follows the same
 * query on another method. Latencies in ms, by method.
 */
export async function timedInterleaved(
  n: number,
  methods: Record<string, (i: number) => Promise<unknown>>,
): Promise<Record<string, number[]>> {
  const names = Object.keys(methods);
  const out: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, new Array<number>(n)]));
  let seed = 0x9e3779b9;
  const rand = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
  for (let i = 0; i < n; i++) {
    const order = names.map((_, k) => k);
    for (let a = order.length - 1; a > 0; a--) {
      const b = Math.floor(rand() * (a + 1));
      [order[a], order[b]] = [order[b]!, order[a]!];
    }
    for (const k of order) {
      const name = names[k]!;
      const q = (i + k * Math.floor(n / names.length)) % n;
      const t0 = performance.now();
      await methods[name]!(q);
      out[name]![q] = performance.now() - t0;
    }
  }
  return out;
}
