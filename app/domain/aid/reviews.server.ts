import type { DB } from "#db/connection";
import type { ReviewReason } from "#db/schema";

type Executor = Pick<DB, "selectFrom" | "insertInto" | "updateTable">;

/**
 * Puts a product in front of the aid office. Any earlier pending review of the same product
 * is withdrawn (the newest proposal is what gets decided). `proposal` holds what is being
 * asked for, e.g. `{ priceFen: 15800 }` for a price raise.
 */
export async function openReview(
  trx: Executor,
  input: {
    productId: number;
    cooperativeId: number;
    reason: ReviewReason;
    proposal?: Record<string, unknown>;
    userId: number | null;
    now: Date;
  },
): Promise<number> {
  await trx
    .updateTable("product_reviews")
    .set({ status: "withdrawn" })
    .where("product_id", "=", input.productId)
    .where("status", "=", "pending")
    .execute();
  const row = await trx
    .insertInto("product_reviews")
    .values({
      product_id: input.productId,
      cooperative_id: input.cooperativeId,
      reason: input.reason,
      status: "pending",
      proposal: JSON.stringify(input.proposal ?? {}),
      submitted_by: input.userId,
      submitted_at: input.now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
