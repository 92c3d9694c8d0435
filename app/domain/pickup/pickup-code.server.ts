// Drawing a fresh pickup code inside the order's transaction (ADR 048).
import crypto from "node:crypto";
import type { DB } from "#db/connection";

type Executor = Pick<DB, "selectFrom">;

/** Eight uniformly random digits (crypto.randomInt): no code says anything of the next. */
export function randomPickupCode(pick: (max: number) => number = crypto.randomInt): string {
  return String(pick(100_000_000)).padStart(8, "0");
}

/**
 * A code no order holds yet. The unique index on orders.pickup_code is the last word; this
 * draws again on the rare collision so the insert does not fail.
 */
export async function uniquePickupCode(
  trx: Executor,
  draw: () => string = randomPickupCode,
): Promise<string> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const candidate = draw();
    const taken = await trx
      .selectFrom("orders")
      .select("id")
      .where("pickup_code", "=", candidate)
      .executeTakeFirst();
    if (!taken) return candidate;
  }
  throw new Error("could not find a free pickup code");
}
