// Two pickup orders of the demo shopper (ADR 048): one paid yesterday and waiting at the
// 绿色有机青海专柜 with its code and QR on the order page, one paid nine days ago and never
// collected at the experience hall, so /admin/orders?uncollected=1 has one to refund.
import type { DB } from "../connection";
import { createPaidOrder } from "../../tests/factories/orders";
import { demoCounters } from "./counters";
import { DEMO_SHOPPER_PHONE } from "./demo-orders";

const DAY = 86_400_000;

export async function seedDemoPickups(db: DB, now: Date): Promise<number> {
  const shopper = await db
    .selectFrom("users")
    .select(["id", "name"])
    .where("phone", "=", DEMO_SHOPPER_PHONE)
    .executeTakeFirst();
  const plan = [
    { counter: demoCounters[0]!, slug: "yak-jerky", quantity: 2, daysAgo: 1 },
    { counter: demoCounters[1]!, slug: "barley-noodles", quantity: 3, daysAgo: 9 },
  ];
  let placed = 0;
  for (const step of plan) {
    const counter = await db
      .selectFrom("counters")
      .select(["id", "district_zh", "address_zh"])
      .where("slug", "=", step.counter.slug)
      .executeTakeFirst();
    const product = await db
      .selectFrom("products")
      .select("id")
      .where("slug", "=", step.slug)
      .executeTakeFirst();
    if (!counter || !product) continue;
    await createPaidOrder(db, [{ productId: product.id, quantity: step.quantity }], {
      input: {
        contactName: shopper?.name ?? "王小明",
        phone: DEMO_SHOPPER_PHONE,
        counterId: counter.id,
        fulfilment: "pickup",
        district: counter.district_zh,
        street: counter.address_zh,
      },
      now: new Date(now.getTime() - step.daysAgo * DAY),
      userId: shopper?.id ?? null,
    });
    placed++;
  }
  return placed;
}
