// Seeds the demo catalogue. `--if-empty` leaves a database that already has products alone.
import { createDatabase, databaseTarget, migrateToLatest, type DB } from "./connection";
import { describeTarget } from "./script-target";
import { categories, cooperatives, counties, products } from "./seed-data/catalog";
import { demoAccounts } from "./seed-data/accounts";
import { bundles } from "./seed-data/bundles";
import { seedDemoBuyerReviews } from "./seed-data/buyer-reviews";
import { collections } from "./seed-data/collections";
import {
  createCategory,
  createCooperative,
  createCounty,
  createProduct,
} from "../tests/factories/catalog";
import { createUser } from "../tests/factories/users";
import { createCounter, stockCounter } from "../tests/factories/counters";
import { demoCounters } from "./seed-data/counters";
import { parseLogin } from "../app/domain/auth/accounts.server";
import { openReview } from "../app/domain/aid/reviews.server";
import { seedDemoInvoices } from "./seed-data/demo-invoices";
import { seedDemoOrders } from "./seed-data/demo-orders";
import { seedDemoPickups } from "./seed-data/demo-pickups";
import { seedDemoTillSales } from "./seed-data/demo-till";

/**
 * Whether to write the demo order history too: yes unless `--no-demo-orders` or
 * SEED_DEMO_ORDERS=0 (the browser tests' servers, which start from a store without orders).
 */
export function wantsDemoOrders(
  argv: readonly string[] = process.argv,
  env: Record<string, string | undefined> = process.env,
): boolean {
  return !argv.includes("--no-demo-orders") && env.SEED_DEMO_ORDERS !== "0";
}

export async function seedDemo(db: DB, now = new Date()): Promise<{ products: number }> {
  await db.transaction().execute(async (trx) => {
    for (const [i, county] of counties.entries()) await createCounty(trx, county, i);
    for (const [i, category] of categories.entries()) await createCategory(trx, category, i);
    const coopIds = new Map<string, number>();
    for (const coop of cooperatives) coopIds.set(coop.slug, await createCooperative(trx, coop));
    for (const [i, c] of collections.entries()) {
      await trx
        .insertInto("collections")
        .values({
          slug: c.slug,
          name_zh: c.nameZh,
          name_en: c.nameEn,
          intro_zh: c.introZh,
          intro_en: c.introEn,
          certified_only: c.certifiedOnly ? 1 : 0,
          sort: i,
        })
        .execute();
    }
    // Older listings first, so "newest" has a meaningful order. Listed from June 2026, so the
    // demo order history (demo-orders.ts, the months before the seed runs) finds them listed.
    const base = Date.UTC(2026, 5, 1);
    const productIds = new Map<string, number>();
    for (const [i, p] of products.entries()) {
      const cooperativeId = coopIds.get(p.cooperative);
      if (!cooperativeId)
        throw new Error(`product ${p.slug}: unknown cooperative ${p.cooperative}`);
      // a product waiting for review was submitted lately, whenever the seed runs
      const createdAt = p.pendingReview
        ? new Date(now.getTime() - 2 * 86_400_000)
        : new Date(base + i * 86_400_000);
      const id = await createProduct(trx, {
        ...p,
        cooperativeId,
        status: p.pendingReview ? "pending_review" : "active",
        createdAt: createdAt.toISOString(),
      });
      productIds.set(p.slug, id);
      if (p.pendingReview) {
        await openReview(trx, {
          productId: id,
          cooperativeId,
          reason: "new",
          userId: null,
          now: createdAt,
        });
      }
      for (const slug of p.collections) {
        await trx
          .insertInto("collection_products")
          .values({ collection_slug: slug, product_id: id, sort: i })
          .execute();
      }
    }
    // gift boxes credit each component to its own county and cooperative
    for (const box of bundles) {
      const bundleId = productIds.get(box.bundle);
      if (!bundleId) throw new Error(`bundle ${box.bundle}: unknown product`);
      const shares = box.components.reduce((s, c) => s + c.shareBp, 0);
      if (shares !== 10000) throw new Error(`bundle ${box.bundle}: shares add up to ${shares}`);
      await trx
        .insertInto("product_components")
        .values(
          box.components.map((c) => {
            const componentId = productIds.get(c.slug);
            if (!componentId) throw new Error(`bundle ${box.bundle}: unknown component ${c.slug}`);
            return {
              bundle_product_id: bundleId,
              component_product_id: componentId,
              quantity: c.quantity,
              share_bp: c.shareBp,
            };
          }),
        )
        .execute();
    }
    for (const account of demoAccounts) {
      const login = parseLogin(account.login);
      if (!login) throw new Error(`bad demo login ${account.login}`);
      const userId = await createUser(trx, {
        role: account.role,
        name: account.name,
        password: account.password,
        email: login.kind === "email" ? login.value : null,
        phone: login.kind === "phone" ? login.value : null,
        emailVerified: login.kind === "email",
        phoneVerified: login.kind === "phone",
        cooperativeIds: (account.cooperatives ?? []).map((slug) => {
          const id = coopIds.get(slug);
          if (!id) throw new Error(`demo account ${account.login}: unknown cooperative ${slug}`);
          return id;
        }),
      });
      // the demo shopper's address book has a default address, so checkout shows it
      if (account.role === "shopper" && login.kind === "phone") {
        await seedDefaultAddress(trx, userId, account.name, login.value);
      }
    }
    await seedCounters(trx);
  });
  return { products: products.length };
}

/** The two Nanjing counters, their shelves and a clerk at each (ADR 046). */
async function seedCounters(trx: DB) {
  for (const [i, counter] of demoCounters.entries()) {
    const counterId = await createCounter(trx, { ...counter, sort: i });
    for (const [slug, quantity] of Object.entries(counter.stock)) {
      const product = await trx
        .selectFrom("products")
        .select("id")
        .where("slug", "=", slug)
        .executeTakeFirstOrThrow();
      await stockCounter(trx, counterId, product.id, quantity);
    }
    const login = parseLogin(counter.staff.login);
    if (login?.kind !== "email") throw new Error(`bad counter login ${counter.staff.login}`);
    const staffId = await createUser(trx, {
      role: "counter_staff",
      name: counter.staff.name,
      password: counter.staff.password,
      email: login.value,
      emailVerified: true,
      counterId,
    });
    await seedCounterDesk(trx, counterId, { id: staffId, name: counter.staff.name });
  }
}

/**
 * The desk with life (ADR 049): a transfer received a week ago one unit short, one sent and
 * waiting to be received, and one stock count difference.
 */
async function seedCounterDesk(trx: DB, counterId: number, staff: { id: number; name: string }) {
  const shelf = await trx
    .selectFrom("counter_stock as s")
    .innerJoin("products as p", "p.id", "s.product_id")
    .select(["s.product_id", "s.quantity", "p.cooperative_id"])
    .where("s.counter_id", "=", counterId)
    .orderBy("s.product_id")
    .execute();
  const first = shelf[0];
  if (!first) return;
  const day = 24 * 60 * 60 * 1000;
  const at = (daysAgo: number) => new Date(Date.now() - daysAgo * day).toISOString();
  const lines = shelf.filter((s) => s.cooperative_id === first.cooperative_id).slice(0, 2);
  for (const [status, daysAgo] of [
    ["received", 7],
    ["sent", 1],
  ] as const) {
    const transfer = await trx
      .insertInto("counter_transfers")
      .values({
        counter_id: counterId,
        cooperative_id: first.cooperative_id,
        status,
        note: status === "sent" ? "冷链车次日上午到" : null,
        sent_by: null,
        sent_by_name: "合作社经理",
        sent_at: at(daysAgo),
        received_by: status === "received" ? staff.id : null,
        received_by_name: status === "received" ? staff.name : null,
        received_at: status === "received" ? at(daysAgo - 1) : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    for (const [i, line] of lines.entries()) {
      const short = status === "received" && i === 0 ? 1 : 0;
      await trx
        .insertInto("counter_transfer_lines")
        .values({
          transfer_id: transfer.id,
          product_id: line.product_id,
          quantity_sent: 6,
          quantity_received: status === "received" ? 6 - short : null,
        })
        .execute();
      if (short) {
        await trx
          .insertInto("counter_stock_adjustments")
          .values({
            counter_id: counterId,
            product_id: line.product_id,
            kind: "transfer",
            transfer_id: transfer.id,
            expected: 6,
            counted: 5,
            difference: -1,
            reason: "一件外包装破损，退回合作社",
            by_user: staff.id,
            by_name: staff.name,
            at: at(daysAgo - 1),
          })
          .execute();
      }
    }
  }
  const counted = shelf[shelf.length - 1]!;
  await trx
    .insertInto("counter_stock_adjustments")
    .values({
      counter_id: counterId,
      product_id: counted.product_id,
      kind: "count",
      transfer_id: null,
      expected: counted.quantity + 1,
      counted: counted.quantity,
      difference: -1,
      reason: "试吃开封一件",
      by_user: staff.id,
      by_name: staff.name,
      at: at(2),
    })
    .execute();
}

async function seedDefaultAddress(trx: DB, userId: number, name: string, phone: string) {
  const now = new Date().toISOString();
  await trx
    .insertInto("addresses")
    .values({
      user_id: userId,
      recipient: name.split(" ").pop() ?? name,
      phone,
      province_code: "32",
      province: "江苏省",
      city_code: "3201",
      city: "南京市",
      district_code: "320106",
      district: "鼓楼区",
      street: "北京西路 8 号 2 栋 301 室",
      is_default: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

async function main() {
  // DATABASE_URL (PostgreSQL) or DATABASE_PATH (default data/shanhai.sqlite)
  const target = databaseTarget();
  const file = describeTarget(target);
  const db = createDatabase(target);
  await migrateToLatest(db);
  const existing = await db
    .selectFrom("products")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) {
    if (process.argv.includes("--if-empty")) {
      console.log(`seed: ${file} already has ${existing.n} products; left as it is`);
      await db.destroy();
      return;
    }
    throw new Error(
      `seed: ${file} already has products; start afresh from a new file or an empty database`,
    );
  }
  const now = new Date();
  const { products: n } = await seedDemo(db, now);
  console.log(`seed: ${n} demo products written to ${file}`);
  if (wantsDemoOrders()) {
    const started = Date.now();
    // The demo history's order messages (placed, paid, shipped…) are not news to anyone:
    // not logged, and marked sent so no relay sends them.
    const logOutbox = process.env.LOG_OUTBOX;
    process.env.LOG_OUTBOX = "0";
    let invoices = { issued: 0, requested: 0 };
    let tillSales = 0;
    const summary = await seedDemoOrders(db, { now })
      .then(async (orders) => {
        invoices = await seedDemoInvoices(db, now);
        tillSales = await seedDemoTillSales(db, now);
        await seedDemoPickups(db, now);
        return orders;
      })
      .finally(() => {
        if (logOutbox === undefined) delete process.env.LOG_OUTBOX;
        else process.env.LOG_OUTBOX = logOutbox;
      });
    await db
      .updateTable("outbox")
      .set({ sent_at: now.toISOString() })
      .where("sent_at", "is", null)
      .execute();
    const states = Object.entries(summary.byStatus)
      .map(([status, count]) => `${status} ${count}`)
      .join(", ");
    console.log(
      `seed: ${summary.orders} demo orders (${states}) from ${summary.shoppers} shoppers and ` +
        `${summary.institutions} institutions in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    console.log(
      `seed: ${invoices.issued} demo invoices issued, ${invoices.requested} still requested`,
    );
    console.log(`seed: ${tillSales} walk-in sales at the counters' tills`);
    // last: reviews need the delivered orders the demo history made
    const { reviews, replies } = await seedDemoBuyerReviews(db, now);
    console.log(`seed: ${reviews} demo buyer reviews, ${replies} cooperative replies`);
  }
  await db.destroy();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
