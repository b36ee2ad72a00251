import http from "node:http";

/**
 * A minimal browser-like HTTP client: same-origin headers, a cookie, no redirects followed.
 * With `localAddress` (another loopback address such as 127.0.0.2), its requests leave from
 * that address, so the server sees another client (throttling per address is tested so).
 */
export class HttpClient {
  cookie = "";
  constructor(
    readonly base: string,
    readonly localAddress?: string,
  ) {}

  private remember(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [name, value] = pair!.split("=");
      if (name === "peitao_session") this.cookie = value ? `peitao_session=${value}` : "";
    }
    return res;
  }

  private send(path: string, init: { method: string; headers: Record<string, string>; body?: string }) {
    if (!this.localAddress) return fetch(this.base + path, { ...init, redirect: "manual" });
    return requestFrom(this.localAddress, this.base + path, init);
  }

  async get(path: string, headers: Record<string, string> = {}) {
    return this.remember(
      await this.send(path, {
        method: "GET",
        headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
      }),
    );
  }

  async post(path: string, form: Record<string, string> = {}, headers: Record<string, string> = { origin: this.base }) {
    return this.remember(
      await this.send(path, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          ...(this.cookie ? { cookie: this.cookie } : {}),
          ...headers,
        },
        body: new URLSearchParams(form).toString(),
      }),
    );
  }
}

/** One request over a socket bound to `localAddress`, answered as a fetch Response. */
function requestFrom(
  localAddress: string,
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method, headers: init.headers, localAddress, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
        }
        const status = res.statusCode ?? 500;
        const body = [204, 205, 304].includes(status) ? null : Buffer.concat(chunks);
        resolve(new Response(body, { status, headers }));
      });
    });
    req.on("error", reject);
    if (init.body !== undefined) req.end(init.body);
    else req.end();
  });
}
