// Route tests for after-sales: the buyer asks on the order page, the cooperative sees and
// notes only requests on its own lines, the admin approves through the refund path; and a
// guest on another device is told how to reach an order without seeing it.
import { beforeAll, describe, expect, it } from "vitest";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { createUserWithSession } from "#tests/factories/users";
import { Browser, call, browserWithSession } from "#tests/http";
import { checkLedger } from "~/domain/aid/ledger-check.server";
import { getDb } from "~/utils/db.server";
import * as adminAfterSales from "./admin.after-sales";
import * as adminOrder from "./admin.orders.$number/route";
import { markShipped } from "~/domain/orders/shipments.server";
import * as coopAfterSales from "./coop.$coop.after-sales";
import * as coopShipment from "./coop.$coop.shipments.$id/route";
import * as orderPage from "./orders.$number/route";

let coops: { datong: number; huangzhong: number };
const slugs = { datong: "", huangzhong: "" };
let buyer: Browser;
let buyerId: number;
let managerA: Browser;
let managerB: Browser;
let admin: Browser;

async function signedIn(options: Parameters<typeof createUserWithSession>[1]) {
  const { token, userId } = await createUserWithSession(await getDb(), options);
  const browser = await browserWithSession(token);
  return { browser, userId };
}

async function json(response: Response) {
  return (await response.json()) as Record<string, unknown> & {
    extras?: { afterSales: Array<Record<string, unknown>>; refunds: unknown[] };
  };
}

beforeAll(async () => {
  const db = await getDb();
  coops = await createBasicCatalog(db);
  for (const key of ["datong", "huangzhong"] as const) {
    slugs[key] = (
      await db
        .selectFrom("cooperatives")
        .select("slug")
        .where("id", "=", coops[key])
        .executeTakeFirstOrThrow()
    ).slug;
  }
  ({ browser: buyer, userId: buyerId } = await signedIn({ role: "shopper" }));
  managerA = (await signedIn({ role: "coop_manager", cooperativeIds: [coops.datong] })).browser;
  managerB = (await signedIn({ role: "coop_manager", cooperativeIds: [coops.huangzhong] })).browser;
  admin = (await signedIn({ role: "admin", name: "平台管理员 周敏" })).browser;
});

async function paidOrder() {
  const db = await getDb();
  const yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 12800, stock: 10 });
  const milk = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 1580,
    stock: 40,
    category: "dairy",
  });
  const order = await createPaidOrder(
    db,
    [
      { productId: yak, quantity: 2 },
      { productId: milk, quantity: 3 },
    ],
    { userId: buyerId, input: { note: "请放门卫室" } },
  );
  const lines = await db
    .selectFrom("order_lines")
    .select("id")
    .where("order_id", "=", order.id)
    .orderBy("id")
    .execute();
  return { ...order, yakLine: lines[0]!.id, milkLine: lines[1]!.id };
}

const ask = (lineId: number, overrides: Record<string, string | number> = {}) => ({
  intent: "after-sales",
  lineId,
  kind: "refund",
  reason: "damaged",
  quantity: 1,
  details: "牦牛肉包装破损，肉已化冻",
  ...overrides,
});

describe("after-sales through the pages", () => {
  it("buyer asks, coop notes its own, admin approves through the refund path", async () => {
    const order = await paidOrder();
    const params = { number: order.number };
    const path = `/orders/${order.number}`;

    const bad = await call(
      orderPage.action,
      buyer.post(path, ask(order.yakLine, { quantity: 9 })),
      params,
    );
    expect(bad.status).toBe(400);
    const badReply = await json(bad);
    expect(badReply.errors).toEqual({ quantity: "afterSales.errors.quantity" });
    expect(badReply.values).toMatchObject({ details: "牦牛肉包装破损，肉已化冻", quantity: "9" });

    const asked = await call(orderPage.action, buyer.post(path, ask(order.yakLine)), params);
    expect(asked.status).toBe(302);
    expect(asked.headers.get("Location")).toBe(`${path}?asked=1#after-sales`);
    const again = await call(orderPage.action, buyer.post(path, ask(order.yakLine)), params);
    expect(again.status).toBe(409);
    expect((await json(again)).formError).toBe("afterSales.errors.alreadyOpen");

    const view = await json(await call(orderPage.loader, buyer.get(path), params));
    expect(view.extras).toMatchObject({ note: "请放门卫室" });
    expect(view.extras!.afterSales).toEqual([
      expect.objectContaining({ status: "open", quantity: 1, reasonCode: "damaged" }),
    ]);

    // the Datong manager sees the yak request; the Huangzhong manager neither sees nor notes it
    const listA = await json(
      await call(coopAfterSales.loader, managerA.get(`/coop/${slugs.datong}/after-sales`), {
        coop: slugs.datong,
      }),
    );
    const requests = listA.requests as Array<{ id: number; orderNumber: string }>;
    const mine = requests.find((r) => r.orderNumber === order.number)!;
    expect(mine).toBeDefined();
    const listB = await json(
      await call(coopAfterSales.loader, managerB.get(`/coop/${slugs.huangzhong}/after-sales`), {
        coop: slugs.huangzhong,
      }),
    );
    expect((listB.requests as Array<{ id: number }>).map((r) => r.id)).not.toContain(mine.id);
    const sneaky = await call(
      coopAfterSales.action,
      managerB.post(`/coop/${slugs.huangzhong}/after-sales`, { requestId: mine.id, note: "x" }),
      { coop: slugs.huangzhong },
    );
    expect(sneaky.status).toBe(403);
    const noted = await call(
      coopAfterSales.action,
      managerA.post(`/coop/${slugs.datong}/after-sales`, {
        requestId: mine.id,
        note: "已与顾客联系，同意退款",
      }),
      { coop: slugs.datong },
    );
    expect(noted.status).toBe(302);

    // the admin sees it on the list and on the order's page, and approves it
    const adminList = await json(
      await call(adminAfterSales.loader, admin.get("/admin/after-sales"), {}),
    );
    expect((adminList.requests as Array<{ id: number }>).map((r) => r.id)).toContain(mine.id);
    const adminView = await json(
      await call(adminOrder.loader, admin.get(`/admin/orders/${order.number}`), params),
    );
    expect(adminView.afterSales).toEqual([
      expect.objectContaining({ id: mine.id, coopNote: "已与顾客联系，同意退款" }),
    ]);
    const rejectEmpty = await call(
      adminAfterSales.action,
      admin.post("/admin/after-sales", { requestId: mine.id, decision: "reject", reason: "" }),
      {},
    );
    expect(rejectEmpty.status).toBe(400);
    const approved = await call(
      adminAfterSales.action,
      admin.post("/admin/after-sales", {
        requestId: mine.id,
        decision: "approve",
        back: `/admin/orders/${order.number}`,
      }),
      {},
    );
    expect(approved.status).toBe(302);
    expect(approved.headers.get("Location")).toBe(`/admin/orders/${order.number}?decided=approved`);

    const after = await json(await call(orderPage.loader, buyer.get(path), params));
    expect(after.extras!.afterSales[0]).toMatchObject({ status: "approved", amountFen: 12800 });
    expect(after.extras!.refunds).toEqual([
      expect.objectContaining({
        amountFen: 12800,
        lines: [expect.objectContaining({ quantity: 1 })],
      }),
    ]);
    const check = await checkLedger(await getDb());
    expect(check.broken).toEqual([]);
    expect(check.ok).toBe(true);
    const told = await (
      await getDb()
    )
      .selectFrom("outbox")
      .select("subject")
      .where("subject", "like", `%${order.number}%售后申请已同意%`)
      .execute();
    expect(told).toHaveLength(1);
  });

  it("refuses the admin's decision page to a cooperative manager, and a bad way back", async () => {
    const refused = await call(
      adminAfterSales.action,
      managerA.post("/admin/after-sales", { requestId: 1, decision: "approve" }),
      {},
    );
    expect(refused.status).toBe(403);
    const order = await paidOrder();
    await call(
      orderPage.action,
      buyer.post(`/orders/${order.number}`, ask(order.milkLine, { kind: "return" })),
      { number: order.number },
    );
    const db = await getDb();
    const request = await db
      .selectFrom("after_sales_requests")
      .select("id")
      .where("order_id", "=", order.id)
      .executeTakeFirstOrThrow();
    const rejected = await call(
      adminAfterSales.action,
      admin.post("/admin/after-sales", {
        requestId: request.id,
        decision: "reject",
        reason: "已过退货期限",
        back: "https://evil.example/",
      }),
      {},
    );
    expect(rejected.headers.get("Location")).toBe("/admin/after-sales?decided=rejected");
  });

  it("tells a guest on another device how to reach the order, and nothing of it", async () => {
    const order = await paidOrder();
    const stranger = new Browser();
    const response = await call(orderPage.loader, stranger.get(`/orders/${order.number}`), {
      number: order.number,
    });
    expect(response.status).toBe(403);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ locked: { number: order.number } });
    expect(body).not.toContain("请放门卫室");
    // posting to it is refused the same way as before: no order, no action
    const post = await call(
      orderPage.action,
      stranger.post(`/orders/${order.number}`, ask(order.yakLine)),
      { number: order.number },
    );
    expect(post.status).toBe(404);
  });

  it("a manager marks their shipped parcel delivered; the buyer is told once; others are refused", async () => {
    const order = await paidOrder();
    const db = await getDb();
    const parcel = await db
      .selectFrom("shipments")
      .select("id")
      .where("order_id", "=", order.id)
      .where("cooperative_id", "=", coops.datong)
      .executeTakeFirstOrThrow();
    await markShipped(db, {
      coopId: coops.datong,
      shipmentId: parcel.id,
      carrier: "sf",
      trackingNumber: "SF1234567890",
    });
    const path = `/coop/${slugs.datong}/shipments/${parcel.id}`;
    const params = { coop: slugs.datong, id: String(parcel.id) };
    const refused = await call(
      coopShipment.action,
      managerB.post(`/coop/${slugs.huangzhong}/shipments/${parcel.id}`, { intent: "deliver" }),
      { coop: slugs.huangzhong, id: String(parcel.id) },
    );
    expect(refused.status).toBe(403);
    for (let i = 0; i < 2; i++) {
      const done = await call(
        coopShipment.action,
        managerA.post(path, { intent: "deliver" }),
        params,
      );
      expect(done.status).toBe(302);
    }
    const row = await db
      .selectFrom("shipments")
      .select(["status", "delivered_at"])
      .where("id", "=", parcel.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe("delivered");
    expect(row.delivered_at).not.toBeNull();
    const told = await db
      .selectFrom("outbox")
      .select("subject")
      .where("subject", "=", `山海: 订单 ${order.number} 已送达`)
      .execute();
    expect(told).toHaveLength(1);
    const view = await json(
      await call(orderPage.loader, buyer.get(`/orders/${order.number}`), { number: order.number }),
    );
    const timeline = (view.extras as unknown as { timeline: Array<{ kind: string }> }).timeline;
    expect(timeline.map((e) => e.kind)).toEqual(["placed", "paid", "shipped", "delivered"]);
  });
});
