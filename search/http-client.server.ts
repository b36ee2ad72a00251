import http from "node:http";
import https from "node:https";
import { MeilisearchApiError, MeilisearchRequestError } from "meilisearch";

// Node's fetch (undici) stalls about 40 ms on every Meilisearch response longer than one
// TCP segment (measured: 45 ms vs 1.5 ms for 20 hits with node:http on the same
// connection), which would dominate ranking latency. This client speaks node:http over
// keep-alive sockets (Nagle off) and keeps the meilisearch client's error contract.
const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 64 });

function headerRecord(headers: HeadersInit | undefined): Record<string, string> {
  if (!headers) return {};
  if (headers instanceof Headers) return Object.fromEntries(headers.entries());
  if (Array.isArray(headers)) return Object.fromEntries(headers);
  return headers as Record<string, string>;
}

export async function nodeHttpClient(input: RequestInfo | URL, init?: RequestInit): Promise<unknown> {
  const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url);
  const body = typeof init?.body === "string" ? init.body : init?.body == null ? undefined : String(init.body);
  const headers = headerRecord(init?.headers);
  if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
  const transport = url.protocol === "https:" ? https : http;
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = transport.request(
      url,
      { method: init?.method ?? "GET", headers, agent: url.protocol === "https:" ? httpsAgent : httpAgent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
        res.on("error", reject);
      },
    );
    req.setNoDelay(true);
    req.on("error", reject);
    // The client's timeout arrives as an abort signal; the listener goes when the request does.
    const signal = init?.signal;
    if (signal) {
      if (signal.aborted) req.destroy(signal.reason as Error);
      const onAbort = () => req.destroy((signal.reason as Error) ?? new Error("aborted"));
      signal.addEventListener("abort", onAbort, { once: true });
      req.once("close", () => signal.removeEventListener("abort", onAbort));
    }
    req.end(body);
  });
  const parsed = text === "" ? undefined : JSON.parse(text);
  if (status < 200 || status >= 300) throw new MeilisearchApiError(new Response(null, { status }), parsed);
  return parsed;
}

/**
 * POST a JSON body and parse the JSON answer, over the same keep-alive sockets, without the
 * meilisearch client's per-request work (a Headers object, an AbortController and a timer,
 * its URL and error plumbing): the demand ranking's hot path (decision 018). Errors keep the
 * client's contract: MeilisearchApiError for an answer other than 2xx, MeilisearchRequestError
 * when no answer came (refused, reset, or no answer within `timeoutMs`).
 */
export function postJson(
  url: URL,
  headers: Record<string, string>,
  body: unknown,
  timeoutMs: number,
): Promise<unknown> {
  const text = JSON.stringify(body);
  const transport = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      url,
      {
        method: "POST",
        agent: url.protocol === "https:" ? httpsAgent : httpAgent,
        headers: { ...headers, "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (err) => reject(new MeilisearchRequestError(url.href, err)));
        res.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          let parsed: unknown;
          try {
            parsed = raw === "" ? undefined : JSON.parse(raw);
          } catch (err) {
            return reject(new MeilisearchRequestError(url.href, err));
          }
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300)
            return reject(new MeilisearchApiError(new Response(null, { status }), parsed as never));
          resolve(parsed);
        });
      },
    );
    req.setNoDelay(true);
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on("error", (err) => reject(new MeilisearchRequestError(url.href, err)));
    req.end(text);
  });
}
