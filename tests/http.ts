// Calling loaders and actions directly, as Remix would, with a small cookie jar.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { sessionCookie } from "~/utils/session.server";

export const BASE = "http://shop.test";

export class Browser {
  cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }

  get(path: string): Request {
    return new Request(new URL(path, BASE), { headers: { Cookie: this.header() } });
  }

  post(
    path: string,
    form: Record<string, string | number>,
    headers: Record<string, string> = {},
  ): Request {
    const body = new URLSearchParams(Object.entries(form).map(([k, v]) => [k, String(v)]));
    return new Request(new URL(path, BASE), {
      method: "POST",
      body,
      headers: {
        Cookie: this.header(),
        Origin: BASE,
        Host: new URL(BASE).host,
        "Content-Type": "application/x-www-form-urlencoded",
        ...headers,
      },
    });
  }
}

type Handler = (args: LoaderFunctionArgs & ActionFunctionArgs) => Promise<Response> | Response;

/** Runs a loader or action; a thrown Response (redirect, 404) is returned like a normal one. */
export async function call(
  handler: unknown,
  request: Request,
  params: Record<string, string> = {},
  browser?: Browser,
): Promise<Response> {
  let response: Response;
  try {
    response = await (handler as Handler)({ request, params, context: {} });
  } catch (thrown) {
    if (thrown instanceof Response) response = thrown;
    else throw thrown;
  }
  browser?.remember(response);
  return response;
}

/** A browser holding this session's cookie, as after signing in. */
export async function browserWithSession(token: string): Promise<Browser> {
  const browser = new Browser();
  const setCookie = await sessionCookie().serialize(token);
  browser.remember(new Response(null, { headers: { "Set-Cookie": setCookie } }));
  return browser;
}
