// A shopper without a browser for the benchmark's setup and checkouts: node:http over a
// keep-alive agent (fetch costs more CPU per request, and this process shares the machine
// with the store), a cookie jar, and Remix's `?_data=<route id>` so an action answers in
// JSON and a redirect comes back as 204 + X-Remix-Redirect, as for a hydrated page.
import http from "node:http";

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** the body's bytes as sent (the static baseline serves exactly these) */
  raw: Buffer;
  /** where Remix sends the shopper next (X-Remix-Redirect), if anywhere */
  redirect: string | null;
}

/** The form body and headers the store's request guards accept for a POST. */
export function formPost(origin: string, form: Record<string, string | number>) {
  const body = new URLSearchParams(Object.entries(form).map(([k, v]) => [k, String(v)])).toString();
  return {
    body,
    headers: {
      Origin: origin,
      "Content-Type": "application/x-www-form-urlencoded",
      "Content-Length": String(Buffer.byteLength(body)),
    },
  };
}

export class Client {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly agent: http.Agent = new http.Agent({ keepAlive: true }),
  ) {}

  /** Takes the cookies of a Cookie header, e.g. another client's. */
  useCookies(header: string): this {
    for (const pair of header.split(/;\s*/)) {
      const eq = pair.indexOf("=");
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    return this;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  get(path: string, routeId?: string): Promise<Reply> {
    return this.send("GET", path, routeId);
  }

  post(path: string, routeId: string, form: Record<string, string | number>): Promise<Reply> {
    return this.send("POST", path, routeId, form);
  }

  private send(
    method: "GET" | "POST",
    path: string,
    routeId?: string,
    form?: Record<string, string | number>,
  ): Promise<Reply> {
    const url = new URL(path, this.baseUrl);
    if (routeId) url.searchParams.set("_data", routeId);
    const post = form ? formPost(this.baseUrl, form) : null;
    const headers: Record<string, string> = { ...post?.headers };
    if (this.cookies.size) headers.Cookie = this.cookieHeader();
    return new Promise((resolve, reject) => {
      const req = http.request(url, { method, headers, agent: this.agent }, (res) => {
        this.keepCookies(res.headers["set-cookie"] ?? []);
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const raw = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: raw.toString("utf8"),
            raw,
            redirect: (res.headers["x-remix-redirect"] as string | undefined) ?? null,
          });
        });
      });
      req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${path}: no answer in 60 s`)));
      req.on("error", reject);
      req.end(post?.body);
    });
  }

  private keepCookies(lines: string[]) {
    for (const line of lines) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      if (eq < 0) continue;
      const name = pair!.slice(0, eq).trim();
      if (/max-age=0\b|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair!.slice(eq + 1).trim());
    }
  }
}

/** Fails loudly, with what the store said, when a step of the setup went wrong. */
export function expectStatus(reply: Reply, wanted: number[], what: string): Reply {
  if (!wanted.includes(reply.status)) {
    throw new Error(`bench: ${what} answered ${reply.status}: ${reply.body.slice(0, 500)}`);
  }
  return reply;
}
