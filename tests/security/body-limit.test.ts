import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoIfEmpty } from "../../app/features/demo/seed-demo.server";
import { createApiToken } from "../../db/api-tokens.server";
import { DEMO_PASSWORD } from "../../db/demo-accounts.server";
import { findUserByEmail } from "../../db/users.server";
import { HttpClient } from "../helpers/http";
import { memoryOf, startRealServer, type RealServer } from "../helpers/real-server";
import { testServices } from "../helpers/services";

// Finding 1: a chunked request body skipped the body-size limit, which read only
// Content-Length; `curl -T -` of 300 MB to /login grew one worker from 142 MB to 2.1 GB.
// Now the limit is counted on the stream: the server answers 413 once the body passes it,
// reads no further, and the worker's memory stays where it was.

const MB = 1024 * 1024;
const TOTAL = 300 * MB;

interface Sent {
  status: number | null;
  body: string;
  /** Bytes written before the answer came (or before the server closed the connection). */
  sentBeforeAnswer: number;
}

/**
 * POST `TOTAL` bytes of `A` with Transfer-Encoding: chunked (streamed, never allocated),
 * stopping as soon as the server answers or closes the connection.
 */
function sendChunked(url: string, path: string, headers: Record<string, string>): Promise<Sent> {
  return new Promise((resolve) => {
    const chunk = Buffer.alloc(64 * 1024, "A");
    let sent = 0;
    let answered = false;
    const result: Sent = { status: null, body: "", sentBeforeAnswer: 0 };
    const finish = () => {
      result.sentBeforeAnswer ||= sent;
      resolve(result);
    };
    const req = http.request(`${url}${path}`, {
      method: "POST",
      headers: { ...headers, "transfer-encoding": "chunked", origin: url },
    });
    req.on("response", (res) => {
      answered = true;
      result.status = res.statusCode ?? null;
      result.sentBeforeAnswer = sent;
      res.setEncoding("utf8");
      res.on("data", (d: string) => (result.body += d));
      res.on("end", finish);
      res.on("error", finish);
    });
    req.on("error", () => {
      if (!answered) finish();
    });
    const pump = () => {
      while (!answered && !req.destroyed && sent < TOTAL) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!req.destroyed) req.end();
    };
    pump();
  });
}

let server: RealServer;
let worker: number;
let oemToken: string;
let official: HttpClient;

beforeAll(async () => {
  const services = await testServices({ reconcile: false });
  await seedDemoIfEmpty(services.db);
  const oem = (await findUserByEmail(services.db, "oem-admin@demo.peitao.example"))!;
  oemToken = (await createApiToken(services.db, oem.organization_id, "SRM", oem.id)).token;
  server = await startRealServer(services);
  official = new HttpClient(server.url);
  const signIn = await official.post("/login", { email: "official@demo.peitao.example", password: DEMO_PASSWORD });
  expect(signIn.status).toBe(302);
  const pids = server.workerPids();
  expect(pids).toHaveLength(1);
  worker = pids[0]!;
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

describe("finding 1: body limits hold on the stream", () => {
  it("answers a chunked 300 MB form post to /login with 413 early, and the worker keeps its memory", async () => {
    // Warm the worker up (the first render loads the build's modules).
    for (let i = 0; i < 3; i++) expect((await fetch(`${server.url}/login`)).status).toBe(200);
    const before = memoryOf(worker);

    const sent = await sendChunked(server.url, "/login", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(sent.status).toBe(413);
    expect(sent.body).toContain("请求过大");
    expect(sent.body).toContain("The request exceeds 1 MB");
    // The answer came after the 1 MB limit and socket buffers, far before the 300 MB.
    expect(sent.sentBeforeAnswer).toBeLessThan(32 * MB);

    const after = memoryOf(worker);
    // Neither the worker's resident memory nor its peak grew by more than a bounded amount.
    expect(after.rss - before.rss).toBeLessThan(64 * MB);
    expect(after.peak - before.peak).toBeLessThan(64 * MB);
    // The worker serves on.
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 120_000);

  it("cuts chunked bodies of every content type, uploads included, at their limit", async () => {
    const token = { authorization: `Bearer ${oemToken}` };
    const session = { cookie: official.cookie };
    for (const [path, type, limit, who] of [
      ["/login", "multipart/form-data; boundary=x", "1 MB", {}],
      ["/login", "application/json", "1 MB", {}],
      ["/api/v1/ledger/imports", "text/csv", "10 MB", token],
      ["/api/v1/ledger/imports", "multipart/form-data; boundary=x", "10 MB", token],
      ["/imports?index", "multipart/form-data; boundary=x", "10 MB", session],
    ] as const) {
      const before = memoryOf(worker);
      const sent = await sendChunked(server.url, path, { "content-type": type, ...who });
      expect(sent.status, `${path} ${type}`).toBe(413);
      expect(sent.body).toContain(`The request exceeds ${limit}`);
      expect(sent.sentBeforeAnswer).toBeLessThan(48 * MB);
      expect(memoryOf(worker).peak - before.peak).toBeLessThan(64 * MB);
    }
  }, 120_000);
});
