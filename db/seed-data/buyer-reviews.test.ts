import { afterEach, beforeEach, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createDeliveredOrder } from "#tests/factories/buyer-reviews";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createPaidOrder } from "#tests/factories/orders";
import { createUser } from "#tests/factories/users";
import { seedDemoBuyerReviews } from "./buyer-reviews";

let db: DB;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
});
afterEach(() => cleanup());

it("reviews delivered lines of signed-in buyers, leaves each buyer one, and replies to some", async () => {
  const { datong, huangzhong } = await createBasicCatalog(db);
  const products = [
    await createProduct(db, { cooperativeId: datong, stock: 500 }),
    await createProduct(db, { cooperativeId: huangzhong, stock: 500 }),
  ];
  await createUser(db, { role: "coop_manager", cooperativeIds: [datong], name: "马成林" });
  const buyers = [await createUser(db, { name: "王小明" }), await createUser(db, { name: "李华" })];
  for (let i = 0; i < 24; i++) {
    await createDeliveredOrder(db, [{ productId: products[i % 2]!, quantity: 1 }], {
      userId: buyers[i % 2]!,
      now: new Date(Date.UTC(2026, 9, 1 + i)),
    });
  }
  // not delivered: never reviewed
  const open = await createPaidOrder(db, [{ productId: products[0]!, quantity: 1 }], {
    userId: buyers[0]!,
  });

  const { reviews, replies } = await seedDemoBuyerReviews(db, new Date("2026-11-30T00:00:00Z"));
  expect(reviews).toBeGreaterThan(8);
  expect(reviews).toBeLessThanOrEqual(22);
  const rows = await db
    .selectFrom("buyer_reviews")
    .select(["order_id", "user_id", "cooperative_id", "reply_body", "created_at", "body"])
    .execute();
  expect(rows).toHaveLength(reviews);
  expect(rows.some((r) => r.order_id === open.id)).toBe(false);
  // only the cooperative with a manager replies
  expect(replies).toBeGreaterThan(0);
  expect(rows.filter((r) => r.reply_body !== null).every((r) => r.cooperative_id === datong)).toBe(
    true,
  );
  expect(rows.every((r) => r.created_at <= "2026-11-30T00:00:00.000Z")).toBe(true);
  expect(rows.some((r) => /[\u4e00-\u9fff]/.test(r.body))).toBe(true);
  const stats = await db
    .selectFrom("buyer_review_stats")
    .select((eb) => eb.fn.sum<number>("review_count").as("n"))
    .executeTakeFirstOrThrow();
  expect(Number(stats.n)).toBe(reviews);
  // a second run writes no review twice
  await seedDemoBuyerReviews(db, new Date("2026-11-30T00:00:00Z"));
  const lines = await db.selectFrom("buyer_reviews").select("order_line_id").execute();
  expect(new Set(lines.map((l) => l.order_line_id)).size).toBe(lines.length);
});
