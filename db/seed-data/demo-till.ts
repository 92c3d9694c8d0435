// Walk-in sales at the two demo counters (ADR 050), rung up through the till's own function
// with the clock set to each sale's moment: most by anonymous walk-ins, some with a phone,
// a union buying with its own funds, a registered institution by its credit code; one
// handed back over the counter. The last sale of each counter is today's, so /counter/till
// lists it. The shelves are topped up first by what is sold, so they end as seeded.
import type { DB } from "../connection";
import { normalizeCreditCode } from "../../app/domain/institutions/credit-code";
import { recordTillSale, type TillSaleInput } from "../../app/domain/counters/till.server";
import { requestRefund } from "../../app/domain/orders/refunds.server";
import { counterGateway } from "../../app/domain/payments/counter-gateway.server";
import { between, pick, prng, type Rng } from "./demo-orders-plan";
import { DEMO_INSTITUTIONS } from "./demo-people";

const SALES_PER_COUNTER = 9;
const DAYS = 120;
const PAYMENTS = ["cash", "card", "qr", "qr"] as const;

type Buyer = TillSaleInput["buyer"];
const walkIn: Buyer = {
  buyerType: "individual",
  orgName: null,
  fundingSource: null,
  creditCode: null,
  phone: null,
};

/** Who buys the i-th sale of a counter: mostly walk-ins, now and then an institution. */
function buyerOf(i: number, counterIndex: number): Buyer {
  if (i === 2)
    return { ...walkIn, phone: `1395184${String(counterIndex * 100 + i).padStart(4, "0")}` };
  if (i === 4) {
    return {
      ...walkIn,
      buyerType: "union",
      orgName: "南京市秦淮区总工会",
      fundingSource: "union_funds",
    };
  }
  const registered = DEMO_INSTITUTIONS[counterIndex % DEMO_INSTITUTIONS.length];
  if (i === 6 && registered)
    return { ...walkIn, creditCode: normalizeCreditCode(registered.taxId) };
  return walkIn;
}

/** The moment of the i-th of n sales: spread over the last DAYS days, in opening hours; the last now. */
function saleTime(rng: Rng, i: number, n: number, now: Date): Date {
  if (i === n - 1) return new Date(now.getTime() - 60_000);
  const daysAgo = Math.round(((n - 1 - i) / n) * DAYS) + between(rng, 0, 3);
  const day = new Date(now.getTime() - daysAgo * 86_400_000);
  // 10:00–19:59 in Nanjing (UTC+8)
  const utcHour = between(rng, 2, 11);
  day.setUTCHours(utcHour, between(rng, 0, 59), between(rng, 0, 59), 0);
  return day.getTime() < now.getTime() ? day : new Date(now.getTime() - 120_000);
}

async function shelfOf(db: DB, counterId: number) {
  return db
    .selectFrom("counter_stock")
    .select(["product_id", "quantity"])
    .where("counter_id", "=", counterId)
    .where("quantity", ">", 0)
    .orderBy("product_id")
    .execute();
}

/** Puts back on the shelf what the sales will take, so it ends as the seed gave it. */
async function topUp(db: DB, counterId: number, lines: TillSaleInput["lines"]) {
  for (const line of lines) {
    await db
      .updateTable("counter_stock")
      .set((eb) => ({ quantity: eb("quantity", "+", line.quantity) }))
      .where("counter_id", "=", counterId)
      .where("product_id", "=", line.productId)
      .execute();
  }
}

/**
 * Rings up the demo counters' walk-in sales. Run after the demo order history, by the clerk
 * of each counter. Returns how many sales were written.
 */
export async function seedDemoTillSales(db: DB, now = new Date()): Promise<number> {
  const rng = prng(20261204);
  const counters = await db
    .selectFrom("counters as c")
    .innerJoin("counter_staff as s", "s.counter_id", "c.id")
    .innerJoin("users as u", "u.id", "s.user_id")
    .select(["c.id", "u.id as clerkId", "u.name as clerkName"])
    .orderBy("c.sort")
    .orderBy("c.id")
    .execute();
  let written = 0;
  for (const [counterIndex, counter] of counters.entries()) {
    const shelf = await shelfOf(db, counter.id);
    if (!shelf.length) continue;
    const plans = Array.from({ length: SALES_PER_COUNTER }, (_, i) => {
      const picked = new Set<number>();
      for (let n = between(rng, 1, 3); n > 0; n--) picked.add(pick(rng, shelf).product_id);
      return {
        at: saleTime(rng, i, SALES_PER_COUNTER, now),
        lines: [...picked].map((productId) => ({ productId, quantity: between(rng, 1, 2) })),
        buyer: buyerOf(i, counterIndex),
        payment: pick(rng, PAYMENTS),
      };
    }).sort((a, b) => a.at.getTime() - b.at.getTime());
    // the sale handed back (the second) puts its own goods back
    await topUp(
      db,
      counter.id,
      plans.filter((_, i) => i !== 1).flatMap((p) => p.lines),
    );
    for (const [i, plan] of plans.entries()) {
      const sale = await recordTillSale(db, {
        counterId: counter.id,
        clerk: { id: counter.clerkId, name: counter.clerkName },
        locale: "zh-CN",
        lines: plan.lines,
        payment: plan.payment,
        buyer: plan.buyer,
        now: plan.at,
      });
      written++;
      // one sale a counter is handed back the same afternoon, the goods back on the shelf
      if (i === 1) await handBack(db, sale.id, plan.at);
    }
  }
  return written;
}

async function handBack(db: DB, orderId: number, soldAt: Date) {
  const result = await requestRefund(
    db,
    {
      orderId,
      selection: { mode: "all" },
      restock: true,
      reason: "顾客当天退回，商品完好",
      idempotencyKey: `rf_demo_till_sale_${orderId}`,
      actor: { id: null, name: "system" },
    },
    { gatewayFor: () => counterGateway, now: new Date(soldAt.getTime() + 2 * 3_600_000) },
  );
  if (result.status !== "succeeded")
    throw new Error(`demo till refund of ${orderId}: ${result.status}`);
}
