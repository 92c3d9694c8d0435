import { findViewableOrder } from "~/domain/orders/orders.server";
import type { DB } from "#db/connection";
import { readGrantedOrders } from "./cookies.server";
import { orHttpError } from "./request.server";

/**
 * Guard for guest order pages: the link's token (?t=) or this browser's signed list of
 * orders must vouch for the order number. Anything else is a 404, as if it did not exist.
 */
export async function requireOrderAccess(db: DB, request: Request, number: string | undefined) {
  const token = new URL(request.url).searchParams.get("t");
  return orHttpError(
    findViewableOrder(db, number ?? "", { token, granted: await readGrantedOrders(request) }),
  );
}
