// Route tests for /admin/orders: finding an order and refunding it through the form, as a
// signed-in admin; everyone else is kept out. The ledger invariant is checked after each step.
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "#db/schema";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder, createPaidOrder } from "#tests/factories/orders";
import { createUserWithSession } from "#tests/factories/users";
import { BASE, Browser, call, browserWithSession } from "#tests/http";
import { checkLedger } from "~/domain/aid/ledger-check.server";
import { getDb } from "~/utils/db.server";
import * as adminOrder from "./admin.orders.$number/route";
import * as adminOrders from "./admin.orders._index";

const ADMIN_NAME = "平台管理员 周敏";
let coops: { datong: number; huangzhong: number };
const browsers = {} as Record<Role | "guest", Browser>;

async function signedIn(role: Role, name?: string) {
  const { token } = await createUserWithSession(await getDb(), { role, name });
  const browser = await browserWithSession(token);
  return browser;
}

beforeAll(async () => {
  coops = await createBasicCatalog(await getDb());
  browsers.guest = new Browser();
  browsers.shopper = await signedIn("shopper");
  browsers.coop_manager = await signedIn("coop_manager");
  browsers.aid_officer = await signedIn("aid_officer");
  browsers.admin = await signedIn("admin", ADMIN_NAME);
});

async function json(response: Response) {
  return (await response.json()) as Record<string, unknown>;
}

async function expectLedgerBalanced() {
  const check = await checkLedger(await getDb());
  expect(check.broken).toEqual([]);
  expect(check.ok).toBe(true);
}

/** A paid order: 2 × ¥128 yak shank and 3 × ¥15.80 milk, from two cooperatives. */
async function paidOrder(phone = "13912345678") {
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
    { input: { phone } },
  );
  const lines = await db
    .selectFrom("order_lines")
    .select(["id", "product_id"])
    .where("order_id", "=", order.id)
    .orderBy("id")
    .execute();
  await expectLedgerBalanced();
  return { ...order, yak, milk, yakLine: lines[0]!.id, milkLine: lines[1]!.id };
}

const stockOf = async (id: number) =>
  (
    await (
      await getDb()
    )
      .selectFrom("products")
      .select("stock")
      .where("id", "=", id)
      .executeTakeFirstOrThrow()
  ).stock;

const statusOf = async (orderId: number) =>
  (
    await (
      await getDb()
    )
      .selectFrom("orders")
      .select("status")
      .where("id", "=", orderId)
      .executeTakeFirstOrThrow()
  ).status;

/** Opens the order page as the admin and posts its refund form with these fields. */
async function refund(number: string, fields: Record<string, string | number>) {
  const b = browsers.admin;
  const page = await json(
    await call(adminOrder.loader, b.get(`/admin/orders/${number}`), { number }),
  );
  const form = { idempotencyKey: String(page.idempotencyKey), ...fields };
  return call(adminOrder.action, b.post(`/admin/orders/${number}`, form), { number });
}

describe("who may refund", () => {
  it("sends visitors to log in and refuses everyone but admins, pages and form alike", async () => {
    const order = await paidOrder();
    const pages: Array<{ handler: unknown; path: string; params: Record<string, string> }> = [
      { handler: adminOrders.loader, path: "/admin/orders", params: {} },
      {
        handler: adminOrder.loader,
        path: `/admin/orders/${order.number}`,
        params: { number: order.number },
      },
    ];
    const form = { mode: "all", reason: "想要退款", restock: "on" };
    for (const who of ["guest", "shopper", "coop_manager", "aid_officer"] as const) {
      const b = browsers[who];
      const expected = who === "guest" ? 302 : 403;
      for (const page of pages) {
        const response = await call(page.handler, b.get(page.path), page.params);
        expect(response.status, `${who} GET ${page.path}`).toBe(expected);
        if (who === "guest") expect(response.headers.get("Location")).toMatch(/^\/login\?/);
      }
      const post = await call(adminOrder.action, b.post(`/admin/orders/${order.number}`, form), {
        number: order.number,
      });
      expect(post.status, `${who} POST`).toBe(expected);
    }
    // and an admin's form posted from another site
    const forged = await call(
      adminOrder.action,
      browsers.admin.post(`/admin/orders/${order.number}`, form, {
        Origin: "https://evil.example",
      }),
      { number: order.number },
    );
    expect(forged.status).toBe(403);
    expect(await statusOf(order.id)).toBe("paid");
    expect((await (await getDb()).selectFrom("refunds").select("id").execute()).length).toBe(0);
    await expectLedgerBalanced();
  });
});

describe("finding orders", () => {
  it("lists recent paid orders and finds one by number or phone", async () => {
    const order = await paidOrder("13700001111");
    const b = browsers.admin;
    const recent = await call(adminOrders.loader, b.get("/admin/orders"));
    expect(recent.status).toBe(200);
    expect(recent.headers.get("Cache-Control")).toContain("no-store");
    const listed = (await json(recent)).orders as Array<{ number: string; phoneMasked: string }>;
    expect(listed.map((o) => o.number)).toContain(order.number);
    expect(JSON.stringify(listed)).not.toContain("13700001111");

    const byNumber = await json(
      await call(adminOrders.loader, b.get(`/admin/orders?q=${order.number.toLowerCase()}`)),
    );
    expect(byNumber).toMatchObject({ searched: true, searchError: null });
    expect((byNumber.orders as Array<{ number: string }>).map((o) => o.number)).toEqual([
      order.number,
    ]);
    const byPhone = await json(
      await call(adminOrders.loader, b.get("/admin/orders?q=137-0000-1111")),
    );
    expect((byPhone.orders as Array<{ number: string }>).map((o) => o.number)).toEqual([
      order.number,
    ]);
    const nonsense = await call(adminOrders.loader, b.get("/admin/orders?q=%3Cscript%3E"));
    expect(nonsense.status).toBe(200);
    expect(await json(nonsense)).toMatchObject({
      q: "<script>",
      searched: false,
      searchError: "refund.errors.search",
    });
  });

  it("answers 404 for an order that does not exist or a number that cannot be one", async () => {
    const b = browsers.admin;
    for (const number of ["SH-20200101-2222", "not-an-order", "1"]) {
      const page = await call(adminOrder.loader, b.get(`/admin/orders/${number}`), { number });
      expect(page.status, number).toBe(404);
      const post = await call(
        adminOrder.action,
        b.post(`/admin/orders/${number}`, { mode: "all", reason: "测试退款" }),
        { number },
      );
      expect(post.status, number).toBe(404);
    }
  });
});

describe("refunding through /admin/orders/:number", () => {
  it("refunds one line: partially refunded, reversed in the ledger at confirmation, stock kept", async () => {
    const order = await paidOrder();
    const db = await getDb();
    const yakStock = await stockOf(order.yak);
    const before = new Date().toISOString();
    const response = await refund(order.number, {
      mode: "lines",
      [`qty_${order.yakLine}`]: 1,
      [`qty_${order.milkLine}`]: 0,
      reason: "一件牦牛腱子包装破损",
    });
    const after = new Date().toISOString();
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("Location")!, BASE);
    expect(location.pathname).toBe(`/admin/orders/${order.number}`);
    const refundId = Number(location.searchParams.get("refund"));
    expect(refundId).toBeGreaterThan(0);

    expect(await statusOf(order.id)).toBe("partially_refunded");
    expect(await stockOf(order.yak)).toBe(yakStock);
    const row = await db
      .selectFrom("refunds")
      .select(["status", "amount_fen", "confirmed_at", "requested_by_name", "restock"])
      .where("id", "=", refundId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: "succeeded",
      amount_fen: 12800,
      requested_by_name: ADMIN_NAME,
      restock: 0,
    });
    const reversal = await db
      .selectFrom("aid_ledger")
      .select(["entry_type", "amount_fen", "quantity", "order_line_id", "occurred_at"])
      .where("refund_id", "=", refundId)
      .execute();
    expect(reversal).toEqual([
      {
        entry_type: "refund",
        amount_fen: -12800,
        quantity: -1,
        order_line_id: order.yakLine,
        occurred_at: row.confirmed_at,
      },
    ]);
    expect(row.confirmed_at! >= before && row.confirmed_at! <= after).toBe(true);
    await expectLedgerBalanced();

    // the page shows what happened
    const page = await json(
      await call(
        adminOrder.loader,
        browsers.admin.get(`/admin/orders/${order.number}?refund=${refundId}`),
        { number: order.number },
      ),
    );
    const shown = page.order as {
      status: string;
      refundedFen: number;
      lines: Array<{ id: number; refundedQuantity: number; refundableQuantity: number }>;
      refunds: Array<{ id: number; status: string; requestedByName: string; reason: string }>;
    };
    expect(shown.status).toBe("partially_refunded");
    expect(shown.refundedFen).toBe(12800);
    expect(shown.lines.find((l) => l.id === order.yakLine)).toMatchObject({
      refundedQuantity: 1,
      refundableQuantity: 1,
    });
    expect(shown.refunds[0]).toMatchObject({
      id: refundId,
      status: "succeeded",
      requestedByName: ADMIN_NAME,
      reason: "一件牦牛腱子包装破损",
    });
  });

  it("puts the goods back in stock only when the admin says they came back", async () => {
    const order = await paidOrder();
    const milkStock = await stockOf(order.milk);
    const without = await refund(order.number, {
      mode: "lines",
      [`qty_${order.milkLine}`]: 1,
      reason: "顾客拒收一盒",
    });
    expect(without.status).toBe(302);
    expect(await stockOf(order.milk)).toBe(milkStock);
    await expectLedgerBalanced();

    const withRestock = await refund(order.number, {
      mode: "lines",
      [`qty_${order.milkLine}`]: 2,
      restock: "on",
      reason: "两盒原样退回",
    });
    expect(withRestock.status).toBe(302);
    expect(await stockOf(order.milk)).toBe(milkStock + 2);
    expect(await statusOf(order.id)).toBe("partially_refunded");
    await expectLedgerBalanced();

    // the rest as a whole-order refund: everything left, with shipping, and the order is refunded
    const rest = await refund(order.number, { mode: "all", reason: "整单退款" });
    expect(rest.status).toBe(302);
    expect(await statusOf(order.id)).toBe("refunded");
    const db = await getDb();
    const total = await db
      .selectFrom("refunds")
      .select((eb) => eb.fn.sum<number>("amount_fen").as("fen"))
      .where("order_id", "=", order.id)
      .where("status", "=", "succeeded")
      .executeTakeFirstOrThrow();
    expect(Number(total.fen)).toBe(order.totalFen);
    await expectLedgerBalanced();
  });

  it("refuses an over-refund, zero quantities and a missing reason, beside the fields, input kept", async () => {
    const order = await paidOrder();
    const over = await refund(order.number, {
      mode: "lines",
      [`qty_${order.yakLine}`]: 5,
      reason: "多退一点",
    });
    expect(over.status).toBe(409);
    expect(await json(over)).toMatchObject({
      errors: { [`qty_${order.yakLine}`]: "refund.errors.overRefund" },
      params: { [`qty_${order.yakLine}`]: { max: 2 } },
      values: { [`qty_${order.yakLine}`]: "5", reason: "多退一点", mode: "lines" },
    });

    const zero = await refund(order.number, {
      mode: "lines",
      [`qty_${order.yakLine}`]: 0,
      [`qty_${order.milkLine}`]: "",
      reason: "什么都没选",
    });
    expect(zero.status).toBe(400);
    expect(await json(zero)).toMatchObject({
      errors: { lines: "refund.errors.nothingSelected" },
      values: { reason: "什么都没选" },
    });

    const noReason = await refund(order.number, {
      mode: "lines",
      [`qty_${order.yakLine}`]: 1,
      reason: "  ",
    });
    expect(noReason.status).toBe(400);
    expect(await json(noReason)).toMatchObject({
      errors: { reason: "refund.errors.reason" },
      values: { [`qty_${order.yakLine}`]: "1" },
    });

    for (const bad of ["abc", "1.5", "-2"]) {
      const response = await refund(order.number, {
        mode: "lines",
        [`qty_${order.yakLine}`]: bad,
        reason: "数量乱填",
      });
      expect(response.status, bad).toBe(400);
      expect((await json(response)).errors).toMatchObject({
        [`qty_${order.yakLine}`]: "refund.errors.quantity",
      });
    }
    const empty = await call(
      adminOrder.action,
      browsers.admin.post(`/admin/orders/${order.number}`, {}),
      { number: order.number },
    );
    expect(empty.status).toBe(400);

    expect(await statusOf(order.id)).toBe("paid");
    const db = await getDb();
    expect(
      await db.selectFrom("refunds").select("id").where("order_id", "=", order.id).execute(),
    ).toEqual([]);
    await expectLedgerBalanced();
  });

  it("refunds once when the same form is submitted twice", async () => {
    const order = await paidOrder();
    const b = browsers.admin;
    const page = await json(
      await call(adminOrder.loader, b.get(`/admin/orders/${order.number}`), {
        number: order.number,
      }),
    );
    const form = {
      idempotencyKey: String(page.idempotencyKey),
      mode: "lines",
      [`qty_${order.milkLine}`]: 1,
      reason: "重复点击",
    };
    const first = await call(adminOrder.action, b.post(`/admin/orders/${order.number}`, form), {
      number: order.number,
    });
    const second = await call(adminOrder.action, b.post(`/admin/orders/${order.number}`, form), {
      number: order.number,
    });
    expect(first.status).toBe(302);
    expect(second.status).toBe(302);
    const id = new URL(first.headers.get("Location")!, BASE).searchParams.get("refund");
    const again = new URL(second.headers.get("Location")!, BASE).searchParams;
    expect(again.get("refund")).toBe(id);
    expect(again.get("again")).toBe("1");
    const db = await getDb();
    expect(
      await db.selectFrom("refunds").select("id").where("order_id", "=", order.id).execute(),
    ).toHaveLength(1);
    await expectLedgerBalanced();
  });

  it("says why no refund can be started: fully refunded, or never paid", async () => {
    const order = await paidOrder();
    const open = async (number: string) =>
      (
        (await json(
          await call(adminOrder.loader, browsers.admin.get(`/admin/orders/${number}`), { number }),
        )) as { order: { status: string; refundBlock: string | null } }
      ).order;
    expect(await open(order.number)).toMatchObject({ status: "paid", refundBlock: null });
    const all = await refund(order.number, { mode: "all", reason: "顾客取消整单" });
    expect(all.status).toBe(302);
    expect(await open(order.number)).toMatchObject({
      status: "refunded",
      refundBlock: "fullyRefunded",
    });

    const db = await getDb();
    const p = await createProduct(db, { cooperativeId: coops.datong });
    const unpaid = await createOrder(db, [{ productId: p, quantity: 1 }]);
    expect(await open(unpaid.number)).toMatchObject({ refundBlock: "notRefundable" });
    await expectLedgerBalanced();
  });

  it("shows an unpaid order without a refund form and refuses to refund it", async () => {
    const db = await getDb();
    const p = await createProduct(db, { cooperativeId: coops.datong });
    const unpaid = await createOrder(db, [{ productId: p, quantity: 1 }]);
    const page = await json(
      await call(adminOrder.loader, browsers.admin.get(`/admin/orders/${unpaid.number}`), {
        number: unpaid.number,
      }),
    );
    expect(page.order).toMatchObject({ status: "pending_payment", refundable: false });
    const response = await refund(unpaid.number, { mode: "all", reason: "未付款也想退" });
    expect(response.status).toBe(409);
    expect(await json(response)).toMatchObject({ formError: "refund.errors.notRefundable" });
    await expectLedgerBalanced();
  });
});
