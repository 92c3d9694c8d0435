// Counters, their shelves and staff, for tests and the demo seed (ADR 046).
import type { DB } from "#db/connection";
import type { DemoCounter } from "#db/seed-data/counters";

let serial = 0;

/** A counter; by default a made-up one in Qinhuai with a unique slug. */
export async function createCounter(
  db: DB,
  counter: Partial<Omit<DemoCounter, "stock" | "staff">> & { sort?: number } = {},
): Promise<number> {
  const n = ++serial;
  const row = await db
    .insertInto("counters")
    .values({
      slug: counter.slug ?? `test-counter-${n}-${Date.now()}`,
      name_zh: counter.nameZh ?? `测试专柜${n}`,
      name_en: counter.nameEn ?? `Test counter ${n}`,
      address_zh: counter.addressZh ?? "江苏省南京市秦淮区测试路 1 号",
      address_en: counter.addressEn ?? "1 Test Road, Qinhuai District, Nanjing",
      district_zh: counter.districtZh ?? "秦淮区",
      district_en: counter.districtEn ?? "Qinhuai District",
      hours_zh: counter.hoursZh ?? "每天 9:00–21:00",
      hours_en: counter.hoursEn ?? "Daily 9:00–21:00",
      map_url: counter.mapUrl ?? "https://uri.amap.com/search?keyword=test",
      phone: counter.phone ?? null,
      sort: counter.sort ?? n,
      created_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Sets what a counter has of a product on its shelf. */
export async function stockCounter(
  db: DB,
  counterId: number,
  productId: number,
  quantity: number,
): Promise<void> {
  await db
    .insertInto("counter_stock")
    .values({
      counter_id: counterId,
      product_id: productId,
      quantity,
      updated_at: new Date().toISOString(),
    })
    .onConflict((oc) =>
      oc.columns(["counter_id", "product_id"]).doUpdateSet({
        quantity,
        updated_at: new Date().toISOString(),
      }),
    )
    .execute();
}

/** How many of a product a counter has now (0 when it has no row). */
export async function counterStockOf(db: DB, counterId: number, productId: number) {
  const row = await db
    .selectFrom("counter_stock")
    .select("quantity")
    .where("counter_id", "=", counterId)
    .where("product_id", "=", productId)
    .executeTakeFirst();
  return row?.quantity ?? 0;
}
