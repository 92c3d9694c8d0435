// The cooperative manager's overview: what to ship, what runs short, this month's sales.
import { sql } from "kysely";
import type { DB } from "#db/connection";
import type { OrderStatus } from "#db/schema";
import { shanghaiMonthRange } from "~/utils/time";
import { lang, type Locale } from "~/i18n/config";
import { OPEN_SHIPMENT_STATUSES, SHIPPABLE_ORDER_STATUSES } from "../orders/shipment-rules";

/** Active products at or below this stock show up as "low stock". */
export const LOW_STOCK_THRESHOLD = 5;

/** Orders whose money was taken and not given back: they count as sales. */
const SOLD: readonly OrderStatus[] = ["paid", "partially_fulfilled", "fulfilled", "completed"];

export async function coopDashboard(
  db: DB,
  coopId: number,
  now: Date = new Date(),
  locale: Locale = "zh-CN",
) {
  const l = lang(locale);
  const month = shanghaiMonthRange(now);

  // The same rule as the "to ship" list: open parcels of orders still to be shipped.
  const shipping = await db
    .selectFrom("shipments as s")
    .innerJoin("orders as o", "o.id", "s.order_id")
    .select((eb) => [
      eb.fn.countAll<number>().as("toShip"),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb("s.cold_chain", "=", 1), eb("s.ship_by", "<", now.toISOString())]))
            .then(1)
            .else(0)
            .end(),
        )
        .as("late"),
    ])
    .where("s.cooperative_id", "=", coopId)
    .where("s.status", "in", OPEN_SHIPMENT_STATUSES)
    .where("o.status", "in", SHIPPABLE_ORDER_STATUSES)
    .executeTakeFirstOrThrow();

  const lowStock = await db
    .selectFrom("products")
    .select([
      "id",
      "slug",
      sql.ref<string>(`name_${l}`).as("name"),
      sql.ref<string>(`unit_${l}`).as("unit"),
      "stock",
    ])
    .where("cooperative_id", "=", coopId)
    .where("status", "=", "active")
    .where("stock", "<=", LOW_STOCK_THRESHOLD)
    .orderBy("stock")
    .orderBy("id")
    .limit(50)
    .execute();

  const sales = await db
    .selectFrom("orders as o")
    .innerJoin("order_lines as l", "l.order_id", "o.id")
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>("l.line_total_fen"), sql<number>`0`).as("salesFen"),
      eb.fn
        .coalesce(
          eb.fn.sum<number>(
            eb.case().when("l.aid_eligible", "=", 1).then(eb.ref("l.line_total_fen")).else(0).end(),
          ),
          sql<number>`0`,
        )
        .as("aidFen"),
      eb.fn.count<number>("o.id").distinct().as("orders"),
    ])
    .where("o.paid_at", ">=", month.start)
    .where("o.paid_at", "<", month.end)
    .where("o.status", "in", SOLD)
    .where("l.cooperative_id", "=", coopId)
    .executeTakeFirstOrThrow();

  return {
    year: month.year,
    month: month.month,
    toShip: Number(shipping.toShip),
    late: Number(shipping.late ?? 0),
    lowStock,
    monthSalesFen: Number(sales.salesFen),
    monthAidFen: Number(sales.aidFen),
    monthOrders: Number(sales.orders),
  };
}
