// A shopper without a browser: fetch with a cookie jar, talking to the production server the
// way Remix's client does once hydrated (`?_data=<route id>`, so no page is rendered and a
// redirect comes back as 204 + X-Remix-Redirect). For load and crash tests, where a browser
// per shopper would cost more than the store under test.

/** The store did not answer at all: connection refused or cut (it is down or was killed). */
export class StoreUnreachable extends Error {
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`no answer from the store for ${path}`, { cause });
    this.name = "StoreUnreachable";
  }
}

export interface Answer {
  status: number;
  /** where Remix sends the shopper next (X-Remix-Redirect), if anywhere */
  redirect: string | null;
  data: unknown;
}

/** What the shoppers of one test did to the store, for the figures and for the kill. */
export class Traffic {
  sent = 0;
  inFlight = 0;
  /** requests that got no answer because the store went away under them */
  cut = 0;
  private readonly waits = new Map<string, Promise<void>>();

  /**
   * Resolves once `baseUrl` answers /healthz again. Shoppers who found the store down share
   * one poller per store, so two hundred of them do not hammer a server that is booting.
   */
  waitForStore(baseUrl: string, timeoutMs = 60_000): Promise<void> {
    let wait = this.waits.get(baseUrl);
    if (!wait) {
      wait = (async () => {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          try {
            const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
            if (res.status === 200) return;
          } catch {
            // still down
          }
          if (Date.now() > deadline) throw new Error(`${baseUrl} stayed down for ${timeoutMs} ms`);
          await new Promise((r) => setTimeout(r, 150));
        }
      })().finally(() => this.waits.delete(baseUrl));
      this.waits.set(baseUrl, wait);
    }
    return wait;
  }
}

const REQUEST_TIMEOUT_MS = 60_000;

export class Shopper {
  readonly cookies = new Map<string, string>();

  constructor(
    readonly baseUrl: string,
    private readonly traffic: Traffic,
  ) {}

  get(path: string, routeId: string): Promise<Answer> {
    return this.send("GET", path, routeId);
  }

  post(path: string, routeId: string, form: Record<string, string | number>): Promise<Answer> {
    return this.send("POST", path, routeId, form);
  }

  /** Waits until the store is reachable again (after a StoreUnreachable). */
  waitForStore(): Promise<void> {
    return this.traffic.waitForStore(this.baseUrl);
  }

  private async send(
    method: "GET" | "POST",
    path: string,
    routeId: string,
    form?: Record<string, string | number>,
  ): Promise<Answer> {
    const url = new URL(path, this.baseUrl);
    url.searchParams.set("_data", routeId);
    const headers: Record<string, string> = {
      Cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
    };
    let body: URLSearchParams | undefined;
    if (form) {
      body = new URLSearchParams(Object.entries(form).map(([k, v]) => [k, String(v)]));
      headers.Origin = this.baseUrl;
      headers["Content-Type"] = "application/x-www-form-urlencoded";
    }
    this.traffic.sent++;
    this.traffic.inFlight++;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers,
        body,
        redirect: "manual",
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      // Cookies count from the moment the headers arrive, as in a browser.
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const eq = pair!.indexOf("=");
        const name = pair!.slice(0, eq).trim();
        const value = pair!.slice(eq + 1).trim();
        if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
        else this.cookies.set(name, value);
      }
      text = await response.text();
    } catch (error) {
      if (error instanceof Error && error.name === "TimeoutError") {
        throw new Error(`${method} ${path}: no answer within ${REQUEST_TIMEOUT_MS} ms`, {
          cause: error,
        });
      }
      this.traffic.cut++;
      throw new StoreUnreachable(path, error);
    } finally {
      this.traffic.inFlight--;
    }
    if (response.status >= 500) {
      throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    }
    let data: unknown = text;
    if (response.headers.get("content-type")?.includes("json")) data = JSON.parse(text);
    return { status: response.status, redirect: response.headers.get("x-remix-redirect"), data };
  }
}
