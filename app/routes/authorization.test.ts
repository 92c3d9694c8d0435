/// <reference types="vite/client" />
// Walks every /coop, /aid and /admin loader and action as each kind of visitor and checks
// who gets in (200, or a redirect within their area), who is sent to log in (302 to
// /login) and who is refused (403). Route files are discovered, so a new page is covered
// the day it lands.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createCounter } from "#tests/factories/counters";
import { createPickupOrder } from "#tests/factories/pickup";
import { createOrder } from "#tests/factories/orders";
import { createUserWithSession } from "#tests/factories/users";
import { Browser, call } from "#tests/http";
import { openReview } from "~/domain/aid/reviews.server";
import { completeDemoPayment, demoGateway } from "~/domain/payments/demo-gateway.server";
import { getDb } from "~/utils/db.server";
import { sessionCookie } from "~/utils/session.server";
import * as counterIndex from "./counter._index";
import * as counterTransfersRoute from "./counter.transfers";

type RouteModule = { loader?: unknown; action?: unknown };
// each portal's layout (aid.tsx), its pages (aid.entries.tsx) and its route folders
// (aid.reviews.$id/route.tsx)
const modules = import.meta.glob<RouteModule>(
  [
    "./{coop,aid,admin,counter}.tsx",
    "./{coop,aid,admin,counter}.*.tsx",
    "./{coop,aid,admin,counter}.*/route.tsx",
  ],
  { eager: true },
);

type Visitor =
  "anonymous" | "shopper" | "managerA" | "managerB" | "officer" | "admin" | "counterStaff";
const VISITORS: Visitor[] = [
  "anonymous",
  "shopper",
  "managerA",
  "managerB",
  "officer",
  "admin",
  "counterStaff",
];

const browsers = {} as Record<Visitor, Browser>;
const ids = {
  coopA: "",
  productA: 0,
  productB: 0,
  shipmentA: 0,
  shipmentB: 0,
  review: 0,
  orderNumber: "",
};

beforeAll(async () => {
  const db = await getDb();
  const { datong, huangzhong } = await createBasicCatalog(db);
  ids.coopA = (
    await db
      .selectFrom("cooperatives")
      .select("slug")
      .where("id", "=", datong)
      .executeTakeFirstOrThrow()
  ).slug;
  ids.productA = await createProduct(db, { cooperativeId: datong, stock: 50 });
  ids.productB = await createProduct(db, { cooperativeId: huangzhong, stock: 50 });
  ids.review = await openReview(db, {
    productId: ids.productA,
    cooperativeId: datong,
    reason: "changed",
    userId: null,
    now: new Date(),
  });
  const order = await createOrder(db, [
    { productId: ids.productA, quantity: 1 },
    { productId: ids.productB, quantity: 1 },
  ]);
  await demoGateway.startPayment(db, {
    id: order.id,
    number: order.number,
    totalFen: order.totalFen,
  });
  await completeDemoPayment(db, order.id, "succeeded");
  ids.orderNumber = order.number;
  const shipments = await db
    .selectFrom("shipments")
    .select(["id", "cooperative_id"])
    .where("order_id", "=", order.id)
    .execute();
  ids.shipmentA = shipments.find((s) => s.cooperative_id === datong)?.id ?? 0;
  ids.shipmentB = shipments.find((s) => s.cooperative_id === huangzhong)?.id ?? 0;

  const sessions: Partial<Record<Visitor, Awaited<ReturnType<typeof createUserWithSession>>>> = {
    shopper: await createUserWithSession(db, { role: "shopper" }),
    managerA: await createUserWithSession(db, { role: "coop_manager", cooperativeIds: [datong] }),
    managerB: await createUserWithSession(db, {
      role: "coop_manager",
      cooperativeIds: [huangzhong],
    }),
    officer: await createUserWithSession(db, { role: "aid_officer" }),
    admin: await createUserWithSession(db, { role: "admin" }),
    counterStaff: await createUserWithSession(db, {
      role: "counter_staff",
      counterId: await createCounter(db),
    }),
  };
  for (const visitor of VISITORS) {
    const b = new Browser();
    const session = sessions[visitor];
    if (session) {
      const [pair] = (await sessionCookie().serialize(session.token)).split(";");
      const eq = pair!.indexOf("=");
      b.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    browsers[visitor] = b;
  }
});

interface RouteCase {
  file: string;
  path: string;
  params: Record<string, string>;
  allowed: Visitor[];
  module: RouteModule;
}

/** coop.$coop.products.$id.tsx → /coop/<A>/products/<A's product>, with who may use it. */
function routeCase(file: string, module: RouteModule): RouteCase {
  const name = file.replace(/^\.\//, "").replace(/(\/route)?\.tsx$/, "");
  const params: Record<string, string> = {};
  const segments = name
    .split(".")
    .filter((s) => s !== "_index")
    .map((segment) => {
      if (!segment.startsWith("$")) return segment;
      const param = segment.slice(1);
      let value: string;
      if (param === "coop") value = ids.coopA;
      else if (param === "number") value = ids.orderNumber;
      else if (name.includes("products")) value = String(ids.productA);
      else if (name.includes("shipments")) value = String(ids.shipmentA);
      else if (name.includes("reviews")) value = String(ids.review);
      else throw new Error(`no fixture for ${param} in ${file}`);
      params[param] = value;
      return value;
    });
  const area = segments[0];
  const allowed: Visitor[] =
    area === "coop"
      ? params.coop
        ? ["managerA"]
        : ["managerA", "managerB"]
      : area === "aid"
        ? ["officer", "admin"]
        : area === "counter"
          ? ["counterStaff"]
          : ["admin"];
  return { file, path: `/${segments.join("/")}`, params, allowed, module };
}

// built after the fixtures exist, since paths carry their ids
let cases: RouteCase[] = [];
beforeAll(() => {
  cases = Object.entries(modules).map(([file, module]) => routeCase(file, module));
});

function expectLetIn(response: Response, label: string) {
  expect(response.status, label).not.toBe(403);
  expect(response.status, label).toBeLessThan(500);
  const location = response.headers.get("Location") ?? "";
  expect(location.startsWith("/login"), `${label} was sent to log in`).toBe(false);
}

function expectOutcome(response: Response, visitor: Visitor, c: RouteCase, kind: string) {
  const label = `${kind} ${c.path} as ${visitor}`;
  if (visitor === "anonymous") {
    expect(response.status, label).toBe(302);
    expect(response.headers.get("Location") ?? "", label).toMatch(/^\/login\?redirectTo=/);
  } else if (c.allowed.includes(visitor)) {
    expectLetIn(response, label);
  } else {
    expect(response.status, label).toBe(403);
  }
}

describe("who may use the portals", () => {
  it("found the portal routes", () => {
    const paths = cases.map((c) => c.path);
    expect(paths).toEqual(
      expect.arrayContaining(["/coop", `/coop/${ids.coopA}`, "/aid", "/admin"]),
    );
    expect(cases.length).toBeGreaterThanOrEqual(12);
    // every portal route on disk, file or folder, is walked (none hides from the globs)
    const onDisk = fs
      .readdirSync(path.dirname(fileURLToPath(import.meta.url)))
      .filter(
        (entry) => /^(coop|aid|admin|counter)([.].+)?$/.test(entry) && !entry.includes(".test."),
      );
    const walked = cases.map((c) => c.file.replace(/^[.][/]/, "").replace(/[/]route[.]tsx$/, ""));
    expect(walked.sort()).toEqual(onDisk.sort());
  });

  for (const visitor of VISITORS) {
    it(`loaders as ${visitor}`, async () => {
      for (const c of cases) {
        if (typeof c.module.loader !== "function") continue;
        const response = await call(c.module.loader, browsers[visitor].get(c.path), c.params);
        expectOutcome(response, visitor, c, "GET");
      }
    });

    it(`actions as ${visitor}`, async () => {
      for (const c of cases) {
        if (typeof c.module.action !== "function") continue;
        // an empty form: the guard must decide before any validation does
        const response = await call(c.module.action, browsers[visitor].post(c.path, {}), c.params);
        expectOutcome(response, visitor, c, "POST");
      }
    });
  }

  it("refuses cross-origin POSTs even from those allowed", async () => {
    for (const c of cases) {
      if (typeof c.module.action !== "function") continue;
      const visitor = c.allowed[0]!;
      const request = browsers[visitor].post(c.path, {}, { Origin: "https://evil.example" });
      const response = await call(c.module.action, request, c.params);
      expect(response.status, `cross-origin POST ${c.path}`).toBe(403);
    }
  });

  it("never lets manager A reach B's products or shipments by id", async () => {
    const byId = [
      ...cases
        .filter((c) => c.file.includes("products.$id"))
        .map((c) => ({ c, id: String(ids.productB), form: { intent: "archive" } })),
      ...cases
        .filter((c) => c.file.includes("shipments.$id"))
        .map((c) => ({ c, id: String(ids.shipmentB), form: { intent: "pack" } })),
    ];
    expect(byId.length).toBeGreaterThanOrEqual(2);
    for (const { c, id, form } of byId) {
      const params = { ...c.params, id };
      const path = c.path.replace(/\/\d+$/, `/${id}`);
      if (typeof c.module.loader === "function") {
        expect(
          (await call(c.module.loader, browsers.managerA.get(path), params)).status,
          `GET ${path}`,
        ).toBe(403);
      }
      if (typeof c.module.action === "function") {
        const response = await call(c.module.action, browsers.managerA.post(path, form), params);
        expect(response.status, `POST ${path}`).toBe(403);
      }
    }
    const db = await getDb();
    const productB = await db
      .selectFrom("products")
      .select("status")
      .where("id", "=", ids.productB)
      .executeTakeFirstOrThrow();
    const shipmentB = await db
      .selectFrom("shipments")
      .select("status")
      .where("id", "=", ids.shipmentB)
      .executeTakeFirstOrThrow();
    expect(productB.status).toBe("active");
    expect(shipmentB.status).toBe("pending");
  });
});

describe("counter staff act for their own counter only", () => {
  it("cannot find, hand over or receive another counter's order or transfer", async () => {
    const db = await getDb();
    const other = await createCounter(db);
    const order = await createPickupOrder(db, other, [{ productId: ids.productA, quantity: 1 }]);
    const found = await call(
      counterIndex.loader,
      browsers.counterStaff.get(`/counter?q=${order.code}`),
    );
    expect(JSON.stringify(await found.json())).not.toContain(order.number);
    const handed = await call(
      counterIndex.action,
      browsers.counterStaff.post("/counter", { id: String(order.id) }),
    );
    expect(handed.status).toBe(404);
    const transfer = await db
      .insertInto("counter_transfers")
      .values({
        counter_id: other,
        cooperative_id: 1,
        status: "sent",
        note: null,
        sent_by: null,
        sent_by_name: "x",
        sent_at: new Date().toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("counter_transfer_lines")
      .values({ transfer_id: transfer.id, product_id: ids.productA, quantity_sent: 2 })
      .execute();
    const received = await call(
      counterTransfersRoute.action,
      browsers.counterStaff.post("/counter/transfers", { id: String(transfer.id) }),
    );
    expect(received.status).toBe(404);
    const after = await db
      .selectFrom("orders")
      .select("status")
      .where("id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(after.status).toBe("paid");
    const t = await db
      .selectFrom("counter_transfers")
      .select("status")
      .where("id", "=", transfer.id)
      .executeTakeFirstOrThrow();
    expect(t.status).toBe("sent");
  });
});
