// What the buyer, the cooperative and the admin see of after-sales requests. Every query is
// scoped: by order (the route checked the viewer may see it), by cooperative, or for the
// admin alone.
import { sql } from "kysely";
import type { DB } from "#db/connection";
import type { AfterSalesStatus } from "#db/schema";
import { lang, type Locale } from "~/i18n/config";
import { imageUrl } from "../coop/images.server";

function requestsQuery(db: DB, locale: Locale) {
  const l = lang(locale);
  return db
    .selectFrom("after_sales_requests as r")
    .innerJoin("order_lines as ol", "ol.id", "r.order_line_id")
    .innerJoin("orders as o", "o.id", "r.order_id")
    .select([
      "r.id",
      "r.order_id",
      "o.number as order_number",
      "r.order_line_id",
      sql.ref<string>(`ol.product_name_${l}`).as("product_name"),
      "ol.cooperative_name_zh",
      "ol.unit_price_fen",
      "r.kind",
      "r.reason_code",
      "r.details",
      "r.quantity",
      "r.status",
      "r.coop_note",
      "r.coop_note_at",
      "r.decision_reason",
      "r.decided_at",
      "r.refund_id",
      "r.created_at",
    ]);
}

type RequestRow = Awaited<ReturnType<ReturnType<typeof requestsQuery>["execute"]>>[number];

async function withPhotos(db: DB, rows: RequestRow[]) {
  const photos = rows.length
    ? await db
        .selectFrom("after_sales_photos")
        .select(["request_id", "image_key"])
        .where(
          "request_id",
          "in",
          rows.map((r) => r.id),
        )
        .orderBy("request_id")
        .orderBy("sort")
        .execute()
    : [];
  return rows.map((r) => ({
    id: r.id,
    orderNumber: r.order_number,
    orderLineId: r.order_line_id,
    productName: r.product_name,
    cooperativeName: r.cooperative_name_zh,
    kind: r.kind,
    reasonCode: r.reason_code,
    details: r.details,
    quantity: r.quantity,
    amountFen: r.unit_price_fen * r.quantity,
    status: r.status,
    coopNote: r.coop_note,
    coopNoteAt: r.coop_note_at,
    decisionReason: r.decision_reason,
    decidedAt: r.decided_at,
    refundId: r.refund_id,
    createdAt: r.created_at,
    photos: photos
      .filter((p) => p.request_id === r.id)
      .map((p) => ({ thumb: imageUrl(p.image_key, "400.webp"), full: imageUrl(p.image_key) })),
  }));
}

export type AfterSalesView = Awaited<ReturnType<typeof withPhotos>>[number];

/** One order's requests, oldest first (the order page and the admin's order page). */
export async function orderAfterSales(db: DB, orderId: number, locale: Locale) {
  const rows = await requestsQuery(db, locale)
    .where("r.order_id", "=", orderId)
    .orderBy("r.id")
    .execute();
  return withPhotos(db, rows);
}

const PAGE = 50;

/** Requests on one cooperative's lines: open first, then newest. */
export async function coopAfterSales(db: DB, coopId: number, locale: Locale) {
  const rows = await requestsQuery(db, locale)
    .where("r.cooperative_id", "=", coopId)
    .orderBy(sql`r.status = 'open'`, "desc")
    .orderBy("r.id", "desc")
    .limit(PAGE)
    .execute();
  return withPhotos(db, rows);
}

/** Every request for the admin, by state (open ones by default), newest first. */
export async function adminAfterSales(db: DB, status: AfterSalesStatus | "all", locale: Locale) {
  const rows = await requestsQuery(db, locale)
    .$if(status !== "all", (q) => q.where("r.status", "=", status as AfterSalesStatus))
    .orderBy("r.id", "desc")
    .limit(PAGE)
    .execute();
  return withPhotos(db, rows);
}

/** How many requests wait for a decision (the admin home's count). */
export async function openAfterSalesCount(db: DB): Promise<number> {
  const row = await db
    .selectFrom("after_sales_requests")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("status", "=", "open")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
