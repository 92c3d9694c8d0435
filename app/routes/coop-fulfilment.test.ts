// Route-level tests of fulfilment: the cooperative portal's shipping pages and the parcels
// on the shopper's order page, called as the browser would on a real SQLite file.
import { beforeAll, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { createBasicCatalog, createCooperative, createProduct } from "#tests/factories/catalog";
import { createOrder } from "#tests/factories/orders";
import { createUserWithSession } from "#tests/factories/users";
import { Browser, call } from "#tests/http";
import { completeDemoPayment, demoGateway } from "~/domain/payments/demo-gateway.server";
import { getDb } from "~/utils/db.server";
import { sessionCookie } from "~/utils/session.server";
import * as coopIndex from "./coop._index";
import * as dashboard from "./coop.$coop._index";
import * as shipmentPage from "./coop.$coop.shipments.$id/route";
import * as shipmentList from "./coop.$coop.shipments._index";
import * as orderPage from "./orders.$number/route";

let db: DB;
let coopA: { id: number; slug: string };
let coopB: { id: number; slug: string };
let yak: number;
let barley: number;
let noodles: number;
let managerA: Browser;
let managerB: Browser;

async function signedIn(token: string): Promise<Browser> {
  const b = new Browser();
  const header = await sessionCookie().serialize(token);
  const pair = header.split(";")[0]!;
  const eq = pair.indexOf("=");
  b.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
  return b;
}

async function manager(
  cooperativeIds: number[],
  role: "coop_manager" | "shopper" = "coop_manager",
) {
  const { token } = await createUserWithSession(db, { role, cooperativeIds, name: "经理" });
  return signedIn(token);
}

const slugOf = async (id: number) =>
  (
    await db
      .selectFrom("cooperatives")
      .select("slug")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).slug;

/** Places and pays (demo gateway) an order; returns its number and guest token. */
async function paidOrder(
  items: Array<{ productId: number; quantity: number }>,
  paidAt = new Date(),
) {
  const order = await createOrder(db, items, {
    now: new Date(paidAt.getTime() - 60_000),
    ttlMinutes: 24 * 60,
  });
  await demoGateway.startPayment(db, {
    id: order.id,
    number: order.number,
    totalFen: order.totalFen,
  });
  expect(await completeDemoPayment(db, order.id, "succeeded", paidAt)).toBe("applied");
  const shipments = await db
    .selectFrom("shipments")
    .select(["id", "cooperative_id"])
    .where("order_id", "=", order.id)
    .execute();
  return { ...order, shipments };
}

async function body<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

type ListData = {
  total: number;
  shipments: Array<{
    id: number;
    orderNumber: string;
    late: boolean;
    shipBy: string | null;
    items: Array<{ name: string; quantity: number }>;
  }>;
};

beforeAll(async () => {
  db = await getDb();
  const coops = await createBasicCatalog(db);
  coopA = { id: coops.datong, slug: await slugOf(coops.datong) };
  coopB = { id: coops.huangzhong, slug: await slugOf(coops.huangzhong) };
  yak = await createProduct(db, {
    cooperativeId: coopA.id,
    nameZh: "牦牛腱子",
    coldChain: true,
    category: "meat",
  });
  barley = await createProduct(db, { cooperativeId: coopA.id, nameZh: "青稞米" });
  noodles = await createProduct(db, { cooperativeId: coopB.id, nameZh: "青稞挂面" });
  managerA = await manager([coopA.id]);
  managerB = await manager([coopB.id]);
});

describe("/coop", () => {
  it("sends a one-cooperative manager straight in and offers a choice among several", async () => {
    const one = await call(coopIndex.loader, managerA.get("/coop"));
    expect(one.status).toBe(302);
    expect(one.headers.get("Location")).toBe(`/coop/${coopA.slug}`);

    const both = await manager([coopA.id, coopB.id]);
    const choice = await call(coopIndex.loader, both.get("/coop"));
    expect(choice.status).toBe(200);
    expect((await body<{ cooperatives: Array<{ slug: string }> }>(choice)).cooperatives).toEqual([
      expect.objectContaining({ slug: coopA.slug }),
      expect.objectContaining({ slug: coopB.slug }),
    ]);
  });

  it("keeps shoppers and strangers out", async () => {
    const shopper = await manager([], "shopper");
    expect((await call(coopIndex.loader, shopper.get("/coop"))).status).toBe(403);
    const anonymous = await call(coopIndex.loader, new Browser().get("/coop"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?/);
    expect(
      (
        await call(dashboard.loader, shopper.get(`/coop/${coopA.slug}`), {
          coop: coopA.slug,
        })
      ).status,
    ).toBe(403);
    // a manager of A cannot open B's portal
    expect(
      (
        await call(shipmentList.loader, managerA.get(`/coop/${coopB.slug}/shipments`), {
          coop: coopB.slug,
        })
      ).status,
    ).toBe(403);
  });
});

describe("shipping an order split between two cooperatives", () => {
  it("gives each cooperative its own parcel and fulfils the order when both have shipped", async () => {
    const order = await paidOrder([
      { productId: yak, quantity: 1 },
      { productId: barley, quantity: 2 },
      { productId: noodles, quantity: 3 },
    ]);
    expect(order.shipments).toHaveLength(2);
    const mine = order.shipments.find((s) => s.cooperative_id === coopA.id)!;
    const theirs = order.shipments.find((s) => s.cooperative_id === coopB.id)!;
    const pathA = `/coop/${coopA.slug}/shipments/${mine.id}`;
    const paramsA = { coop: coopA.slug, id: String(mine.id) };

    // A's list holds only A's parcel, with only A's goods in it
    const listA = await body<ListData>(
      await call(shipmentList.loader, managerA.get(`/coop/${coopA.slug}/shipments`), {
        coop: coopA.slug,
      }),
    );
    const rowA = listA.shipments.filter((s) => s.orderNumber === order.number);
    expect(rowA).toHaveLength(1);
    expect(rowA[0]!.items).toEqual([
      expect.objectContaining({ name: "牦牛腱子", quantity: 1 }),
      expect.objectContaining({ name: "青稞米", quantity: 2 }),
    ]);
    const listB = await body<ListData>(
      await call(shipmentList.loader, managerB.get(`/coop/${coopB.slug}/shipments`), {
        coop: coopB.slug,
      }),
    );
    expect(listB.shipments.filter((s) => s.orderNumber === order.number)).toEqual([
      expect.objectContaining({ id: theirs.id }),
    ]);

    // B's parcel is 403 for A, to look at and to act on, even through A's own portal URL
    const theirsParams = { coop: coopA.slug, id: String(theirs.id) };
    const theirsPath = `/coop/${coopA.slug}/shipments/${theirs.id}`;
    expect((await call(shipmentPage.loader, managerA.get(theirsPath), theirsParams)).status).toBe(
      403,
    );
    for (const form of <Array<Record<string, string>>>[
      { intent: "pack" },
      { intent: "ship", carrier: "sf", trackingNumber: "SF1234567890" },
    ]) {
      expect(
        (await call(shipmentPage.action, managerA.post(theirsPath, form), theirsParams)).status,
      ).toBe(403);
    }
    expect(
      (
        await call(shipmentPage.loader, managerA.get(`/coop/${coopA.slug}/shipments/999999`), {
          coop: coopA.slug,
          id: "999999",
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call(shipmentPage.loader, managerA.get(`/coop/${coopA.slug}/shipments/abc`), {
          coop: coopA.slug,
          id: "abc",
        })
      ).status,
    ).toBe(403);

    // A's detail: the address and only A's lines
    const detail = await body<{
      lines: Array<{ name: string }>;
      address: { street: string };
      shipment: { status: string; coldChain: boolean; shipBy: string };
    }>(await call(shipmentPage.loader, managerA.get(pathA), paramsA));
    expect(detail.lines.map((l) => l.name)).toEqual(["牦牛腱子", "青稞米"]);
    expect(detail.address.street).toBe("软件大道 101 号");
    expect(detail.shipment).toMatchObject({ status: "pending", coldChain: true });

    // a cross-site POST is refused
    expect(
      (
        await call(
          shipmentPage.action,
          managerA.post(pathA, { intent: "pack" }, { Origin: "https://evil.example" }),
          paramsA,
        )
      ).status,
    ).toBe(403);

    // a bad tracking number: 400, the message beside the field, what was typed kept
    const bad = await call(
      shipmentPage.action,
      managerA.post(pathA, { intent: "ship", carrier: "sf", trackingNumber: "SF#12" }),
      paramsA,
    );
    expect(bad.status).toBe(400);
    expect(await body(bad)).toMatchObject({
      errors: { trackingNumber: "fulfil.errors.trackingNumber" },
      values: { carrier: "sf", trackingNumber: "SF#12" },
    });
    const noCarrier = await call(
      shipmentPage.action,
      managerA.post(pathA, {
        intent: "ship",
        carrier: "other",
        carrierOther: "",
        trackingNumber: "x",
      }),
      paramsA,
    );
    expect(noCarrier.status).toBe(400);
    expect((await body<{ errors: object }>(noCarrier)).errors).toEqual({
      carrierOther: "fulfil.errors.carrierOther",
      trackingNumber: "fulfil.errors.trackingNumber",
    });

    // pack, then ship A: the order is partially fulfilled
    const packed = await call(
      shipmentPage.action,
      managerA.post(pathA, { intent: "pack" }),
      paramsA,
    );
    expect(packed.status).toBe(302);
    expect(packed.headers.get("Location")).toBe(`${pathA}?done=packed`);
    const shipped = await call(
      shipmentPage.action,
      managerA.post(pathA, { intent: "ship", carrier: "sf", trackingNumber: "SF 1234 5678 901" }),
      paramsA,
    );
    expect(shipped.headers.get("Location")).toBe(`${pathA}?done=shipped`);
    const view = (b: Browser) =>
      call(orderPage.loader, b.get(`/orders/${order.number}?t=${order.accessToken}`), {
        number: order.number,
      });
    type OrderView = {
      order: {
        status: string;
        shipments: Array<{
          cooperativeName: string;
          status: string;
          carrier: string | null;
          trackingNumber: string | null;
        }>;
      };
    };
    expect((await body<OrderView>(await view(new Browser()))).order.status).toBe(
      "partially_fulfilled",
    );

    // ship B with a carrier typed under "other": the order is fulfilled
    const pathB = `/coop/${coopB.slug}/shipments/${theirs.id}`;
    const shippedB = await call(
      shipmentPage.action,
      managerB.post(pathB, {
        intent: "ship",
        carrier: "other",
        carrierOther: "青海冷链物流",
        trackingNumber: "QHLL-000123",
      }),
      { coop: coopB.slug, id: String(theirs.id) },
    );
    expect(shippedB.status).toBe(302);

    // the shopper's order page (by the link's token) shows both parcels and tracking numbers
    const response = await view(new Browser());
    expect(response.status).toBe(200);
    const { order: seen } = await body<OrderView>(response);
    expect(seen.status).toBe("fulfilled");
    expect(seen.shipments).toEqual([
      expect.objectContaining({
        cooperativeName: "大通牦牛合作社",
        status: "shipped",
        carrier: "sf",
        trackingNumber: "SF12345678901",
      }),
      expect.objectContaining({
        cooperativeName: "湟中鲜奶合作社",
        status: "shipped",
        carrier: "青海冷链物流",
        trackingNumber: "QHLL-000123",
      }),
    ]);

    // A's detail now shows the tracking number; packing again is refused with a message
    const after = await body<{ shipment: { status: string; trackingNumber: string } }>(
      await call(shipmentPage.loader, managerA.get(`${pathA}?done=shipped`), paramsA),
    );
    expect(after.shipment).toMatchObject({ status: "shipped", trackingNumber: "SF12345678901" });
    const repack = await call(
      shipmentPage.action,
      managerA.post(pathA, { intent: "pack" }),
      paramsA,
    );
    expect(repack.status).toBe(409);
    expect(await body(repack)).toMatchObject({ formError: "fulfil.errors.alreadyShipped" });
  });
});

describe("cold-chain deadlines", () => {
  it("flags a cold-chain parcel still here 48 hours after payment, on the list and the overview", async () => {
    const county = "datong";
    const coopC = await createCooperative(db, { county, nameZh: "晚发合作社" });
    const slugC = await slugOf(coopC);
    const chilled = await createProduct(db, { cooperativeId: coopC, coldChain: true, stock: 3 });
    const dry = await createProduct(db, { cooperativeId: coopC, stock: 50 });
    const managerC = await manager([coopC]);
    const paidAt = new Date(Date.now() - 49 * 3_600_000);
    const lateOrder = await paidOrder([{ productId: chilled, quantity: 1 }], paidAt);
    await paidOrder([{ productId: dry, quantity: 1 }], paidAt); // ambient: never late
    await paidOrder([{ productId: chilled, quantity: 1 }]); // cold, but just paid

    const late = await body<ListData>(
      await call(shipmentList.loader, managerC.get(`/coop/${slugC}/shipments?status=late`), {
        coop: slugC,
      }),
    );
    expect(late.shipments).toEqual([
      expect.objectContaining({
        orderNumber: lateOrder.number,
        late: true,
        shipBy: new Date(paidAt.getTime() + 48 * 3_600_000).toISOString(),
      }),
    ]);
    const open = await body<ListData>(
      await call(shipmentList.loader, managerC.get(`/coop/${slugC}/shipments`), { coop: slugC }),
    );
    expect(open.total).toBe(3);
    expect(open.shipments.map((s) => s.late)).toEqual([true, false, false]);
    // nonsense in the query string falls back to the default view
    const odd = await call(
      shipmentList.loader,
      managerC.get(`/coop/${slugC}/shipments?status=zzz&page=-4`),
      { coop: slugC },
    );
    expect(odd.status).toBe(200);

    const board = await body<{
      board: { toShip: number; late: number; monthOrders: number; lowStock: Array<{ id: number }> };
    }>(await call(dashboard.loader, managerC.get(`/coop/${slugC}`), { coop: slugC }));
    expect(board.board).toMatchObject({ toShip: 3, late: 1 });
    expect(board.board.lowStock.map((p) => p.id)).toEqual([chilled]);
  });
});
