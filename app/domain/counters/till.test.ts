// The till (ADR 050): a walk-in sale is one transaction that writes an order, lines, a
// payment and ledger entries exactly like an online sale, with channel counter and the
// counter's id; refusals write nothing; walk-ins are buyers of their own; institutions are
// keyed org:<id>; refunds go back over the counter and onto its shelf.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { counterStockOf, createCounter, stockCounter } from "#tests/factories/counters";
import { createInstitutionWith } from "#tests/factories/institutions";
import { createPaidOrder } from "#tests/factories/orders";
import { createUser } from "#tests/factories/users";
import { checkLedger } from "~/domain/aid/ledger-check.server";
import { flaggedCountsQuery } from "~/domain/aid/split-orders.server";
import { issueCertificate } from "~/domain/aid/certificates.server";
import { DomainError } from "~/domain/errors";
import { requestRefund } from "~/domain/orders/refunds.server";
import { gatewayNamed } from "~/domain/payments/gateways.server";
import { recordTillSale, type TillSaleInput } from "./till.server";
import { tillDraft, tillReceipt, todaysTillSales } from "./till-reads.server";

let db: DB;
let cleanup: () => Promise<void>;
let coops: { datong: number; huangzhong: number };
let counter: number;
let otherCounter: number;
let clerk: { id: number; name: string };
let yak: number;
let craft: number;

const NOW = new Date("2026-12-02T03:00:00Z"); // 11:00 in Nanjing

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coops = await createBasicCatalog(db);
  counter = await createCounter(db, { nameZh: "绿色有机青海专柜" });
  otherCounter = await createCounter(db);
  const clerkId = await createUser(db, {
    role: "counter_staff",
    counterId: counter,
    name: "店员 刘洋",
  });
  clerk = { id: clerkId, name: "店员 刘洋" };
  yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 12800, stock: 50 });
  // not certified: sold, not counted as aid
  craft = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 6800,
    category: "handicraft",
    certifications: [],
  });
  await stockCounter(db, counter, yak, 5);
  await stockCounter(db, counter, craft, 3);
});
afterEach(() => cleanup());

const walkIn = {
  buyerType: "individual",
  orgName: null,
  fundingSource: null,
  creditCode: null,
  phone: null,
} as const;

function sale(overrides: Partial<TillSaleInput> = {}): TillSaleInput {
  return {
    counterId: counter,
    clerk,
    locale: "zh-CN",
    lines: [
      { productId: yak, quantity: 2 },
      { productId: craft, quantity: 1 },
    ],
    payment: "cash",
    buyer: walkIn,
    now: NOW,
    ...overrides,
  };
}

async function expectLedgerBalanced() {
  const check = await checkLedger(db);
  expect(check.broken).toEqual([]);
  expect(check.ok).toBe(true);
}

const counts = async () => ({
  orders: (await db.selectFrom("orders").select("id").execute()).length,
  lines: (await db.selectFrom("order_lines").select("id").execute()).length,
  payments: (await db.selectFrom("payments").select("id").execute()).length,
  ledger: (await db.selectFrom("aid_ledger").select("id").execute()).length,
});

describe("a till sale", () => {
  it("writes the order, its lines, the payment and the ledger in one go, off the counter's shelf", async () => {
    const sold = await recordTillSale(db, sale());
    expect(sold.totalFen).toBe(2 * 12800 + 6800);
    expect(sold.number).toMatch(/^SH-20261202-/);
    const order = await db
      .selectFrom("orders")
      .selectAll()
      .where("id", "=", sold.id)
      .executeTakeFirstOrThrow();
    expect(order).toMatchObject({
      status: "fulfilled",
      channel: "counter",
      fulfilment: "pickup",
      counter_id: counter,
      counter_payment: "cash",
      payment_gateway: "counter",
      paid_at: NOW.toISOString(),
      collected_at: NOW.toISOString(),
      collected_by: clerk.id,
      collected_by_name: clerk.name,
      shipping_fen: 0,
      total_fen: 32400,
      aid_eligible_fen: 25600,
      district: "秦淮区",
      address_key: "",
      phone: "",
      user_id: null,
      locale: "zh-CN",
    });
    expect(await counterStockOf(db, counter, yak)).toBe(3);
    expect(await counterStockOf(db, counter, craft)).toBe(2);
    // the cooperative's own stock (for parcels) is not touched
    const product = await db
      .selectFrom("products")
      .select("stock")
      .where("id", "=", yak)
      .executeTakeFirstOrThrow();
    expect(product.stock).toBe(50);
    const payment = await db
      .selectFrom("payments")
      .selectAll()
      .where("order_id", "=", sold.id)
      .executeTakeFirstOrThrow();
    expect(payment).toMatchObject({ gateway: "counter", status: "succeeded", amount_fen: 32400 });
    const entries = await db
      .selectFrom("aid_ledger")
      .selectAll()
      .where("order_id", "=", sold.id)
      .orderBy("id")
      .execute();
    expect(entries).toMatchObject([
      {
        entry_type: "sale",
        amount_fen: 25600,
        quantity: 2,
        eligible: 1,
        channel: "counter",
        counter_id: counter,
        bucket: "assisted_sales",
        county_code: "datong",
      },
      {
        entry_type: "sale",
        amount_fen: 6800,
        quantity: 1,
        eligible: 0,
        channel: "counter",
        counter_id: counter,
      },
    ]);
    await expectLedgerBalanced();
  });

  it("freezes its lines exactly as an online order of the same goods", async () => {
    await stockCounter(db, counter, yak, 10);
    const online = await createPaidOrder(db, [{ productId: yak, quantity: 2 }], { now: NOW });
    const sold = await recordTillSale(db, sale({ lines: [{ productId: yak, quantity: 2 }] }));
    const lineOf = async (orderId: number) => {
      const {
        id: _id,
        order_id: _order,
        ...line
      } = await db
        .selectFrom("order_lines")
        .selectAll()
        .where("order_id", "=", orderId)
        .executeTakeFirstOrThrow();
      return line;
    };
    expect(await lineOf(sold.id)).toEqual(await lineOf(online.id));
  });

  it("refuses a line beyond the shelf, writes nothing and names the line", async () => {
    const before = await counts();
    const refusal = await recordTillSale(
      db,
      sale({
        lines: [
          { productId: yak, quantity: 2 },
          { productId: craft, quantity: 4 },
        ],
      }),
    ).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({
      code: "till.sale.errors.notEnough",
      field: `line_${craft}`,
      params: { stock: 3 },
    });
    expect(await counts()).toEqual(before);
    // the first line's units went back with the rollback
    expect(await counterStockOf(db, counter, yak)).toBe(5);
    expect(await counterStockOf(db, counter, craft)).toBe(3);
  });

  it("cannot sell from another counter's shelf", async () => {
    const milk = await createProduct(db, { cooperativeId: coops.huangzhong, priceFen: 1580 });
    await stockCounter(db, otherCounter, milk, 20);
    const refusal = await recordTillSale(
      db,
      sale({ lines: [{ productId: milk, quantity: 1 }] }),
    ).catch((e: unknown) => e);
    expect(refusal).toMatchObject({ code: "till.sale.errors.soldOut", field: `line_${milk}` });
    expect(await counterStockOf(db, otherCounter, milk)).toBe(20);
    expect((await counts()).orders).toBe(0);
  });

  it("never takes the shelf below zero when two sales want the last units", async () => {
    const results = await Promise.allSettled([
      recordTillSale(db, sale({ lines: [{ productId: yak, quantity: 3 }] })),
      recordTillSale(db, sale({ lines: [{ productId: yak, quantity: 3 }] })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await counterStockOf(db, counter, yak)).toBe(2);
    await expectLedgerBalanced();
  });
});

describe("who bought at the till", () => {
  it("keeps anonymous walk-ins apart: a buyer each, never one split-order flag", async () => {
    const sales = [];
    for (let i = 0; i < 4; i++) {
      sales.push(
        await recordTillSale(
          db,
          sale({
            lines: [{ productId: craft, quantity: 1 }],
            now: new Date(NOW.getTime() + i * 60_000),
          }),
        ).catch(() => null),
      );
    }
    // three units on the shelf: three sales, the fourth refused
    const made = sales.filter((s) => s !== null);
    expect(made).toHaveLength(3);
    const keys = await db
      .selectFrom("aid_ledger")
      .select(["order_id", "buyer_key"])
      .orderBy("id")
      .execute();
    expect(keys.map((k) => k.buyer_key)).toEqual(made.map((s) => `walkin:${s.id}`));
    expect(new Set(keys.map((k) => k.buyer_key)).size).toBe(3);
    const flags = await flaggedCountsQuery(db, {
      start: "2026-12-01",
      end: "2026-12-31",
    }).execute();
    expect(flags).toEqual([]);
    const counted = await db.selectFrom("aid_split_order_counts").selectAll().execute();
    expect(counted).toEqual([]);
  });

  it("keys a walk-in who gives a phone by it, so the split-order rule sees them", async () => {
    await stockCounter(db, counter, craft, 10);
    for (let i = 0; i < 3; i++) {
      await recordTillSale(
        db,
        sale({
          lines: [{ productId: craft, quantity: 1 }],
          buyer: { ...walkIn, phone: "13912345678" },
        }),
      );
    }
    const keys = await db.selectFrom("aid_ledger").select("buyer_key").distinct().execute();
    expect(keys).toEqual([{ buyer_key: "phone:13912345678" }]);
    const flags = await flaggedCountsQuery(db, {
      start: "2026-12-01",
      end: "2026-12-31",
    }).execute();
    expect(flags).toMatchObject([{ via: "phone", subject: "13912345678", orders: 3 }]);
  });

  it("records a 采购 purchase with its type, name and funding", async () => {
    const sold = await recordTillSale(
      db,
      sale({
        payment: "card",
        buyer: {
          ...walkIn,
          buyerType: "union",
          orgName: "秦淮区总工会",
          fundingSource: "union_funds",
        },
      }),
    );
    const entry = await db
      .selectFrom("aid_ledger")
      .selectAll()
      .where("order_id", "=", sold.id)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      bucket: "procurement",
      buyer_type: "union",
      funding_source: "union_funds",
      buyer_key: `walkin:${sold.id}`,
    });
  });

  it("keys a registered institution's purchase org:<id>, and it counts in the institution's certificate", async () => {
    const { institutionId, adminId } = await createInstitutionWith(db, {
      name: "秦淮区机关事务管理局",
      type: "gov_unit",
      fundingSource: "canteen",
    });
    const code = (
      await db
        .selectFrom("institutions")
        .select("credit_code")
        .where("id", "=", institutionId)
        .executeTakeFirstOrThrow()
    ).credit_code!;
    const sold = await recordTillSale(
      db,
      sale({ payment: "qr", buyer: { ...walkIn, creditCode: code, buyerType: "individual" } }),
    );
    const order = await db
      .selectFrom("orders")
      .select(["institution_id", "buyer_type", "org_name", "funding_source", "contact_name"])
      .where("id", "=", sold.id)
      .executeTakeFirstOrThrow();
    expect(order).toEqual({
      institution_id: institutionId,
      buyer_type: "gov_unit",
      org_name: "秦淮区机关事务管理局",
      funding_source: "canteen",
      contact_name: "秦淮区机关事务管理局",
    });
    const keys = await db.selectFrom("aid_ledger").select("buyer_key").distinct().execute();
    expect(keys).toEqual([{ buyer_key: `org:${institutionId}` }]);
    const certificate = await issueCertificate(
      db,
      { user: { id: adminId }, year: 2026, forInstitution: true },
      NOW,
    );
    // the eligible yak only: 2 × ¥128
    expect(certificate).toMatchObject({
      institution: true,
      displayName: "秦淮区机关事务管理局",
      amountFen: 25600,
    });
  });

  it("refuses a credit code no institution is registered with, beside the field", async () => {
    const refusal = await recordTillSale(
      db,
      sale({ buyer: { ...walkIn, creditCode: "91320100MA0000999X" } }),
    ).catch((e: unknown) => e);
    expect(refusal).toMatchObject({
      code: "till.sale.errors.unknownInstitution",
      field: "creditCode",
    });
    expect((await counts()).orders).toBe(0);
    expect(await counterStockOf(db, counter, yak)).toBe(5);
  });
});

describe("refunding a till sale", () => {
  it("hands the money back at once, reverses the ledger with channel counter and restocks the counter", async () => {
    const sold = await recordTillSale(db, sale());
    const line = await db
      .selectFrom("order_lines")
      .select("id")
      .where("order_id", "=", sold.id)
      .where("product_id", "=", yak)
      .executeTakeFirstOrThrow();
    const partial = await requestRefund(
      db,
      {
        orderId: sold.id,
        selection: { mode: "lines", lines: [{ orderLineId: line.id, quantity: 1 }] },
        restock: true,
        reason: "顾客退回一件",
        actor: { id: null, name: "管理员" },
      },
      { gatewayFor: gatewayNamed, now: new Date(NOW.getTime() + 3_600_000) },
    );
    expect(partial).toMatchObject({ status: "succeeded", amountFen: 12800 });
    expect(await counterStockOf(db, counter, yak)).toBe(4);
    const reversal = await db
      .selectFrom("aid_ledger")
      .selectAll()
      .where("entry_type", "=", "refund")
      .execute();
    expect(reversal).toMatchObject([
      {
        amount_fen: -12800,
        quantity: -1,
        channel: "counter",
        counter_id: counter,
        buyer_key: `walkin:${sold.id}`,
      },
    ]);
    await expectLedgerBalanced();

    const rest = await requestRefund(
      db,
      {
        orderId: sold.id,
        selection: { mode: "all" },
        restock: true,
        reason: "整单退货",
        actor: { id: null, name: "管理员" },
      },
      { gatewayFor: gatewayNamed, now: new Date(NOW.getTime() + 7_200_000) },
    );
    expect(rest).toMatchObject({ status: "succeeded", amountFen: 12800 + 6800 });
    expect(await counterStockOf(db, counter, yak)).toBe(5);
    expect(await counterStockOf(db, counter, craft)).toBe(3);
    const order = await db
      .selectFrom("orders")
      .select("status")
      .where("id", "=", sold.id)
      .executeTakeFirstOrThrow();
    expect(order.status).toBe("refunded");
    // nobody to text: no phone was given
    expect(await db.selectFrom("outbox").select("id").execute()).toEqual([]);
    const total = await db
      .selectFrom("aid_ledger")
      .select((eb) => eb.fn.sum<number>("amount_fen").as("fen"))
      .executeTakeFirstOrThrow();
    expect(Number(total.fen)).toBe(0);
    await expectLedgerBalanced();
  });

  it("never gives back more than was paid at the counter", async () => {
    const sold = await recordTillSale(db, sale());
    await db
      .updateTable("payments")
      .set({ amount_fen: 100 })
      .where("order_id", "=", sold.id)
      .execute();
    const refused = await requestRefund(
      db,
      {
        orderId: sold.id,
        selection: { mode: "all" },
        restock: true,
        reason: "整单退货",
        actor: { id: null, name: "管理员" },
      },
      { gatewayFor: gatewayNamed, now: NOW },
    );
    expect(refused.status).toBe("failed");
    expect(await counterStockOf(db, counter, yak)).toBe(3);
    await expectLedgerBalanced();
  });
});

describe("the till's reads", () => {
  it("prices the sale being rung up, marks a line beyond the shelf and leaves out what the counter lacks", async () => {
    const milk = await createProduct(db, { cooperativeId: coops.huangzhong, priceFen: 1580 });
    await stockCounter(db, otherCounter, milk, 20);
    const draft = await tillDraft(
      db,
      counter,
      [
        { productId: yak, quantity: 7 },
        { productId: craft, quantity: 1 },
        { productId: milk, quantity: 1 },
      ],
      "en",
      NOW,
    );
    expect(draft.totalFen).toBe(7 * 12800 + 6800);
    expect(draft.aidEligibleFen).toBe(7 * 12800);
    expect(draft.lines).toMatchObject([
      { productId: yak, onShelf: 5, aidEligible: true },
      { productId: craft, onShelf: 3, aidEligible: false },
    ]);
    expect(draft.notStocked).toEqual([milk]);
  });

  it("lists today's sales of this counter only, and shows a receipt to this counter only", async () => {
    const yesterday = await recordTillSale(
      db,
      sale({ lines: [{ productId: yak, quantity: 1 }], now: new Date("2026-12-01T15:59:00Z") }),
    );
    const today = await recordTillSale(
      db,
      sale({ lines: [{ productId: yak, quantity: 1 }], now: new Date("2026-12-01T16:01:00Z") }),
    );
    const listed = await todaysTillSales(db, counter, NOW);
    expect(listed.map((s) => s.number)).toEqual([today.number]);
    expect(await todaysTillSales(db, otherCounter, NOW)).toEqual([]);
    const receipt = await tillReceipt(db, counter, yesterday.number, "en");
    expect(receipt).toMatchObject({
      totalFen: 12800,
      aidEligibleFen: 12800,
      payment: "cash",
      lines: [{ quantity: 1, aidEligible: true }],
    });
    await expect(tillReceipt(db, otherCounter, yesterday.number, "en")).rejects.toMatchObject({
      status: 404,
    });
  });
});
