// Route tests for the till (ADR 050): /counter/till and its receipt, as counter staff of one
// counter; everyone else is kept out, and staff of one counter cannot sell from, or read the
// receipts of, another.
import { beforeAll, describe, expect, it } from "vitest";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { counterStockOf, createCounter, stockCounter } from "#tests/factories/counters";
import { createUserWithSession } from "#tests/factories/users";
import { Browser, browserWithSession, call } from "#tests/http";
import { checkLedger } from "~/domain/aid/ledger-check.server";
import { getDb } from "~/utils/db.server";
import * as adminOrder from "./admin.orders.$number/route";
import * as receipt from "./counter.till.$number";
import * as till from "./counter.till._index/route";

let counterA: number;
let counterB: number;
let yak: number;
let milk: number;
const browsers = {} as Record<"guest" | "shopper" | "clerkA" | "clerkB" | "admin", Browser>;

beforeAll(async () => {
  const db = await getDb();
  const coops = await createBasicCatalog(db);
  counterA = await createCounter(db, { nameZh: "绿色有机青海专柜" });
  counterB = await createCounter(db, { nameZh: "青海消费帮扶南京生活体验馆" });
  yak = await createProduct(db, {
    cooperativeId: coops.datong,
    priceFen: 12800,
    nameZh: "牦牛腱子",
  });
  milk = await createProduct(db, { cooperativeId: coops.huangzhong, priceFen: 1580 });
  await stockCounter(db, counterA, yak, 4);
  await stockCounter(db, counterB, milk, 10);
  browsers.guest = new Browser();
  browsers.shopper = await browserWithSession((await createUserWithSession(db)).token);
  browsers.clerkA = await browserWithSession(
    (
      await createUserWithSession(db, {
        role: "counter_staff",
        counterId: counterA,
        name: "店员甲",
      })
    ).token,
  );
  browsers.admin = await browserWithSession(
    (await createUserWithSession(db, { role: "admin", name: "平台管理员" })).token,
  );
  browsers.clerkB = await browserWithSession(
    (await createUserWithSession(db, { role: "counter_staff", counterId: counterB })).token,
  );
});

/** What the till's pages and actions answer, as far as these tests read it. */
interface Answer {
  draft: { lines: Array<Record<string, unknown>>; totalFen: number; notStocked: number[] };
  values: Record<string, string>;
  errors: Record<string, string>;
  params: Record<string, Record<string, unknown>>;
  shelf: Array<{ productId: number }>;
  sales: Array<{ number: string }>;
  receipt: Record<string, unknown>;
  order: Record<string, unknown>;
  idempotencyKey: string;
}
const json = async (response: Response) => (await response.json()) as Answer;
const orderCount = async () =>
  (await (await getDb()).selectFrom("orders").select("id").execute()).length;

const post = (who: keyof typeof browsers, form: Record<string, string | number>) =>
  call(till.action, browsers[who].post("/counter/till", form));

describe("who may use the till", () => {
  it("sends visitors to log in and refuses shoppers, page, form and receipt alike", async () => {
    for (const who of ["guest", "shopper"] as const) {
      const expected = who === "guest" ? 302 : 403;
      const b = browsers[who];
      expect((await call(till.loader, b.get("/counter/till"))).status).toBe(expected);
      expect(
        (await post(who, { intent: "sell", [`line_${yak}`]: 1, payment: "cash" })).status,
      ).toBe(expected);
      const r = await call(receipt.loader, b.get("/counter/till/SH-20261202-ABCD"), {
        number: "SH-20261202-ABCD",
      });
      expect(r.status).toBe(expected);
    }
    expect(await orderCount()).toBe(0);
  });
});

describe("ringing up a sale", () => {
  it("shows this counter's shelf only", async () => {
    const page = await json(await call(till.loader, browsers.clerkA.get("/counter/till")));
    expect(page.shelf.map((s) => s.productId)).toEqual([yak]);
  });

  it("adds a line by POST and gives the sale back priced, the buyer's fields kept", async () => {
    const response = await post("clerkA", {
      intent: "add",
      product: yak,
      quantity: 2,
      phone: "13912345678",
    });
    expect(response.status).toBe(200);
    const reply = await json(response);
    expect(reply.draft.lines).toMatchObject([{ productId: yak, quantity: 2, lineTotalFen: 25600 }]);
    expect(reply.draft.totalFen).toBe(25600);
    expect(reply.values).toMatchObject({ [`line_${yak}`]: "2", phone: "13912345678" });
    expect(reply.values.product).toBeUndefined();
    const removed = await json(
      await post("clerkA", { intent: `remove-${yak}`, [`line_${yak}`]: 2 }),
    );
    expect(removed.draft.lines).toEqual([]);
    expect(await orderCount()).toBe(0);
  });

  it("refuses a sale beyond the shelf with the message beside the line, input kept, nothing written", async () => {
    const response = await post("clerkA", {
      intent: "sell",
      [`line_${yak}`]: 5,
      payment: "card",
      buyerType: "union",
      orgName: "秦淮区总工会",
      fundingSource: "union_funds",
      phone: "13912345678",
    });
    expect(response.status).toBe(409);
    const reply = await json(response);
    expect(reply.errors).toEqual({ [`line_${yak}`]: "till.sale.errors.notEnough" });
    expect(reply.params[`line_${yak}`]).toMatchObject({ stock: 4, name: "牦牛腱子" });
    expect(reply.values).toMatchObject({
      [`line_${yak}`]: "5",
      orgName: "秦淮区总工会",
      phone: "13912345678",
    });
    expect(reply.draft.lines).toMatchObject([{ productId: yak, quantity: 5, onShelf: 4 }]);
    expect(await orderCount()).toBe(0);
    expect(await counterStockOf(await getDb(), counterA, yak)).toBe(4);
  });

  it("asks an institution's name and funding, and the payment, before selling", async () => {
    const response = await post("clerkA", {
      intent: "sell",
      [`line_${yak}`]: 1,
      buyerType: "gov_unit",
      phone: "12",
    });
    expect(response.status).toBe(400);
    const reply = await json(response);
    expect(reply.errors).toMatchObject({
      payment: "till.sale.errors.payment",
      orgName: "till.sale.errors.orgName",
      fundingSource: "till.sale.errors.fundingSource",
      phone: "till.sale.errors.phone",
    });
    expect(await orderCount()).toBe(0);
  });

  it("does not let staff of one counter sell from another's shelf", async () => {
    const response = await post("clerkA", { intent: "sell", [`line_${milk}`]: 1, payment: "cash" });
    expect(response.status).toBe(409);
    const reply = await json(response);
    expect(reply.errors).toEqual({ [`line_${milk}`]: "till.sale.errors.soldOut" });
    expect(reply.draft.notStocked).toEqual([milk]);
    expect(await counterStockOf(await getDb(), counterB, milk)).toBe(10);
    expect(await orderCount()).toBe(0);
  });

  it("records the sale, opens its receipt, and lists it among today's sales", async () => {
    const response = await post("clerkA", { intent: "sell", [`line_${yak}`]: 2, payment: "qr" });
    expect(response.status).toBe(302);
    const location = response.headers.get("Location")!;
    const number = /\/counter\/till\/(SH-[^?]+)\?sold=1$/.exec(location)![1]!;
    expect(await counterStockOf(await getDb(), counterA, yak)).toBe(2);
    const shown = await call(receipt.loader, browsers.clerkA.get(location), { number });
    expect(shown.status).toBe(200);
    expect(shown.headers.get("Cache-Control")).toContain("no-store");
    const data = (await json(shown)).receipt;
    expect(data).toMatchObject({
      number,
      totalFen: 25600,
      aidEligibleFen: 25600,
      payment: "qr",
      orgName: null,
      clerk: "店员甲",
    });
    // the other counter's staff do not see it
    const other = await call(receipt.loader, browsers.clerkB.get(`/counter/till/${number}`), {
      number,
    });
    expect(other.status).toBe(404);
    const page = await json(await call(till.loader, browsers.clerkA.get("/counter/till")));
    expect(page.sales.map((s) => s.number)).toEqual([number]);
    const pageB = await json(await call(till.loader, browsers.clerkB.get("/counter/till")));
    expect(pageB.sales).toEqual([]);
    const check = await checkLedger(await getDb());
    expect(check.ok).toBe(true);
  });

  it("answers a malformed receipt number or an online order with 404", async () => {
    const bad = await call(receipt.loader, browsers.clerkA.get("/counter/till/nope"), {
      number: "nope",
    });
    expect(bad.status).toBe(404);
  });

  it("refuses a form posted from another site", async () => {
    const forged = await call(
      till.action,
      browsers.clerkA.post(
        "/counter/till",
        { intent: "sell", [`line_${yak}`]: 1, payment: "cash" },
        { Origin: "https://evil.example" },
      ),
    );
    expect(forged.status).toBe(403);
  });

  it("is refunded by an admin on /admin/orders/:number like any order: money back at once, onto the shelf", async () => {
    const sold = await post("clerkA", { intent: "sell", [`line_${yak}`]: 1, payment: "cash" });
    const number = /(SH-[^?]+)/.exec(sold.headers.get("Location")!)![1]!;
    const stockBefore = await counterStockOf(await getDb(), counterA, yak);
    const page = await json(
      await call(adminOrder.loader, browsers.admin.get(`/admin/orders/${number}`), { number }),
    );
    expect(page.order).toMatchObject({ paymentGateway: "counter", refundBlock: null });
    const refunded = await call(
      adminOrder.action,
      browsers.admin.post(`/admin/orders/${number}`, {
        idempotencyKey: String(page.idempotencyKey),
        mode: "all",
        reason: "顾客当场退货",
        restock: "on",
      }),
      { number },
    );
    expect(refunded.status).toBe(302);
    const db = await getDb();
    const order = await db
      .selectFrom("orders")
      .select(["id", "status"])
      .where("number", "=", number)
      .executeTakeFirstOrThrow();
    expect(order.status).toBe("refunded");
    expect(await counterStockOf(db, counterA, yak)).toBe(stockBefore + 1);
    const reversal = await db
      .selectFrom("aid_ledger")
      .select(["amount_fen", "channel", "counter_id"])
      .where("order_id", "=", order.id)
      .where("entry_type", "=", "refund")
      .execute();
    expect(reversal).toEqual([{ amount_fen: -12800, channel: "counter", counter_id: counterA }]);
    expect((await checkLedger(db)).ok).toBe(true);
  });
});
