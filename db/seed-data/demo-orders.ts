// A demo store with life in it: a few hundred orders over the last months from generated
// Nanjing shoppers, institutions, guests and the demo shopper (13800000000). Every order goes
// through the store's own functions (place, demo payment, shipments, delivery, refunds, the
// expiry sweep) with the clock set to the moment of each step, so the aid ledger, its
// rollups, stock and the audit log are exactly what the store would have written.
import crypto from "node:crypto";
import type { DB } from "../connection";
import type { OrderStatus } from "../schema";
import { createOrder } from "../../tests/factories/orders";
import { createUser } from "../../tests/factories/users";
import { checkoutSchema, type CheckoutInput } from "../../app/domain/checkout/checkout-input";
import { hashPassword } from "../../app/domain/auth/password.server";
import { updateThanks } from "../../app/domain/aid/buyer-profile.server";
import { addPurchaser, createInstitution } from "../../app/domain/institutions/institutions.server";
import { completeDemoPayment, demoGateway } from "../../app/domain/payments/demo-gateway.server";
import { cancelUnpaidOrder } from "../../app/domain/orders/orders.server";
import { expireStaleOrders } from "../../app/domain/orders/expiry.server";
import { markShipped } from "../../app/domain/orders/shipments.server";
import { markDelivered } from "../../app/domain/orders/delivery.server";
import { requestRefund } from "../../app/domain/orders/refunds.server";
import {
  DEMO_INSTITUTIONS,
  GIVEN_NAMES,
  NANJING_ADDRESSES,
  ORDER_NOTES,
  REFUND_REASONS,
  SURNAMES,
} from "./demo-people";
import {
  pick,
  planDemoShopperOrders,
  planOrders,
  prng,
  type PlannedOrder,
  type Rng,
} from "./demo-orders-plan";

export const DEMO_SHOPPER_PHONE = "13800000000";
const ADMIN_LOGIN = "admin@shanhai.demo";
/** the demo institution purchaser (seed-data/accounts.ts) */
export const INSTITUTION_LOGIN = "buyer@shanhai.demo";

export interface DemoOrdersOptions {
  /** the seed's "now": the history ends here (default: the real clock) */
  now?: Date;
  seed?: number;
  orders?: number;
  days?: number;
  shoppers?: number;
}

export interface DemoOrdersSummary {
  orders: number;
  byStatus: Partial<Record<OrderStatus, number>>;
  shoppers: number;
  institutions: number;
  demoShopperOrders: number;
}

interface Buyer {
  userId: number | null;
  input: CheckoutInput;
}

type Person = Omit<Buyer, "input"> & {
  name: string;
  phone: string;
  district: string;
  street: string;
};

const pad = (n: number) => String(n).padStart(4, "0");
const personName = (rng: Rng) => pick(rng, SURNAMES) + pick(rng, GIVEN_NAMES);

/** Checked by the checkout form's own schema, so no demo order holds what a shopper could not type. */
function checkout(raw: Record<string, string | null>): CheckoutInput {
  return checkoutSchema.parse(
    Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, v ?? ""])),
  );
}

function personInput(rng: Rng, person: Person): CheckoutInput {
  return checkout({
    contactName: person.name,
    phone: person.phone,
    province: "江苏省",
    city: "南京市",
    district: person.district,
    street: person.street,
    buyerType: "individual",
    note: pick(rng, ORDER_NOTES),
  });
}

/** Generated shoppers: signed-up Nanjing residents, some of them on the thanks board. */
async function createShoppers(db: DB, rng: Rng, count: number, now: Date) {
  const people: Person[] = [];
  for (let i = 0; i < count; i++) {
    const address = pick(rng, NANJING_ADDRESSES);
    const name = personName(rng);
    const phone = `1395180${pad(i)}`;
    const userId = await createUser(db, { name, phone, email: null, phoneVerified: true });
    if (rng() < 0.45) {
      // most stay masked (王**); a few chose a name of their own
      const thanksName = rng() < 0.3 ? `${address.district}老${name.slice(0, 1)}` : null;
      await updateThanks(db, { id: userId }, { optIn: true, thanksName }, now);
    }
    people.push({ userId, name, phone, ...address });
  }
  return people;
}

/**
 * The institutions, each registered by its first purchaser (the demo institution account
 * for the first), the larger ones with a second purchaser: either one places its orders.
 */
async function createInstitutions(db: DB, rng: Rng, now: Date) {
  const account = await db
    .selectFrom("users")
    .select(["id", "name", "phone"])
    .where("email", "=", INSTITUTION_LOGIN)
    .executeTakeFirst();
  const institutions: Buyer[][] = [];
  const generated: number[] = [];
  for (const [i, org] of DEMO_INSTITUTIONS.entries()) {
    const purchasers: Array<{ userId: number; name: string; phone: string }> = [];
    if (i === 0 && account) {
      purchasers.push({ userId: account.id, name: org.contactName, phone: `1395181${pad(i)}` });
    } else {
      const phone = `1395181${pad(i)}`;
      const userId = await createUser(db, {
        name: org.contactName,
        phone,
        email: null,
        phoneVerified: true,
      });
      generated.push(userId);
      purchasers.push({ userId, name: org.contactName, phone });
    }
    await createInstitution(
      db,
      purchasers[0]!.userId,
      {
        name: org.orgName,
        creditCode: org.taxId,
        type: org.buyerType,
        fundingSource: org.fundingSource,
        reservedShareFen: org.reservedShareFen,
        thanksOptIn: i % 4 !== 3,
      },
      now,
    );
    if (i < 3) {
      const phone = `1395183${pad(i)}`;
      const name = personName(rng);
      const userId = await createUser(db, { name, phone, email: null, phoneVerified: true });
      generated.push(userId);
      await addPurchaser(db, purchasers[0]!.userId, phone, now);
      purchasers.push({ userId, name, phone });
    }
    institutions.push(
      purchasers.map((p) => ({
        userId: p.userId,
        input: checkout({
          contactName: p.name,
          phone: p.phone,
          province: "江苏省",
          city: "南京市",
          district: org.district,
          street: org.street,
          // the institution's profile fills in who buys (type, name, funding, tax number)
          buyAs: "institution",
          buyerType: org.buyerType,
          invoiceTitle: rng() < 0.8 ? org.orgName : null,
          note: "请开具增值税普通发票，随货寄到单位",
        }),
      })),
    );
  }
  return { institutions, generated };
}

/**
 * Adds to each product's stock what the plan will take from it for good (paid and not
 * returned), so after the history every product has the stock the catalogue gives it.
 */
async function topUpStock(db: DB, plan: PlannedOrder[]) {
  const net = new Map<number, number>();
  for (const order of plan) {
    if (order.unpaid) continue;
    const returned = order.refund?.kind === "whole" && order.refund.restock;
    if (returned) continue;
    for (const item of order.items) {
      net.set(item.productId, (net.get(item.productId) ?? 0) + item.quantity);
    }
  }
  await db.transaction().execute(async (trx) => {
    for (const [id, quantity] of net) {
      await trx
        .updateTable("products")
        .set((eb) => ({ stock: eb("stock", "+", quantity) }))
        .where("id", "=", id)
        .execute();
    }
  });
}

const CARRIERS = [
  { code: "sf", prefix: "SF", digits: 12 },
  { code: "jd", prefix: "JDVA", digits: 11 },
  { code: "ems", prefix: "EMS", digits: 10 },
  { code: "zto", prefix: "ZTO", digits: 12 },
  { code: "yunda", prefix: "YD", digits: 13 },
];

function trackingNumber(rng: Rng, prefix: string, digits: number) {
  let n = prefix;
  for (let i = 0; i < digits; i++) n += String(Math.floor(rng() * 10));
  return n;
}

/** Plays one planned order through the store: place, pay, ship, deliver, refund. */
async function playOrder(
  db: DB,
  rng: Rng,
  order: PlannedOrder,
  buyer: Buyer,
  admin: { id: number | null; name: string },
) {
  const placed = await createOrder(db, order.items, {
    input: buyer.input,
    now: order.placedAt,
    ttlMinutes: order.ttlMinutes,
    userId: buyer.userId,
  });
  const payable = { id: placed.id, number: placed.number, totalFen: placed.totalFen };
  const opened = new Date(order.placedAt.getTime() + 30_000);
  if (order.unpaid?.kind === "expired") {
    await demoGateway.startPayment(db, payable, opened);
    await expireStaleOrders(db, order.unpaid.at);
    return;
  }
  if (order.unpaid?.kind === "cancelled") {
    await demoGateway.startPayment(db, payable, opened);
    await completeDemoPayment(db, placed.id, "cancelled", order.unpaid.at);
    await cancelUnpaidOrder(db, placed.id, order.unpaid.at);
    return;
  }
  if (!order.paidAt) return;
  await demoGateway.startPayment(db, payable, opened);
  const outcome = await completeDemoPayment(db, placed.id, "succeeded", order.paidAt);
  if (outcome !== "applied") throw new Error(`demo order ${placed.number}: payment ${outcome}`);
  if (order.shippedAt) {
    const shipments = await db
      .selectFrom("shipments")
      .select(["id", "cooperative_id", "cold_chain"])
      .where("order_id", "=", placed.id)
      .orderBy("id")
      .execute();
    for (const s of shipments) {
      // cold chain goes by SF; the rest by whichever carrier the cooperative uses
      const carrier = s.cold_chain === 1 ? CARRIERS[0]! : pick(rng, CARRIERS);
      await markShipped(db, {
        coopId: s.cooperative_id,
        shipmentId: s.id,
        carrier: carrier.code,
        trackingNumber: trackingNumber(rng, carrier.prefix, carrier.digits),
        now: order.shippedAt,
      });
      if (order.deliveredAt) {
        await markDelivered(db, { shipmentId: s.id, now: order.deliveredAt });
      }
    }
  }
  if (order.refund) await playRefund(db, rng, order, placed.id, admin);
}

async function playRefund(
  db: DB,
  rng: Rng,
  order: PlannedOrder,
  orderId: number,
  admin: { id: number | null; name: string },
) {
  const refund = order.refund!;
  const base = {
    orderId,
    reason: pick(rng, REFUND_REASONS[refund.reason]),
    // the seed's own keys: the same order and refund always get the same gateway refund id
    idempotencyKey: `rf_demo_seed_${orderId}_${refund.kind}`,
    actor: admin,
  };
  const options = { gatewayFor: () => demoGateway, now: refund.at };
  let result;
  if (refund.kind === "whole") {
    result = await requestRefund(
      db,
      { ...base, selection: { mode: "all" }, restock: refund.restock },
      options,
    );
  } else {
    const line = await db
      .selectFrom("order_lines")
      .select("id")
      .where("order_id", "=", orderId)
      .orderBy("product_id")
      .executeTakeFirstOrThrow();
    result = await requestRefund(
      db,
      {
        ...base,
        selection: { mode: "lines", lines: [{ orderLineId: line.id, quantity: 1 }] },
        restock: false,
      },
      options,
    );
  }
  if (result.status !== "succeeded") {
    throw new Error(`demo refund of order ${orderId}: ${result.status} ${result.failureReason}`);
  }
}

/**
 * Writes the demo order history. Run once, right after the catalogue and the demo accounts
 * (seedDemo); deterministic for a given `now` and `seed`, apart from the order numbers and
 * access tokens, which the store draws at random as it always does.
 */
export async function seedDemoOrders(
  db: DB,
  options: DemoOrdersOptions = {},
): Promise<DemoOrdersSummary> {
  const now = options.now ?? new Date();
  const seed = options.seed ?? 20261201;
  const rng = prng(seed + 1);
  const products = await db
    .selectFrom("products")
    .select(["id", "price_fen as priceFen", "created_at as createdAt"])
    .where("status", "=", "active")
    // the few nearly sold-out products keep the scarcity the catalogue gives them
    .where("stock", ">=", 30)
    .orderBy("id")
    .execute();
  const demoShopper = await db
    .selectFrom("users")
    .select(["id", "name"])
    .where("phone", "=", DEMO_SHOPPER_PHONE)
    .executeTakeFirstOrThrow();
  const adminRow = await db
    .selectFrom("users")
    .select(["id", "name"])
    .where("email", "=", ADMIN_LOGIN)
    .executeTakeFirst();
  const admin = adminRow ?? { id: null, name: "system" };

  const shopperCount = options.shoppers ?? 36;
  const common = { now, seed, products };
  const generated = planOrders({
    ...common,
    orders: options.orders ?? 340,
    days: options.days ?? 150,
    shoppers: shopperCount,
    institutions: DEMO_INSTITUTIONS.length,
  });
  // the demo shopper has bought a three-county gift box (its aid split shows on /account/aid)
  const giftBox = await db
    .selectFrom("products")
    .select("id")
    .where("slug", "=", "three-county-gift-box")
    .where("status", "=", "active")
    .executeTakeFirst();
  const mine = planDemoShopperOrders({ ...common, giftBoxId: giftBox?.id });
  const plan = [...generated, ...mine].sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());

  const shoppers = await createShoppers(db, rng, shopperCount, now);
  const { institutions, generated: institutionUsers } = await createInstitutions(db, rng, now);
  // Nobody signs in as a generated buyer: one password nobody knows, hashed once.
  const unknowable = await hashPassword(crypto.randomBytes(24).toString("base64url"));
  const generatedIds = [...shoppers.map((b) => b.userId!), ...institutionUsers];
  await db
    .updateTable("users")
    .set({ password_hash: unknowable })
    .where("id", "in", generatedIds)
    .execute();

  const demoInput = personInput(rng, {
    userId: demoShopper.id,
    name: "王小明",
    phone: DEMO_SHOPPER_PHONE,
    district: "雨花台区",
    street: "软件大道 101 号",
  });
  const buyerOf = (order: PlannedOrder): Buyer => {
    const b = order.buyer;
    if (b.kind === "demo") return { userId: demoShopper.id, input: demoInput };
    if (b.kind === "institution") return pick(rng, institutions[b.index]!);
    if (b.kind === "shopper") {
      const person = shoppers[b.index]!;
      return { userId: person.userId, input: personInput(rng, person) };
    }
    const address = pick(rng, NANJING_ADDRESSES);
    const guest: Person = {
      userId: null,
      name: personName(rng),
      phone: `1395182${pad(b.index % 10_000)}`,
      ...address,
    };
    return { userId: null, input: personInput(rng, guest) };
  };

  await topUpStock(db, plan);
  for (const order of plan) await playOrder(db, rng, order, buyerOf(order), admin);

  const statuses = await db
    .selectFrom("orders")
    .select((eb) => ["status", eb.fn.countAll<number>().as("n")])
    .groupBy("status")
    .execute();
  return {
    orders: plan.length,
    byStatus: Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)])),
    shoppers: shoppers.length,
    institutions: institutions.length,
    demoShopperOrders: mine.length,
  };
}
