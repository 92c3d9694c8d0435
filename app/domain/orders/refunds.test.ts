import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder, createPaidOrder } from "#tests/factories/orders";
import { checkLedger } from "../aid/ledger-check.server";
import { recordRefund } from "../aid/ledger.server";
import { DomainError } from "../errors";
import { demoGateway } from "../payments/demo-gateway.server";
import { RefundDeclinedError, type PaymentGateway } from "../payments/gateway";
import { listOrderRefunds, refundableLines } from "./refund-lines.server";
import { applyRefundEvent } from "./refund-settlement.server";
import { requestRefund, type RefundRequestInput } from "./refunds.server";
import { markShipped } from "./shipments.server";

let db: DB;
let cleanup: () => Promise<void>;
let coops: { datong: number; huangzhong: number };
beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coops = await createBasicCatalog(db);
});
afterEach(() => cleanup());

const paidAt = new Date("2026-11-10T02:00:00Z");
const confirmedAt = new Date("2026-11-30T17:30:00Z"); // 1 December in Shanghai
const admin = { id: null, name: "平台管理员 周敏" };
const demo = { gatewayFor: () => demoGateway, now: confirmedAt };

/** The ledger invariant holds, per order and overall; run after every scenario step. */
async function expectLedgerBalanced() {
  const check = await checkLedger(db);
  expect(check.broken).toEqual([]);
  expect(check.ok).toBe(true);
  return check;
}

const refundInput = (
  orderId: number,
  overrides: Partial<RefundRequestInput> = {},
): RefundRequestInput => ({
  orderId,
  selection: { mode: "all" },
  restock: false,
  reason: "顾客收到的商品破损",
  actor: admin,
  ...overrides,
});

const stockOf = async (id: number) =>
  (await db.selectFrom("products").select("stock").where("id", "=", id).executeTakeFirstOrThrow())
    .stock;
const orderRow = (id: number) =>
  db
    .selectFrom("orders")
    .select(["status", "total_fen", "shipping_fen"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
const ledgerOf = (orderId: number) =>
  db.selectFrom("aid_ledger").selectAll().where("order_id", "=", orderId).orderBy("id").execute();
const linesOf = (orderId: number) =>
  db
    .selectFrom("order_lines")
    .select(["id", "product_id"])
    .where("order_id", "=", orderId)
    .orderBy("id")
    .execute();

/** A paid order of two lines from two cooperatives: 2 × ¥28 (Datong), 3 × ¥10 (Huangzhong), ¥8 shipping. */
async function twoLineOrder() {
  const yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 2800, stock: 20 });
  const milk = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 1000,
    stock: 30,
    category: "dairy",
  });
  const order = await createPaidOrder(
    db,
    [
      { productId: yak, quantity: 2 },
      { productId: milk, quantity: 3 },
    ],
    { now: paidAt },
  );
  await expectLedgerBalanced();
  const [yakLine, milkLine] = await linesOf(order.id);
  return { order, yak, milk, yakLine: yakLine!.id, milkLine: milkLine!.id };
}

/** A gateway that answers later (as Stripe will, by webhook). */
const laterGateway = (name = "demo"): PaymentGateway => ({
  name,
  startPayment: () => Promise.reject(new Error("not used")),
  refund: async (_db, request) => ({ gatewayRefundId: `re_later_${request.refundId}` }),
});

describe("requestRefund through the demo gateway", () => {
  it("refunds one line in part: the order is partially refunded and the ledger reversed at confirmation", async () => {
    const { order, yak, yakLine } = await twoLineOrder();
    const stockBefore = await stockOf(yak);
    const result = await requestRefund(
      db,
      refundInput(order.id, {
        selection: { mode: "lines", lines: [{ orderLineId: yakLine, quantity: 1 }] },
      }),
      demo,
    );
    expect(result).toMatchObject({ status: "succeeded", amountFen: 2800, duplicate: false });
    expect((await orderRow(order.id)).status).toBe("partially_refunded");
    expect(await stockOf(yak)).toBe(stockBefore);

    const refund = await db
      .selectFrom("refunds")
      .selectAll()
      .where("id", "=", result.refundId)
      .executeTakeFirstOrThrow();
    expect(refund).toMatchObject({
      status: "succeeded",
      gateway: "demo",
      confirmed_at: confirmedAt.toISOString(),
      requested_by_name: admin.name,
      restock: 0,
    });
    expect(refund.gateway_refund_id).toMatch(/^demo_re_/);
    expect(refund.idempotency_key).toMatch(/^rf_/);

    const reversal = (await ledgerOf(order.id)).filter((e) => e.entry_type === "refund");
    expect(reversal).toEqual([
      expect.objectContaining({
        refund_id: result.refundId,
        order_line_id: yakLine,
        amount_fen: -2800,
        quantity: -1,
        county_code: "datong",
        paired_district_zh: "雨花台区",
        cooperative_id: coops.datong,
        product_id: yak,
        eligible: 1,
        occurred_at: confirmedAt.toISOString(),
        day: "2026-12-01",
        month: "2026-12",
      }),
    ]);
    const events = await db
      .selectFrom("payment_events")
      .select(["type", "outcome", "order_id"])
      .where("type", "like", "refund.%")
      .execute();
    expect(events).toEqual([{ type: "refund.succeeded", outcome: "applied", order_id: order.id }]);

    const lines = await refundableLines(db, order.id);
    expect(lines[0]).toMatchObject({
      refundedQuantity: 1,
      pendingQuantity: 0,
      refundableQuantity: 1,
    });
    const check = await expectLedgerBalanced();
    expect(check.expectedTotalFen).toBe(2 * 2800 + 3 * 1000 - 2800);
  });

  it("refunds the whole order with its shipping fee, puts stock back and cancels the parcels", async () => {
    const { order, yak, milk } = await twoLineOrder();
    const before = { yak: await stockOf(yak), milk: await stockOf(milk) };
    const { shipping_fen, total_fen } = await orderRow(order.id);
    expect(shipping_fen).toBeGreaterThan(0);
    const result = await requestRefund(db, refundInput(order.id, { restock: true }), demo);
    expect(result).toMatchObject({ status: "succeeded", amountFen: total_fen });
    expect((await orderRow(order.id)).status).toBe("refunded");
    expect(await stockOf(yak)).toBe(before.yak + 2);
    expect(await stockOf(milk)).toBe(before.milk + 3);

    // the reversal mirrors the sale entries exactly, and the order's ledger nets to zero
    const entries = await ledgerOf(order.id);
    const sales = entries.filter((e) => e.entry_type === "sale");
    const refunds = entries.filter((e) => e.entry_type === "refund");
    expect(refunds.map((e) => [e.product_id, -e.amount_fen, -e.quantity])).toEqual(
      sales.map((e) => [e.product_id, e.amount_fen, e.quantity]),
    );
    expect(entries.reduce((s, e) => s + e.amount_fen, 0)).toBe(0);

    const parcels = await db
      .selectFrom("shipments")
      .select("status")
      .where("order_id", "=", order.id)
      .execute();
    expect(parcels.map((p) => p.status)).toEqual(["cancelled", "cancelled"]);
    const audit = await db
      .selectFrom("audit_log")
      .select(["entity", "action", "actor_name"])
      .where("action", "in", ["refund_restock", "cancelled"])
      .orderBy("id")
      .execute();
    expect(audit).toEqual([
      { entity: "product", action: "refund_restock", actor_name: admin.name },
      { entity: "product", action: "refund_restock", actor_name: admin.name },
      { entity: "shipment", action: "cancelled", actor_name: admin.name },
      { entity: "shipment", action: "cancelled", actor_name: admin.name },
    ]);

    const [listed] = await listOrderRefunds(db, order.id);
    expect(listed).toMatchObject({ status: "succeeded", shippingFen: shipping_fen, restock: true });
    expect(listed?.lines.map((l) => l.quantity)).toEqual([2, 3]);
    // nothing is left: a refunded order cannot be refunded again
    await expect(requestRefund(db, refundInput(order.id), demo)).rejects.toMatchObject({
      code: "refund.errors.notRefundable",
      status: 409,
    });
    await expectLedgerBalanced();
  });

  it("returns shipping with the refund that takes the last items, whichever way it is asked", async () => {
    const { order, yakLine, milkLine } = await twoLineOrder();
    const { shipping_fen } = await orderRow(order.id);
    const first = await requestRefund(
      db,
      refundInput(order.id, {
        selection: { mode: "lines", lines: [{ orderLineId: milkLine, quantity: 3 }] },
      }),
      demo,
    );
    expect(first.amountFen).toBe(3000);
    await expectLedgerBalanced();
    const last = await requestRefund(
      db,
      refundInput(order.id, {
        selection: { mode: "lines", lines: [{ orderLineId: yakLine, quantity: 2 }] },
      }),
      demo,
    );
    expect(last.amountFen).toBe(5600 + shipping_fen);
    expect((await orderRow(order.id)).status).toBe("refunded");
    await expectLedgerBalanced();
  });

  it("cancels only the parcel whose every line was refunded, and leaves a shipped one alone", async () => {
    const { order, milkLine } = await twoLineOrder();
    const shipments = await db
      .selectFrom("shipments")
      .select(["id", "cooperative_id"])
      .where("order_id", "=", order.id)
      .execute();
    const yakParcel = shipments.find((s) => s.cooperative_id === coops.datong)!;
    await markShipped(db, {
      coopId: coops.datong,
      shipmentId: yakParcel.id,
      carrier: "sf",
      trackingNumber: "SF1234567890",
    });
    await requestRefund(
      db,
      refundInput(order.id, {
        selection: { mode: "lines", lines: [{ orderLineId: milkLine, quantity: 3 }] },
      }),
      demo,
    );
    const after = await db
      .selectFrom("shipments")
      .select(["cooperative_id", "status"])
      .where("order_id", "=", order.id)
      .orderBy("cooperative_id")
      .execute();
    expect(after).toEqual(
      expect.arrayContaining([
        { cooperative_id: coops.datong, status: "shipped" },
        { cooperative_id: coops.huangzhong, status: "cancelled" },
      ]),
    );
    expect((await orderRow(order.id)).status).toBe("partially_refunded");
    await expectLedgerBalanced();
  });

  it("reverses a gift box component by component, exactly, over several partial refunds", async () => {
    const a = await createProduct(db, { cooperativeId: coops.datong });
    const b = await createProduct(db, { cooperativeId: coops.huangzhong });
    const box = await createProduct(db, {
      cooperativeId: coops.datong,
      priceFen: 10001,
      stock: 10,
    });
    await db
      .insertInto("product_components")
      .values([
        { bundle_product_id: box, component_product_id: a, quantity: 1, share_bp: 6000 },
        { bundle_product_id: box, component_product_id: b, quantity: 2, share_bp: 4000 },
      ])
      .execute();
    const order = await createPaidOrder(db, [{ productId: box, quantity: 3 }], { now: paidAt });
    await expectLedgerBalanced();
    const [line] = await linesOf(order.id);
    const refundOf = (quantity: number, at: Date) =>
      requestRefund(
        db,
        refundInput(order.id, {
          selection: { mode: "lines", lines: [{ orderLineId: line!.id, quantity }] },
        }),
        { gatewayFor: () => demoGateway, now: at },
      );

    const one = await refundOf(1, new Date("2026-11-20T02:00:00Z"));
    expect(one.amountFen).toBe(10001);
    const firstReversal = (await ledgerOf(order.id)).filter((e) => e.refund_id === one.refundId);
    expect(firstReversal.map((e) => [e.product_id, e.cooperative_id, e.quantity])).toEqual([
      [a, coops.datong, -1],
      [b, coops.huangzhong, -2],
    ]);
    expect(firstReversal.reduce((s, e) => s + e.amount_fen, 0)).toBe(-10001);
    expect((await orderRow(order.id)).status).toBe("partially_refunded");
    await expectLedgerBalanced();

    const two = await refundOf(2, new Date("2026-11-21T02:00:00Z"));
    expect(two.amountFen).toBe(20002);
    expect((await orderRow(order.id)).status).toBe("refunded");
    const entries = await ledgerOf(order.id);
    for (const product of [a, b]) {
      const own = entries.filter((e) => e.product_id === product);
      expect(
        own.reduce((s, e) => s + e.amount_fen, 0),
        `product ${product}`,
      ).toBe(0);
      expect(
        own.reduce((s, e) => s + e.quantity, 0),
        `product ${product}`,
      ).toBe(0);
    }
    const secondReversal = entries.filter((e) => e.refund_id === two.refundId);
    expect(secondReversal.reduce((s, e) => s + e.amount_fen, 0)).toBe(-20002);
    // stock goes back to the box, the thing that was sold, only when asked
    expect(await stockOf(box)).toBe(7);
    await expectLedgerBalanced();
  });

  it("dates a refund of a reported month's sale in the month it is confirmed", async () => {
    const p = await createProduct(db, { cooperativeId: coops.datong, priceFen: 5000 });
    const order = await createPaidOrder(db, [{ productId: p, quantity: 2 }], {
      now: new Date("2026-10-15T02:00:00Z"),
    });
    await db
      .insertInto("reported_periods")
      .values({ month: "2026-10", reported_by_name: "陈立", reported_at: "2026-11-02T00:00:00Z" })
      .execute();
    await requestRefund(db, refundInput(order.id), {
      gatewayFor: () => demoGateway,
      now: new Date("2026-11-05T03:00:00Z"),
    });
    const months = (await ledgerOf(order.id)).map((e) => [e.entry_type, e.month]);
    expect(months).toEqual([
      ["sale", "2026-10"],
      ["refund", "2026-11"],
    ]);
    await expectLedgerBalanced();
  });
});

describe("what cannot be refunded", () => {
  it("refuses more than is left, counting refunds still waiting for the gateway", async () => {
    const { order, yakLine, milkLine } = await twoLineOrder();
    const over = requestRefund(
      db,
      refundInput(order.id, {
        selection: { mode: "lines", lines: [{ orderLineId: yakLine, quantity: 3 }] },
      }),
      demo,
    );
    await expect(over).rejects.toMatchObject({
      code: "refund.errors.overRefund",
      status: 409,
      field: `qty_${yakLine}`,
      params: { max: 2 },
    });

    // one unit waits for a slow gateway: only one more may be asked for
    const pending = await requestRefund(
      db,
      refundInput(order.id, {
        selection: { mode: "lines", lines: [{ orderLineId: yakLine, quantity: 1 }] },
      }),
      { gatewayFor: () => laterGateway(), now: confirmedAt },
    );
    expect(pending.status).toBe("requested");
    await expect(
      requestRefund(
        db,
        refundInput(order.id, {
          selection: { mode: "lines", lines: [{ orderLineId: yakLine, quantity: 2 }] },
        }),
        demo,
      ),
    ).rejects.toMatchObject({ code: "refund.errors.overRefund", params: { max: 1 } });
    expect((await refundableLines(db, order.id))[0]).toMatchObject({
      pendingQuantity: 1,
      refundableQuantity: 1,
    });
    // nothing changed while it waits
    expect((await orderRow(order.id)).status).toBe("paid");
    await expectLedgerBalanced();

    for (const [lines, code, field] of [
      [[], "refund.errors.nothingSelected", "lines"],
      [[{ orderLineId: milkLine, quantity: 0 }], "refund.errors.nothingSelected", "lines"],
      [[{ orderLineId: milkLine, quantity: -1 }], "refund.errors.quantity", `qty_${milkLine}`],
      [[{ orderLineId: 999999, quantity: 1 }], "refund.errors.unknownLine", "qty_999999"],
    ] as const) {
      await expect(
        requestRefund(
          db,
          refundInput(order.id, { selection: { mode: "lines", lines: [...lines] } }),
          demo,
        ),
        code,
      ).rejects.toMatchObject({ code, field });
    }
    await expect(
      requestRefund(db, refundInput(order.id, { reason: " 无 " }), demo),
    ).rejects.toMatchObject({ code: "refund.errors.reason", field: "reason" });
    expect(await db.selectFrom("refunds").select("id").execute()).toHaveLength(1);
  });

  it("refuses orders that were never paid, and orders that do not exist", async () => {
    const p = await createProduct(db, { cooperativeId: coops.datong });
    const unpaid = await createOrder(db, [{ productId: p, quantity: 1 }]);
    await expect(requestRefund(db, refundInput(unpaid.id), demo)).rejects.toMatchObject({
      code: "refund.errors.notRefundable",
    });
    await expect(requestRefund(db, refundInput(987654), demo)).rejects.toMatchObject({
      status: 404,
    });
    await expectLedgerBalanced();
  });

  it("answers a second submission of the same form with the first refund", async () => {
    const { order, yakLine } = await twoLineOrder();
    const input = refundInput(order.id, {
      idempotencyKey: "rf_same-form-submitted-twice",
      selection: { mode: "lines", lines: [{ orderLineId: yakLine, quantity: 1 }] },
    });
    const first = await requestRefund(db, input, demo);
    const again = await requestRefund(db, input, demo);
    expect(again).toMatchObject({ refundId: first.refundId, duplicate: true, status: "succeeded" });
    expect(await db.selectFrom("refunds").select("id").execute()).toHaveLength(1);
    const other = await twoLineOrder();
    const error = await requestRefund(db, { ...input, orderId: other.order.id }, demo).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "refund.errors.form", status: 409 });
    await expectLedgerBalanced();
  });
});

describe("applyRefundEvent", () => {
  it("records a failure and its reason, and changes nothing else", async () => {
    const { order, yak, yakLine } = await twoLineOrder();
    const stock = await stockOf(yak);
    const declining: PaymentGateway = {
      ...laterGateway(),
      refund: () => Promise.reject(new RefundDeclinedError("charge_already_refunded")),
    };
    const result = await requestRefund(
      db,
      refundInput(order.id, {
        restock: true,
        selection: { mode: "lines", lines: [{ orderLineId: yakLine, quantity: 2 }] },
      }),
      { gatewayFor: () => declining, now: confirmedAt },
    );
    expect(result).toMatchObject({ status: "failed", failureReason: "charge_already_refunded" });
    expect((await orderRow(order.id)).status).toBe("paid");
    expect(await stockOf(yak)).toBe(stock);
    expect((await ledgerOf(order.id)).every((e) => e.entry_type === "sale")).toBe(true);
    // a failed refund holds nothing back
    expect((await refundableLines(db, order.id))[0]?.refundableQuantity).toBe(2);
    const [listed] = await listOrderRefunds(db, order.id);
    expect(listed).toMatchObject({ status: "failed", failureReason: "charge_already_refunded" });
    await expectLedgerBalanced();
  });

  it("applies a late confirmation once, dated when it arrives, and only forwards", async () => {
    const { order, yakLine } = await twoLineOrder();
    const { refundId } = await requestRefund(
      db,
      refundInput(order.id, {
        selection: { mode: "lines", lines: [{ orderLineId: yakLine, quantity: 2 }] },
      }),
      { gatewayFor: () => laterGateway(), now: new Date("2026-11-20T02:00:00Z") },
    );
    const refund = await db
      .selectFrom("refunds")
      .select(["status", "gateway_refund_id"])
      .where("id", "=", refundId)
      .executeTakeFirstOrThrow();
    expect(refund).toEqual({ status: "requested", gateway_refund_id: `re_later_${refundId}` });
    await expectLedgerBalanced();

    const webhookAt = new Date("2026-11-22T09:00:00Z");
    const ok = {
      eventId: "evt_refund_ok",
      gateway: "demo",
      refundId,
      status: "succeeded" as const,
    };
    expect(await applyRefundEvent(db, ok, webhookAt)).toBe("applied");
    expect(await applyRefundEvent(db, ok, webhookAt)).toBe("duplicate");
    // news arriving out of order cannot move it back
    expect(
      await applyRefundEvent(
        db,
        { ...ok, eventId: "evt_refund_failed_late", status: "failed", failureReason: "late" },
        webhookAt,
      ),
    ).toBe("ignored");
    expect(
      await applyRefundEvent(db, { ...ok, eventId: "evt_other_gateway", gateway: "stripe" }),
    ).toBe("gateway_mismatch");
    expect(await applyRefundEvent(db, { ...ok, eventId: "evt_nobody", refundId: 424242 })).toBe(
      "unknown_refund",
    );

    const reversal = (await ledgerOf(order.id)).filter((e) => e.entry_type === "refund");
    expect(reversal).toHaveLength(1);
    expect(reversal[0]).toMatchObject({ amount_fen: -5600, occurred_at: webhookAt.toISOString() });
    const row = await db
      .selectFrom("refunds")
      .select(["status", "confirmed_at", "failure_reason"])
      .where("id", "=", refundId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: "succeeded",
      confirmed_at: webhookAt.toISOString(),
      failure_reason: null,
    });
    const outcomes = await db
      .selectFrom("payment_events")
      .select(["id", "outcome"])
      .where("type", "like", "refund.%")
      .orderBy("received_at")
      .orderBy("id")
      .execute();
    expect(Object.fromEntries(outcomes.map((o) => [o.id, o.outcome]))).toEqual({
      evt_refund_ok: "applied",
      evt_refund_failed_late: "ignored",
      evt_other_gateway: "gateway_mismatch",
      evt_nobody: "unknown_refund",
    });
    expect((await orderRow(order.id)).status).toBe("partially_refunded");
    await expectLedgerBalanced();
  });

  it("never writes a refund's reversal twice", async () => {
    const { order } = await twoLineOrder();
    const { refundId } = await requestRefund(db, refundInput(order.id), demo);
    const written = await db.transaction().execute((trx) => recordRefund(trx, refundId));
    expect(written).toBe(0);
    await expect(
      sql`delete from aid_ledger where refund_id = ${refundId}`.execute(db),
    ).rejects.toThrow(/append-only/);
    await expectLedgerBalanced();
  });
});
