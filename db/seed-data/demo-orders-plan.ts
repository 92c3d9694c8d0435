// What the demo store's order history will be, decided up front from a seeded PRNG so the
// same seed and the same "now" always give the same history: who buys what, when, and how
// far each order gets (paid, shipped, delivered, refunded, or never paid). No database here;
// demo-orders.ts plays the plan through the store's own domain functions.

/** A small, fast, well-mixed 32-bit PRNG (mulberry32); deterministic for a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export type Rng = () => number;
export const between = (rng: Rng, min: number, max: number) =>
  min + Math.floor(rng() * (max - min + 1));
export const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)]!;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface PlanProduct {
  id: number;
  priceFen: number;
  /** when it was listed: nobody buys it before */
  createdAt: string;
}

/** Who places an order: a generated shopper (by index), the demo shopper, or a guest. */
export type PlanBuyer =
  | { kind: "shopper"; index: number }
  | { kind: "institution"; index: number }
  | { kind: "demo" }
  | { kind: "guest"; index: number };

export type RefundPlan =
  | { kind: "whole"; at: Date; restock: boolean; reason: "beforeShipping" | "returned" }
  | { kind: "oneUnit"; at: Date; reason: "damaged" };

export interface PlannedOrder {
  buyer: PlanBuyer;
  placedAt: Date;
  items: Array<{ productId: number; quantity: number }>;
  /** never paid: the sweep closes it, or the shopper cancels; null: paid or still open */
  unpaid: { kind: "expired" | "cancelled"; at: Date } | null;
  /** null with unpaid null: still awaiting payment */
  paidAt: Date | null;
  shippedAt: Date | null;
  deliveredAt: Date | null;
  refund: RefundPlan | null;
  /** how long the demo gateway keeps the order open (the store's ORDER_TTL_MINUTES) */
  ttlMinutes: number;
}

export interface PlanOptions {
  now: Date;
  seed: number;
  /** orders from generated shoppers and guests (the demo shopper's come on top) */
  orders: number;
  /** how far back the history goes */
  days: number;
  shoppers: number;
  institutions: number;
  products: PlanProduct[];
}

const TTL_MINUTES = 30;

/** A time of day a Nanjing shopper is awake: 08:00–23:00 Shanghai time is 00:00–15:00 UTC. */
function placedOn(rng: Rng, day: Date): Date {
  return new Date(day.getTime() + between(rng, 0, 15 * 60 - 1) * MINUTE);
}

function chooseItems(rng: Rng, products: PlanProduct[], institution: boolean) {
  const lines = institution ? between(rng, 1, 3) : rng() < 0.6 ? 1 : between(rng, 2, 3);
  const chosen = new Map<number, number>();
  for (let i = 0; i < lines; i++) {
    const p = pick(rng, products);
    // a canteen buys by the dozen; a household one to three, cheap things a few more
    const quantity = institution
      ? between(rng, 10, p.priceFen > 20_000 ? 20 : 40)
      : between(rng, 1, p.priceFen > 20_000 ? 2 : 3);
    chosen.set(p.id, Math.min(99, (chosen.get(p.id) ?? 0) + quantity));
  }
  // in product order: the cart lists lines by when they were added, to the second
  return [...chosen]
    .sort(([a], [b]) => a - b)
    .map(([productId, quantity]) => ({ productId, quantity }));
}

/** Where an order gets by `now`, given what happens to it and when. */
function lifecycle(rng: Rng, placedAt: Date, now: Date) {
  const upTo = (d: Date | null) => (d && d <= now ? d : null);
  const after = (d: Date, minMs: number, maxMs: number) =>
    new Date(d.getTime() + minMs + Math.floor(rng() * (maxMs - minMs)));
  const fate = rng();
  const base = {
    unpaid: null as PlannedOrder["unpaid"],
    paidAt: null as Date | null,
    shippedAt: null as Date | null,
    deliveredAt: null as Date | null,
    refund: null as RefundPlan | null,
  };
  if (fate < 0.05) {
    return {
      ...base,
      unpaid: { kind: "expired" as const, at: new Date(placedAt.getTime() + TTL_MINUTES * MINUTE) },
    };
  }
  if (fate < 0.08) {
    return {
      ...base,
      unpaid: { kind: "cancelled" as const, at: after(placedAt, 2 * MINUTE, 10 * MINUTE) },
    };
  }
  const paidAt = after(placedAt, MINUTE, 15 * MINUTE);
  const later = rng();
  if (later < 0.03) {
    const at = upTo(after(paidAt, 2 * HOUR, 20 * HOUR));
    const refund = at
      ? { kind: "whole" as const, at, restock: true, reason: "beforeShipping" as const }
      : null;
    return { ...base, paidAt, refund };
  }
  const shippedAt = upTo(after(paidAt, 4 * HOUR, 36 * HOUR));
  const deliveredAt = shippedAt && upTo(after(shippedAt, 18 * HOUR, 72 * HOUR));
  let refund: RefundPlan | null = null;
  if (deliveredAt && later < 0.07) {
    const at = upTo(after(deliveredAt, DAY, 4 * DAY));
    if (at) refund = { kind: "oneUnit", at, reason: "damaged" };
  } else if (deliveredAt && later < 0.09) {
    const at = upTo(after(deliveredAt, DAY, 6 * DAY));
    if (at) refund = { kind: "whole", at, restock: true, reason: "returned" };
  }
  return { ...base, paidAt, shippedAt, deliveredAt, refund };
}

/**
 * The generated shoppers' and guests' orders, oldest first. Days are drawn with more weight
 * on recent ones (a store that grows); every order is placed at least its payment window
 * before `now`, so each has settled into the state the plan gives it.
 */
export function planOrders(options: PlanOptions): PlannedOrder[] {
  const rng = prng(options.seed);
  const { now } = options;
  const firstDay = new Date(now.getTime() - options.days * DAY);
  firstDay.setUTCHours(0, 0, 0, 0);
  const latest = now.getTime() - (TTL_MINUTES + 1) * MINUTE;
  const planned: PlannedOrder[] = [];
  for (let i = 0; i < options.orders; i++) {
    const day = new Date(firstDay.getTime() + Math.floor(Math.sqrt(rng()) * options.days) * DAY);
    let placedAt = placedOn(rng, day);
    if (placedAt.getTime() > latest) placedAt = new Date(latest - between(rng, 0, 600) * MINUTE);
    const listed = options.products.filter((p) => new Date(p.createdAt) <= placedAt);
    if (!listed.length) continue;
    const who = rng();
    const buyer: PlanBuyer =
      who < 0.12
        ? { kind: "institution", index: between(rng, 0, options.institutions - 1) }
        : who < 0.22
          ? { kind: "guest", index: i }
          : { kind: "shopper", index: between(rng, 0, options.shoppers - 1) };
    const items = chooseItems(rng, listed, buyer.kind === "institution");
    planned.push({
      buyer,
      placedAt,
      items,
      ttlMinutes: TTL_MINUTES,
      ...lifecycle(rng, placedAt, now),
    });
  }
  return planned.sort((a, b) => a.placedAt.getTime() - b.placedAt.getTime());
}

/**
 * The demo shopper's own orders, one for each tab of their order list: several delivered
 * over the months, one refunded, one on its way, one paid and waiting to be packed, and one
 * waiting for payment (placed a minute ago with the longest payment window the store allows,
 * so it is still there when someone opens the demo). With `giftBoxId`, the latest delivered
 * order also holds a gift box, so /account/aid shows one with its split (ADR 044).
 */
export function planDemoShopperOrders(
  options: Pick<PlanOptions, "now" | "seed" | "products"> & { giftBoxId?: number },
) {
  const rng = prng(options.seed ^ 0x5eed);
  const { now } = options;
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const items = (placedAt: Date) =>
    chooseItems(
      rng,
      options.products.filter((p) => new Date(p.createdAt) <= placedAt),
      false,
    );
  const demo = { kind: "demo" } as const;
  const none = { unpaid: null, shippedAt: null, deliveredAt: null, refund: null };
  const delivered = (daysAgo: number): PlannedOrder => {
    const placedAt = ago(daysAgo * DAY + between(rng, 0, 9 * 60) * MINUTE);
    const paidAt = new Date(placedAt.getTime() + 3 * MINUTE);
    const shippedAt = new Date(paidAt.getTime() + 20 * HOUR);
    return {
      ...none,
      buyer: demo,
      placedAt,
      items: items(placedAt),
      ttlMinutes: TTL_MINUTES,
      paidAt,
      shippedAt,
      deliveredAt: new Date(shippedAt.getTime() + 2 * DAY),
    };
  };
  const refunded = delivered(40);
  refunded.refund = {
    kind: "whole",
    at: new Date(refunded.deliveredAt!.getTime() + 2 * DAY),
    restock: true,
    reason: "returned",
  };
  const shipped = delivered(2);
  shipped.deliveredAt = null;
  const paid: PlannedOrder = {
    ...none,
    buyer: demo,
    placedAt: ago(5 * HOUR),
    items: items(ago(5 * HOUR)),
    ttlMinutes: TTL_MINUTES,
    paidAt: ago(5 * HOUR - 4 * MINUTE),
  };
  const awaiting: PlannedOrder = {
    ...none,
    buyer: demo,
    placedAt: ago(MINUTE),
    items: items(ago(MINUTE)),
    ttlMinutes: 24 * 60,
    paidAt: null,
  };
  const history = [120, 85, 52, 23, 9].map(delivered);
  const boxOrder = history[history.length - 1]!;
  if (
    options.giftBoxId !== undefined &&
    !boxOrder.items.some((i) => i.productId === options.giftBoxId)
  ) {
    boxOrder.items = [...boxOrder.items, { productId: options.giftBoxId, quantity: 1 }].sort(
      (a, b) => a.productId - b.productId,
    );
  }
  return history.concat([refunded, shipped, paid, awaiting]);
}
