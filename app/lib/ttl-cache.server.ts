/** A small in-process cache with a time to live, for figures that may lag by seconds. */
export function ttlCache<V>(ttlMs: number, maxEntries = 100) {
  const entries = new Map<string, { at: number; value: Promise<V> }>();
  return (key: string, compute: () => Promise<V>): Promise<V> => {
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at < ttlMs) return hit.value;
    const value = compute();
    value.catch(() => entries.delete(key));
    entries.set(key, { at: now, value });
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    return value;
  };
}
