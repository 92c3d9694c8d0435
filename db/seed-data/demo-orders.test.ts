import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { seedDemo, wantsDemoOrders } from "#db/seed";
import { freshDb } from "#tests/db";
import { checkLedger } from "~/domain/aid/ledger-check.server";
import { homeAidSummary } from "~/domain/aid/home-summary.server";
import { thanksBoard } from "~/domain/aid/thanks-board.server";
import { aidDashboard } from "~/domain/aid/dashboard.server";
import { yearPeriod } from "~/domain/aid/periods";
import { DEMO_SHOPPER_PHONE, seedDemoOrders, type DemoOrdersSummary } from "./demo-orders";
import { planOrders, prng } from "./demo-orders-plan";

const NOW = new Date("2026-12-01T04:00:00Z");

/** What two seeds must agree on: everything but the random order numbers and tokens. */
async function fingerprint(db: DB) {
  const ledger = await checkLedger(db);
  const stock = await db.selectFrom("products").select(["slug", "stock"]).orderBy("slug").execute();
  const byDay = await db
    .selectFrom("aid_rollup_daily")
    .select((eb) => ["day", eb.fn.sum<number>("amount_fen").as("fen")])
    .groupBy("day")
    .orderBy("day")
    .execute();
  const shipments = await db
    .selectFrom("shipments")
    .select(["status", "carrier", "tracking_number", "shipped_at"])
    .orderBy("id")
    .execute();
  return { ledgerTotalFen: ledger.ledgerTotalFen, stock, byDay, shipments };
}

describe("the demo order history", () => {
  let db: DB;
  let cleanup: () => Promise<void>;
  let summary: DemoOrdersSummary;
  let catalogueStock: Map<string, number>;

  beforeAll(async () => {
    ({ db, cleanup } = await freshDb());
    await seedDemo(db, NOW);
    const before = await db.selectFrom("products").select(["slug", "stock"]).execute();
    catalogueStock = new Map(before.map((p) => [p.slug, p.stock]));
    summary = await seedDemoOrders(db, { now: NOW });
  }, 120_000);
  afterAll(() => cleanup());

  it("has a few hundred orders over at least four months, in every state", async () => {
    expect(summary.orders).toBeGreaterThanOrEqual(300);
    expect(summary.orders).toBeLessThanOrEqual(400);
    const months = await db
      .selectFrom("orders")
      .select((eb) => eb.fn("substr", ["created_at", eb.val(1), eb.val(7)]).as("month"))
      .distinct()
      .execute();
    expect(months.length).toBeGreaterThanOrEqual(4);
    for (const status of [
      "pending_payment",
      "paid",
      "fulfilled",
      "completed",
      "refunded",
      "partially_refunded",
      "expired",
      "cancelled",
    ] as const) {
      expect(summary.byStatus[status], status).toBeGreaterThan(0);
    }
    const last = await db
      .selectFrom("orders")
      .select((eb) => eb.fn.max<string>("created_at").as("at"))
      .executeTakeFirstOrThrow();
    expect(last.at <= NOW.toISOString()).toBe(true);
    // shipped parcels carry a carrier and a tracking number
    const untracked = await db
      .selectFrom("shipments")
      .select("id")
      .where("status", "in", ["shipped", "delivered"])
      .where((eb) => eb.or([eb("carrier", "is", null), eb("tracking_number", "is", null)]))
      .execute();
    expect(untracked).toEqual([]);
  });

  it("gives the demo shopper an order in each tab of their order list", async () => {
    const rows = await db
      .selectFrom("orders as o")
      .innerJoin("users as u", "u.id", "o.user_id")
      .select("o.status")
      .where("u.phone", "=", DEMO_SHOPPER_PHONE)
      .execute();
    const count = (s: string) => rows.filter((r) => r.status === s).length;
    expect(rows.length).toBe(summary.demoShopperOrders);
    expect(count("pending_payment")).toBe(1);
    expect(count("paid")).toBe(1);
    expect(count("fulfilled")).toBe(1);
    expect(count("completed")).toBeGreaterThanOrEqual(3);
    expect(count("refunded")).toBe(1);
    // the unpaid one is still payable when the demo is opened
    const open = await db
      .selectFrom("orders")
      .select("expires_at")
      .where("status", "=", "pending_payment")
      .where("phone", "=", DEMO_SHOPPER_PHONE)
      .executeTakeFirstOrThrow();
    expect(new Date(open.expires_at).getTime()).toBeGreaterThan(NOW.getTime() + 12 * 3_600_000);
  });

  it("leaves a ledger that checks out and figures on every aid page", async () => {
    const check = await checkLedger(db);
    expect(check.broken).toEqual([]);
    expect(check.ok).toBe(true);
    expect(check.ledgerTotalFen).toBeGreaterThan(0);
    expect((await homeAidSummary(db, 2026)).fen).toBeGreaterThan(0);
    const board = await thanksBoard(db, 2026);
    expect(board.length).toBeGreaterThanOrEqual(5);
    const dashboard = await aidDashboard(db, yearPeriod(2026));
    expect(dashboard.trend.filter((m) => m.aidFen > 0).length).toBeGreaterThanOrEqual(4);
    expect(dashboard.breakdowns.buyer_type.length).toBeGreaterThanOrEqual(3);
    // refunds reversed what they gave back
    const reversals = await db
      .selectFrom("aid_ledger")
      .select("id")
      .where("entry_type", "=", "refund")
      .execute();
    expect(reversals.length).toBeGreaterThan(0);
  });

  it("never takes stock below zero and leaves each product the catalogue's stock", async () => {
    const after = await db.selectFrom("products").select(["slug", "stock"]).execute();
    for (const p of after) {
      expect(p.stock, p.slug).toBeGreaterThanOrEqual(0);
      expect(p.stock, p.slug).toBe(catalogueStock.get(p.slug));
    }
    expect(after.filter((p) => p.stock > 0).length).toBeGreaterThan(after.length / 2);
  });

  it("writes the same history from the same seed and clock", async () => {
    const second = await freshDb();
    try {
      await seedDemo(second.db, NOW);
      await seedDemoOrders(second.db, { now: NOW });
      expect(await fingerprint(second.db)).toEqual(await fingerprint(db));
    } finally {
      await second.cleanup();
    }
  }, 120_000);
});

describe("the plan", () => {
  const products = [
    { id: 1, priceFen: 5_000, createdAt: "2026-01-01T00:00:00Z" },
    { id: 2, priceFen: 30_000, createdAt: "2026-11-25T00:00:00Z" },
  ];
  const plan = (seed: number) =>
    planOrders({ now: NOW, seed, orders: 200, days: 150, shoppers: 10, institutions: 3, products });

  it("is the same for a seed and differs between seeds", () => {
    expect(plan(7)).toEqual(plan(7));
    expect(plan(7)).not.toEqual(plan(8));
    expect(prng(1)()).toBe(prng(1)());
  });

  it("buys nothing before it is listed and nothing after now", () => {
    for (const order of plan(7)) {
      for (const step of [order.placedAt, order.paidAt, order.shippedAt, order.deliveredAt]) {
        if (step) expect(step.getTime()).toBeLessThanOrEqual(NOW.getTime());
      }
      if (order.placedAt < new Date("2026-11-25T00:00:00Z")) {
        expect(order.items.map((i) => i.productId)).toEqual([1]);
      }
    }
  });

  it("is switched off by --no-demo-orders or SEED_DEMO_ORDERS=0", () => {
    expect(wantsDemoOrders(["node", "seed.ts", "--if-empty"], {})).toBe(true);
    expect(wantsDemoOrders(["node", "seed.ts", "--no-demo-orders"], {})).toBe(false);
    expect(wantsDemoOrders(["node", "seed.ts"], { SEED_DEMO_ORDERS: "0" })).toBe(false);
  });
});
