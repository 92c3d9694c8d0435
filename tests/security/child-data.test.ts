// A portal page's data, fetched alone. Remix answers `?_data=<route id>` with that one
// route's loader, without running its layout's: a check made only in aid.tsx, admin.tsx
// or coop.$coop.tsx would guard nothing there. Every /aid, /admin and /coop route on disk,
// layouts included, is asked for its data by each kind of visitor, and the one who may see
// it must get it (so a wrong route id cannot pass as a refusal).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACCOUNTS, Client, count, readDb, saveTally, signIn, type AccountName } from "./harness";
import { ensureWorld } from "./scenario";

const ROUTES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../app/routes");

interface PortalRoute {
  id: string;
  path: string;
  /** the visitor who may see it */
  allowed: AccountName;
}

interface Fixtures {
  coop: string;
  product: number;
  shipment: number;
  review: number;
  order: string;
}

/** The yak cooperative's slug and ids of its product, shipment and review, from the store. */
function readFixtures(): Fixtures {
  return readDb((db) => {
    const coop = db
      .prepare(
        `SELECT c.id, c.slug FROM cooperatives c
           JOIN cooperative_managers m ON m.cooperative_id = c.id
           JOIN users u ON u.id = m.user_id
          WHERE u.email = ? OR u.phone = ? ORDER BY c.id LIMIT 1`,
      )
      .get(ACCOUNTS.yak.login, ACCOUNTS.yak.login) as { id: number; slug: string };
    const one = (sql: string, ...args: unknown[]) =>
      (db.prepare(sql).get(...args) as { v: number | string } | undefined)?.v;
    return {
      coop: coop.slug,
      product: Number(one("SELECT id AS v FROM products WHERE cooperative_id = ?", coop.id)),
      shipment: Number(one("SELECT id AS v FROM shipments WHERE cooperative_id = ?", coop.id)),
      review: Number(one("SELECT id AS v FROM product_reviews ORDER BY id LIMIT 1")),
      order: String(one("SELECT number AS v FROM orders ORDER BY id LIMIT 1")),
    };
  });
}

/** aid.reviews.$id(/route.tsx) → routes/aid.reviews.$id at /aid/reviews/<a review>. */
function portalRoutes(f: Fixtures): PortalRoute[] {
  return fs
    .readdirSync(ROUTES_DIR)
    .filter((entry) => /^(coop|aid|admin)([.].+)?$/.test(entry) && !entry.includes(".test."))
    .map((entry) => {
      const name = entry.replace(/[.]tsx$/, "");
      const segments = name
        // aid.export[.]csv: a dot in brackets is part of the segment
        .split(/(?<!\[)[.](?![\]])/)
        .filter((s) => s !== "_index")
        .map((s) => s.replace("[.]", "."))
        .map((s) => {
          if (s === "$coop") return f.coop;
          if (s === "$number") return f.order;
          if (s !== "$id") return s;
          if (name.includes("products")) return String(f.product);
          if (name.includes("shipments")) return String(f.shipment);
          return String(f.review);
        });
      const area = segments[0];
      const allowed: AccountName = area === "coop" ? "yak" : area === "aid" ? "aid" : "admin";
      return { id: `routes/${name}`, path: `/${segments.join("/")}`, allowed };
    });
}

let routes: PortalRoute[] = [];
const visitors = {} as Record<AccountName | "anonymous", Client>;

beforeAll(async () => {
  await ensureWorld();
  routes = portalRoutes(readFixtures());
  visitors.anonymous = new Client("anonymous child data");
  for (const name of ["shopper", "milk", "yak", "aid", "admin"] as const) {
    visitors[name] = await signIn(name);
  }
});
afterAll(() => saveTally(import.meta.url));

const dataUrl = (r: PortalRoute) => `${r.path}?_data=${encodeURIComponent(r.id)}`;

describe("a portal route's data fetched alone", () => {
  it("finds the portal layouts and pages", () => {
    const ids = routes.map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(["routes/aid._index", "routes/coop._index"]));
    expect(routes.length).toBeGreaterThanOrEqual(22);
  });

  it("is given to the one who may see it", async () => {
    for (const r of routes) {
      const answer = await visitors[r.allowed].send(dataUrl(r));
      count("child data");
      const redirect = answer.headers.get("X-Remix-Redirect");
      // a page may send its own people on (the cooperative picker to their cooperative)
      if (redirect) expect(redirect, `${r.id} as ${r.allowed}`).not.toMatch(/^\/login/);
      else expect(answer.status, `${r.id} as ${r.allowed}`).toBe(200);
    }
  });

  it("sends a visitor who is not signed in to log in", async () => {
    for (const r of routes) {
      const answer = await visitors.anonymous.send(dataUrl(r));
      count("child data");
      expect(answer.status, r.id).toBe(204);
      expect(answer.headers.get("X-Remix-Redirect") ?? "", r.id).toMatch(/^\/login\?redirectTo=/);
    }
  });

  it("refuses everyone else signed in, another cooperative's manager included", async () => {
    for (const r of routes) {
      const others = (["shopper", "milk", "yak", "aid", "admin"] as const).filter(
        // administrators oversee the aid office's pages
        (v) => v !== r.allowed && !(r.allowed === "aid" && v === "admin"),
      );
      for (const visitor of others) {
        // the picker at /coop is every manager's own; only a cooperative's pages are closed
        if (r.id === "routes/coop._index" && visitor === "milk") continue;
        const answer = await visitors[visitor].send(dataUrl(r));
        count("child data");
        expect(answer.status, `${r.id} as ${visitor}`).toBe(403);
      }
    }
  });
});
