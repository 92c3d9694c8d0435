import type { DB } from "#db/connection";
import { appendLedger } from "~/domain/aid/ledger.server";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";

export const MAY = new Date("2026-05-10T04:00:00Z");
export const JUNE = new Date("2026-06-10T04:00:00Z");
export const NOV = new Date("2026-11-20T04:00:00Z");
export const LAST_YEAR = new Date("2025-08-01T04:00:00Z");

/**
 * A fresh database with three products: yak (Datong, ¥128, certified), milk (Huangzhong,
 * ¥15.80, certified) and craft (Huangzhong, ¥68, not certified: sold, never counted).
 */
export async function aidCatalog() {
  const { db, file, cleanup } = await freshDb();
  const coops = await createBasicCatalog(db);
  const yak = await createProduct(db, {
    cooperativeId: coops.datong,
    priceFen: 12800,
    category: "meat",
  });
  const milk = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 1580,
    category: "dairy",
  });
  const craft = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 6800,
    category: "handicraft",
    certifications: [],
  });
  return { db, file, cleanup, yak, milk, craft };
}

/** A refund of `amountFen` against the first eligible sale entry of the order, as ledger.server writes them. */
export async function refundAid(db: DB, orderId: number, amountFen: number, at: Date) {
  const sale = await db
    .selectFrom("aid_ledger")
    .selectAll()
    .where("order_id", "=", orderId)
    .where("eligible", "=", 1)
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const { id: _id, day: _d, month: _m, recorded_at: _r, ...copy } = sale;
  await db.transaction().execute((trx) =>
    appendLedger(
      trx,
      [
        {
          ...copy,
          entry_type: "refund",
          amount_fen: -amountFen,
          quantity: -1,
          occurred_at: at.toISOString(),
        },
      ],
      at,
    ),
  );
}
