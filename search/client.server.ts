import { Meilisearch, type EnqueuedTaskPromise, type Task } from "meilisearch";
import { nodeHttpClient, postJson } from "./http-client.server";
import { INDEXES, type IndexName } from "./settings";

export interface Search {
  client: Meilisearch;
  /** The index uid for a logical index name (with the configured prefix). */
  uid: (name: IndexName) => string;
  /** POST /indexes/<uid>/search with the body as given, the answer parsed: the ranking's hot path. */
  searchRaw: (name: IndexName, body: object) => Promise<{ hits: Record<string, unknown>[] }>;
}

export function createSearch(opts: { url: string; apiKey?: string; prefix: string; timeoutMs?: number }): Search {
  const client = new Meilisearch({
    host: opts.url,
    apiKey: opts.apiKey,
    timeout: opts.timeoutMs ?? 10_000,
    httpClient: nodeHttpClient,
  });
  const uid = (name: IndexName) => `${opts.prefix}${name}`;
  const headers: Record<string, string> = opts.apiKey ? { authorization: `Bearer ${opts.apiKey}` } : {};
  const base = opts.url.endsWith("/") ? opts.url : `${opts.url}/`;
  const searchUrls = new Map<IndexName, URL>();
  const searchRaw = async (name: IndexName, body: object) => {
    let url = searchUrls.get(name);
    if (!url) searchUrls.set(name, (url = new URL(`indexes/${encodeURIComponent(uid(name))}/search`, base)));
    return (await postJson(url, headers, body, opts.timeoutMs ?? 10_000)) as { hits: Record<string, unknown>[] };
  };
  return { client, uid, searchRaw };
}

export class SearchTaskError extends Error {
  constructor(readonly task: Task) {
    super(`Meilisearch task ${task.uid} (${task.type}) ${task.status}: ${task.error?.message ?? "no detail"}`);
  }
}

/**
 * Wait for an enqueued task; a failed or canceled task is an error, not a log line.
 * Polls itself (10 ms growing to `maxIntervalMs`): the client's waitTask adds an abort
 * listener per poll to one signal and never removes them.
 */
export async function settle(
  search: Search,
  enqueued: EnqueuedTaskPromise,
  timeoutMs = 120_000,
  maxIntervalMs = 200,
): Promise<Task> {
  const { taskUid } = await enqueued;
  const deadline = Date.now() + timeoutMs;
  let interval = 10;
  for (;;) {
    const task = await search.client.tasks.getTask(taskUid);
    if (task.status === "succeeded") return task;
    if (task.status === "failed" || task.status === "canceled") throw new SearchTaskError(task);
    if (Date.now() > deadline) throw new Error(`Meilisearch task ${taskUid} not done after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, interval));
    interval = Math.min(maxIntervalMs, interval * 1.5);
  }
}

/** Create each index if missing and apply its declared settings; idempotent. */
export async function reconcileIndexes(search: Search, names: IndexName[] = Object.keys(INDEXES) as IndexName[]) {
  for (const name of names) {
    await applyIndexSettings(search, name, search.uid(name));
  }
}

export async function applyIndexSettings(search: Search, name: IndexName, uid: string): Promise<void> {
  const def = INDEXES[name];
  const exists = await search.client
    .getIndex(uid)
    .then(() => true)
    .catch((err: { cause?: { code?: string; cause?: { code?: string } } }) => {
      // The API error arrives directly, or wrapped by the client around our http client.
      if ((err?.cause?.code ?? err?.cause?.cause?.code) === "index_not_found") return false;
      throw err;
    });
  if (!exists) await settle(search, search.client.createIndex(uid, { primaryKey: def.primaryKey }));
  await settle(search, search.client.index(uid).updateSettings(def.settings));
}

export async function searchIsUp(search: Search, timeoutMs = 1_000): Promise<boolean> {
  try {
    const res = await Promise.race([
      search.client.health(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs).unref()),
    ]);
    return res.status === "available";
  } catch {
    return false;
  }
}
