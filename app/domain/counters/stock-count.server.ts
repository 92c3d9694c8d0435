// The counter's shelf and its stock count (ADR 049). A count sets the shelf to what was
// counted and writes each difference, with its reason, to counter_stock_adjustments (kind
// 'count'). The form carries the quantity it showed: if the shelf moved since (a sale, a
// pickup order, a transfer), the count is refused whole and the clerk counts again, so a
// count never silently overwrites a sale it did not see.
import type { DB } from "#db/connection";
import type { Locale } from "~/i18n/config";
import { DomainError } from "../errors";
import type { CountedLine } from "./desk-input";
import type { Staff } from "./handover.server";

/** What the counter has on its shelf, by product name. */
export async function counterShelf(db: DB, counterId: number, locale: Locale) {
  const rows = await db
    .selectFrom("counter_stock as s")
    .innerJoin("products as p", "p.id", "s.product_id")
    .select(["s.product_id", "s.quantity", "p.name_zh", "p.name_en", "p.unit_zh", "p.unit_en"])
    .where("s.counter_id", "=", counterId)
    .orderBy("p.name_zh")
    .execute();
  const en = locale === "en";
  return rows.map((r) => ({
    productId: r.product_id,
    name: en ? r.name_en : r.name_zh,
    unit: en ? r.unit_en : r.unit_zh,
    quantity: r.quantity,
  }));
}

/**
 * Applies a count in one transaction. Every line's shelf quantity must still be what the
 * form showed, else counterDesk.stock.changed (naming the product) and nothing is written.
 * Returns how many differences were recorded.
 */
export async function applyCount(
  db: DB,
  input: {
    counterId: number;
    lines: readonly CountedLine[];
    by: Staff;
    locale?: Locale;
    now?: Date;
  },
): Promise<number> {
  const at = (input.now ?? new Date()).toISOString();
  return db.transaction().execute(async (trx) => {
    const shelf = await trx
      .selectFrom("counter_stock as s")
      .innerJoin("products as p", "p.id", "s.product_id")
      .select(["s.product_id", "s.quantity", "p.name_zh", "p.name_en"])
      .where("s.counter_id", "=", input.counterId)
      .execute();
    for (const line of input.lines) {
      const row = shelf.find((s) => s.product_id === line.productId);
      if (!row) throw new DomainError("counterDesk.stock.notOnShelf", 400);
      if (row.quantity !== line.shown) {
        throw new DomainError("counterDesk.stock.changed", 409, {
          name: input.locale === "en" ? row.name_en : row.name_zh,
          shown: line.shown,
          now: row.quantity,
        });
      }
      if (line.counted !== line.shown && !line.reason.trim()) {
        throw new DomainError("counterDesk.form.reasonNeeded", 400, {}, `reason-${line.productId}`);
      }
    }
    let differences = 0;
    for (const line of input.lines) {
      if (line.counted === line.shown) continue;
      const set = await trx
        .updateTable("counter_stock")
        .set({ quantity: line.counted, updated_at: at })
        .where("counter_id", "=", input.counterId)
        .where("product_id", "=", line.productId)
        .where("quantity", "=", line.shown)
        .executeTakeFirst();
      if (set.numUpdatedRows === 0n) throw new DomainError("counterDesk.stock.changed", 409);
      await trx
        .insertInto("counter_stock_adjustments")
        .values({
          counter_id: input.counterId,
          product_id: line.productId,
          kind: "count",
          transfer_id: null,
          expected: line.shown,
          counted: line.counted,
          difference: line.counted - line.shown,
          reason: line.reason.trim(),
          by_user: input.by.id,
          by_name: input.by.name,
          at,
        })
        .execute();
      differences++;
    }
    return differences;
  });
}

/** The counter's latest stock adjustments (counts and transfer differences), newest first. */
export async function recentAdjustments(db: DB, counterId: number, locale: Locale, limit = 20) {
  const rows = await db
    .selectFrom("counter_stock_adjustments as a")
    .innerJoin("products as p", "p.id", "a.product_id")
    .select([
      "a.id",
      "a.kind",
      "a.transfer_id",
      "a.expected",
      "a.counted",
      "a.difference",
      "a.reason",
      "a.by_name",
      "a.at",
      "p.name_zh",
      "p.name_en",
    ])
    .where("a.counter_id", "=", counterId)
    .orderBy("a.at", "desc")
    .orderBy("a.id", "desc")
    .limit(limit)
    .execute();
  const en = locale === "en";
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    transferId: r.transfer_id,
    name: en ? r.name_en : r.name_zh,
    expected: r.expected,
    counted: r.counted,
    difference: r.difference,
    reason: r.reason,
    byName: r.by_name,
    at: r.at,
  }));
}
