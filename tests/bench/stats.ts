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
 * One client taking query i through every method in turn (the order rotated with i), each
 * call timed: every method meets the same machine state, so none is favoured by running
 * first (right after an index build, say) or last. Latencies in ms, by method.
 */
export async function timedInterleaved(
  n: number,
  methods: Record<string, (i: number) => Promise<unknown>>,
): Promise<Record<string, number[]>> {
  const names = Object.keys(methods);
  const out: Record<string, number[]> = Object.fromEntries(names.map((k) => [k, new Array<number>(n)]));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(i + j) % names.length]!;
      const t0 = performance.now();
      await methods[name]!(i);
      out[name]![i] = performance.now() - t0;
    }
  }
  return out;
}
