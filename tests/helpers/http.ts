/** A minimal browser-like HTTP client: same-origin headers, a cookie, no redirects followed. */
export class HttpClient {
  cookie = "";
  constructor(readonly base: string) {}

  private remember(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [name, value] = pair!.split("=");
      if (name === "peitao_session") this.cookie = value ? `peitao_session=${value}` : "";
    }
    return res;
  }

  async get(path: string, headers: Record<string, string> = {}) {
    return this.remember(
      await fetch(this.base + path, {
        redirect: "manual",
        headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...headers },
      }),
    );
  }

  async post(path: string, form: Record<string, string> = {}, headers: Record<string, string> = { origin: this.base }) {
    return this.remember(
      await fetch(this.base + path, {
        method: "POST",
        redirect: "manual",
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
