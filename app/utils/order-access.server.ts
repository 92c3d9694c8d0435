import type { DB } from "#db/connection";
import { ORDER_NUMBER_RE } from "~/domain/orders/order-number";
import { findViewableOrder } from "~/domain/orders/orders.server";
import { readGrantedOrders } from "./cookies.server";
import { orHttpError } from "./request.server";
import { getUser } from "./session.server";

/** The order a visitor may see, and who they are when signed in (the session read once). */
export interface OrderAccess {
  id: number;
  number: string;
  viewerId: number | null;
}

/**
 * Guard for order pages: the signed-in owner; or, for guests, the link's token (?t=) or
 * this browser's signed list of orders. Anything else is a 404, as if it did not exist.
 */
export async function requireOrderAccess(
  db: DB,
  request: Request,
  number: string | undefined,
): Promise<OrderAccess> {
  const user = await getUser(request);
  const viewerId = user?.id ?? null;
  if (user && number) {
    const own = await db
      .selectFrom("orders")
      .select(["id", "number"])
      .where("number", "=", number)
      .where("user_id", "=", user.id)
      .executeTakeFirst();
    if (own) return { ...own, viewerId };
  }
  const token = new URL(request.url).searchParams.get("t");
  const order = await orHttpError(
    findViewableOrder(db, number ?? "", { token, granted: await readGrantedOrders(request) }),
  );
  return { ...order, viewerId };
}

/**
 * Like requireOrderAccess, but an order this visitor may not see (or that does not exist:
 * the two look the same) comes back as `{ locked: number }`, for the page that tells a
 * guest on another device how to reach their order. A number of the wrong shape is a 404.
 */
export async function orderAccessOrLocked(
  db: DB,
  request: Request,
  number: string | undefined,
): Promise<OrderAccess | { locked: string }> {
  try {
    return await requireOrderAccess(db, request, number);
  } catch (error) {
    const wellFormed = ORDER_NUMBER_RE.test(number ?? "");
    if (error instanceof Response && error.status === 404 && wellFormed) {
      return { locked: number as string };
    }
    throw error;
  }
}
