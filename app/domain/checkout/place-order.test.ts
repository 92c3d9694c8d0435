import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { aidCert, createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { checkoutInput, createOrder } from "#tests/factories/orders";
import { addToCart, cartCount, newCartId } from "../cart/cart.server";
import { ORDER_NUMBER_RE, tokenMatches } from "../orders/order-number";
import { placeOrder } from "./place-order.server";
import { AMBIENT_FEE_FEN, COLD_CHAIN_FEE_FEN } from "./shipping";

let db: DB;
let cleanup: () => Promise<void>;
let coops: { datong: number; huangzhong: number };

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coops = await createBasicCatalog(db);
});
afterEach(() => cleanup());

const stockOf = async (id: number) =>
  (await db.selectFrom("products").select("stock").where("id", "=", id).executeTakeFirstOrThrow())
    .stock;

describe("placeOrder", () => {
  it("creates a pending order with frozen lines, takes stock and empties the cart", async () => {
    const now = new Date("2026-11-28T02:00:00Z");
    const yak = await createProduct(db, {
      cooperativeId: coops.datong,
      nameZh: "牦牛腱子",
      priceFen: 12800,
      stock: 10,
      category: "meat",
      coldChain: true,
    });
    const milk = await createProduct(db, {
      cooperativeId: coops.huangzhong,
      nameZh: "鲜奶",
      priceFen: 1580,
      stock: 50,
      category: "dairy",
      certifications: [],
    });
    const order = await createOrder(
      db,
      [
        { productId: yak, quantity: 2 },
        { productId: milk, quantity: 3 },
      ],
      { now },
    );

    expect(order.number).toMatch(ORDER_NUMBER_RE);
    expect(order.number.startsWith("SH-20261128-")).toBe(true);
    const row = await db
      .selectFrom("orders")
      .selectAll()
      .where("id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: "pending_payment",
      subtotal_fen: 2 * 12800 + 3 * 1580,
      aid_eligible_fen: 2 * 12800,
      expires_at: "2026-11-28T02:30:00.000Z",
      payment_gateway: "demo",
    });
    // 25600 of cold-chain goods ship free (≥ ¥199); 4740 of ambient goods pay the fee
    expect(row.shipping_fen).toBe(AMBIENT_FEE_FEN);
    expect(row.total_fen).toBe(row.subtotal_fen + row.shipping_fen);
    expect(tokenMatches(order.accessToken, row.access_token_hash)).toBe(true);

    const lines = await db
      .selectFrom("order_lines")
      .selectAll()
      .where("order_id", "=", order.id)
      .orderBy("id")
      .execute();
    expect(lines).toMatchObject([
      {
        product_name_zh: "牦牛腱子",
        unit_price_fen: 12800,
        quantity: 2,
        line_total_fen: 25600,
        county_code: "datong",
        paired_district_zh: "雨花台区",
        category_group: "agri",
        cold_chain: 1,
        aid_eligible: 1,
      },
      {
        product_name_zh: "鲜奶",
        quantity: 3,
        county_code: "huangzhong",
        paired_district_zh: "栖霞区",
        aid_eligible: 0,
        aid_cert_number: null,
      },
    ]);
    expect(lines[0]?.aid_cert_number).toMatch(/^XNXFBF-/);
    expect(await stockOf(yak)).toBe(8);
    expect(await stockOf(milk)).toBe(47);
    expect(await cartCount(db, order.cartId)).toBe(0);
  });

  it("prices from the database at the moment of ordering, not from the cart", async () => {
    const p = await createProduct(db, { cooperativeId: coops.datong, priceFen: 1000 });
    const cartId = newCartId();
    await addToCart(db, cartId, p, 2);
    await db.updateTable("products").set({ price_fen: 1500 }).where("id", "=", p).execute();
    const order = await placeOrder(db, {
      cartId,
      input: checkoutInput(),
      locale: "zh-CN",
      gateway: "demo",
      ttlMinutes: 30,
    });
    const row = await db
      .selectFrom("orders")
      .select(["subtotal_fen"])
      .where("id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(row.subtotal_fen).toBe(3000);
  });

  it("charges the cold-chain surcharge for chilled goods under the threshold", async () => {
    const milk = await createProduct(db, {
      cooperativeId: coops.huangzhong,
      priceFen: 1580,
      coldChain: true,
    });
    const order = await createOrder(db, [{ productId: milk, quantity: 1 }]);
    const row = await db
      .selectFrom("orders")
      .select(["shipping_fen", "total_fen"])
      .where("id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ shipping_fen: COLD_CHAIN_FEE_FEN, total_fen: 1580 + COLD_CHAIN_FEE_FEN });
  });

  it("freezes eligibility: a certificate expiring later does not change the sold line", async () => {
    const p = await createProduct(db, {
      cooperativeId: coops.datong,
      certifications: [aidCert({ expiresOn: "2026-11-30" })],
    });
    const order = await createOrder(db, [{ productId: p, quantity: 1 }], {
      now: new Date("2026-11-28T01:00:00Z"),
    });
    await db.updateTable("product_certifications").set({ expires_on: "2020-01-01" }).execute();
    const line = await db
      .selectFrom("order_lines")
      .select("aid_eligible")
      .where("order_id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(line.aid_eligible).toBe(1);
  });

  it("uses the Shanghai day for certificate validity", async () => {
    const p = await createProduct(db, {
      cooperativeId: coops.datong,
      certifications: [aidCert({ expiresOn: "2026-11-28" })],
    });
    // 17:00 UTC on the 28th is already the 29th in Shanghai: expired
    const order = await createOrder(db, [{ productId: p, quantity: 1 }], {
      now: new Date("2026-11-28T17:00:00Z"),
    });
    const row = await db
      .selectFrom("orders")
      .select("aid_eligible_fen")
      .where("id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(row.aid_eligible_fen).toBe(0);
  });

  it("rolls everything back when one line sold out meanwhile, keeping the cart", async () => {
    const a = await createProduct(db, { cooperativeId: coops.datong, nameZh: "青稞米", stock: 10 });
    const b = await createProduct(db, {
      cooperativeId: coops.huangzhong,
      nameZh: "草莓",
      stock: 5,
    });
    const cartId = newCartId();
    await addToCart(db, cartId, a, 2);
    await addToCart(db, cartId, b, 3);
    await db.updateTable("products").set({ stock: 2 }).where("id", "=", b).execute();
    await expect(
      placeOrder(db, {
        cartId,
        input: checkoutInput(),
        locale: "zh-CN",
        gateway: "demo",
        ttlMinutes: 30,
      }),
    ).rejects.toMatchObject({
      code: "checkout.notEnoughStock",
      params: { name: "草莓", stock: 2 },
    });
    await db.updateTable("products").set({ stock: 0 }).where("id", "=", b).execute();
    await expect(
      placeOrder(db, {
        cartId,
        input: checkoutInput(),
        locale: "zh-CN",
        gateway: "demo",
        ttlMinutes: 30,
      }),
    ).rejects.toMatchObject({ code: "checkout.soldOut" });
    expect(await stockOf(a)).toBe(10);
    expect(await cartCount(db, cartId)).toBe(5);
    const orders = await db.selectFrom("orders").select("id").execute();
    const lines = await db.selectFrom("order_lines").select("id").execute();
    expect(orders).toHaveLength(0);
    expect(lines).toHaveLength(0);
  });

  it("refuses an empty cart and a product taken off sale", async () => {
    await expect(
      placeOrder(db, {
        cartId: newCartId(),
        input: checkoutInput(),
        locale: "zh-CN",
        gateway: "demo",
        ttlMinutes: 30,
      }),
    ).rejects.toMatchObject({ code: "checkout.emptyCart" });
    const p = await createProduct(db, { cooperativeId: coops.datong });
    const cartId = newCartId();
    await addToCart(db, cartId, p, 1);
    await db.updateTable("products").set({ status: "archived" }).where("id", "=", p).execute();
    await expect(
      placeOrder(db, {
        cartId,
        input: checkoutInput(),
        locale: "zh-CN",
        gateway: "demo",
        ttlMinutes: 30,
      }),
    ).rejects.toMatchObject({ code: "checkout.unavailable" });
  });

  it("records the institution's details", async () => {
    const p = await createProduct(db, { cooperativeId: coops.datong });
    const order = await createOrder(db, [{ productId: p, quantity: 1 }], {
      input: {
        buyerType: "union",
        orgName: "南京市总工会",
        fundingSource: "union_funds",
        invoiceTitle: "南京市总工会",
        taxId: "81320100MC1234567X",
      },
    });
    const row = await db
      .selectFrom("orders")
      .select(["buyer_type", "org_name", "funding_source", "tax_id"])
      .where("id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      buyer_type: "union",
      org_name: "南京市总工会",
      funding_source: "union_funds",
      tax_id: "81320100MC1234567X",
    });
  });

  it("serialises many checkouts on one connection without overselling", async () => {
    const p = await createProduct(db, { cooperativeId: coops.datong, stock: 5 });
    const carts = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const cartId = newCartId();
        await db
          .insertInto("carts")
          .values({ id: cartId, updated_at: new Date().toISOString() })
          .execute();
        await db
          .insertInto("cart_items")
          .values({ cart_id: cartId, product_id: p, quantity: 1 })
          .execute();
        return cartId;
      }),
    );
    const results = await Promise.allSettled(
      carts.map((cartId) =>
        placeOrder(db, {
          cartId,
          input: checkoutInput(),
          locale: "zh-CN",
          gateway: "demo",
          ttlMinutes: 30,
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(await stockOf(p)).toBe(0);
  });
});
