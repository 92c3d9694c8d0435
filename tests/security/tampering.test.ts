// Prices, quantities and other people's things, tampered with in requests a page would
// never send: quantities negative, zero, fractional, hexadecimal, huge or over stock;
// products archived, unapproved or missing; another visitor's cart lines, a forged cart
// cookie; prices and totals posted with the checkout form; another person's order, its
// payment and cancellation; a cooperative manager at another cooperative's product and
// parcel; every signed-in form posted by a role it is not meant for.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  Client,
  count,
  problem,
  problems,
  readDb,
  saveTally,
  watchChanges,
  writeDb,
} from "./harness";
import { MILK_COOP, YAK_COOP, clientFor, ensureWorld, submitForm, type World } from "./scenario";

let world: World;
beforeAll(async () => {
  world = await ensureWorld();
});
afterAll(() => saveTally(import.meta.url));
beforeEach(() => {
  problems.length = 0;
});

/** The cart id inside a signed cart cookie (base64 JSON, then a signature). */
function cartIdOf(client: Client): string {
  const value = decodeURIComponent(client.cookies.get("shanhai_cart") ?? "");
  const payload = value.slice(0, value.lastIndexOf("."));
  return JSON.parse(Buffer.from(payload, "base64").toString("utf8")) as string;
}

function cartLines(cartId: string): Array<{ product_id: number; quantity: number }> {
  return readDb(
    (db) =>
      db
        .prepare(
          "select product_id, quantity from cart_items where cart_id = ? order by product_id",
        )
        .all(cartId) as Array<{ product_id: number; quantity: number }>,
  );
}

function product(where: string): { id: number; slug: string; price_fen: number; stock: number } {
  const row = readDb((db) =>
    db
      .prepare(`select id, slug, price_fen, stock from products where ${where} order by id limit 1`)
      .get(),
  ) as { id: number; slug: string; price_fen: number; stock: number } | undefined;
  if (!row) throw new Error(`no product where ${where}`);
  return row;
}

describe("prices and quantities", () => {
  it("takes only whole quantities from 1 to what is in stock, of products on sale", async () => {
    const a = new Client("tamper guest A");
    const onSale = product(
      "status = 'active' and stock between 5 and 90 and id not in (select bundle_product_id from product_components)",
    );
    const first = await a.send("/cart", {
      form: { intent: "add", productId: String(onSale.id), quantity: "1" },
    });
    expect(first.status).toBeLessThan(400);
    const cartId = cartIdOf(a);
    const before = cartLines(cartId);
    expect(before).toEqual([{ product_id: onSale.id, quantity: 1 }]);

    for (const intent of ["add", "update"]) {
      for (const quantity of [
        "-1",
        "0",
        "1.5",
        "1e3",
        "0x10",
        "99999999999",
        "",
        "１",
        "NaN",
        "2 OR 1=1",
      ]) {
        await a.send("/cart", { form: { intent, productId: String(onSale.id), quantity } });
        count("price/quantity tampering");
        const now = cartLines(cartId);
        if (JSON.stringify(now) !== JSON.stringify(before)) {
          problem(
            `${intent} quantity=${JSON.stringify(quantity)} changed the cart to ${JSON.stringify(now)}`,
          );
          writeDb((db) =>
            db.prepare("update cart_items set quantity = 1 where cart_id = ?").run(cartId),
          );
        }
      }
    }
    // more than the stock: an addition is trimmed to it, a change is refused
    await a.send("/cart", {
      form: { intent: "add", productId: String(onSale.id), quantity: "99" },
    });
    count("price/quantity tampering");
    expect(cartLines(cartId)).toEqual([{ product_id: onSale.id, quantity: onSale.stock }]);
    const over = await a.send("/cart", {
      form: { intent: "update", productId: String(onSale.id), quantity: String(onSale.stock + 1) },
    });
    count("price/quantity tampering");
    expect(over.status).toBeGreaterThanOrEqual(300);
    expect(cartLines(cartId)).toEqual([{ product_id: onSale.id, quantity: onSale.stock }]);

    // products that are not on sale, or not products
    const unapproved = product("status = 'pending_review'");
    const yak = clientFor(world, "yak");
    const archivable = product(
      `status = 'active' and cooperative_id = (select id from cooperatives where slug = '${YAK_COOP}') and id <> ${world.product.id} and id not in (select component_product_id from product_components) and id not in (select bundle_product_id from product_components)`,
    );
    const archived = await yak.send(`/coop/${YAK_COOP}/products/${archivable.id}`, {
      form: { intent: "archive" },
    });
    expect(archived.status).toBe(302);
    const lines = cartLines(cartId);
    for (const productId of [
      String(unapproved.id),
      String(archivable.id),
      "999999",
      "-1",
      "0",
      "1 OR 1=1",
      "1; DELETE FROM cart_items",
    ]) {
      await a.send("/cart", { form: { intent: "add", productId, quantity: "1" } });
      count("price/quantity tampering");
      if (JSON.stringify(cartLines(cartId)) !== JSON.stringify(lines)) {
        problem(`adding product ${productId} changed the cart`);
      }
    }
    for (const slug of [unapproved.slug, archivable.slug]) {
      const page = await a.send(`/products/${slug}`);
      count("price/quantity tampering");
      if (page.status !== 404) problem(`/products/${slug} (not on sale) answered ${page.status}`);
    }
    expect(problems).toEqual([]);
  });

  it("prices an order from the database, whatever the checkout form carries", async () => {
    const a = new Client("tamper guest checkout");
    const onSale = product("status = 'active' and stock > 3 and price_fen > 100");
    await a.send("/cart", { form: { intent: "add", productId: String(onSale.id), quantity: "2" } });
    const placed = await submitForm(
      a,
      "/checkout",
      (f) => f.method === "post" && f.fields.some((x) => x.name === "street"),
      {
        addressId: "new",

        contactName: "改价测试",
        phone: "13912340000",
        district: "玄武区",
        street: "改价测试路 1 号",
        buyerType: "individual",
        price: "0.01",
        priceFen: "1",
        unitPriceFen: "1",
        subtotalFen: "1",
        shippingFen: "0",
        totalFen: "1",
        aidEligibleFen: "999999",
        status: "paid",
        paymentGateway: "none",
        userId: "1",
        quantity: "999",
        productId: "1",
      },
    );
    count("price/quantity tampering", 14);
    expect(placed.sent.status).toBe(302);
    const order = readDb((db) =>
      db
        .prepare(
          "select id, status, subtotal_fen, shipping_fen, total_fen, user_id, payment_gateway from orders where contact_name = ?",
        )
        .get("改价测试"),
    ) as {
      id: number;
      status: string;
      subtotal_fen: number;
      shipping_fen: number;
      total_fen: number;
      user_id: number | null;
      payment_gateway: string;
    };
    const lines = readDb((db) =>
      db
        .prepare(
          "select product_id, unit_price_fen, quantity, line_total_fen from order_lines where order_id = ?",
        )
        .all(order.id),
    );
    expect(lines).toEqual([
      {
        product_id: onSale.id,
        unit_price_fen: onSale.price_fen,
        quantity: 2,
        line_total_fen: onSale.price_fen * 2,
      },
    ]);
    expect(order).toMatchObject({
      status: "pending_payment",
      subtotal_fen: onSale.price_fen * 2,
      total_fen: onSale.price_fen * 2 + order.shipping_fen,
      user_id: null,
      payment_gateway: "demo",
    });
  });
});

describe("other people's carts and orders", () => {
  it("keeps one visitor's cart out of another's reach, forged cookies included", async () => {
    const a = new Client("cart owner");
    const b = new Client("cart stranger");
    const onSale = product("status = 'active' and stock > 3");
    await a.send("/cart", { form: { intent: "add", productId: String(onSale.id), quantity: "2" } });
    const cartId = cartIdOf(a);
    const before = cartLines(cartId);
    const real = a.cookies.get("shanhai_cart")!;
    const forged: Array<[string, string | undefined]> = [
      ["none", undefined],
      ["the bare id", cartId],
      ["the id, base64, unsigned", Buffer.from(JSON.stringify(cartId)).toString("base64")],
      ["a changed signature", `${real.slice(0, real.lastIndexOf(".") + 1)}AAAA`],
    ];
    for (const [name, cookie] of forged) {
      b.cookies.clear();
      if (cookie !== undefined) b.cookies.set("shanhai_cart", cookie);
      const forms: Array<Record<string, string>> = [
        { intent: "update", productId: String(onSale.id), quantity: "1" },
        { intent: "remove", productId: String(onSale.id) },
        { intent: "add", productId: String(onSale.id), quantity: "5" },
      ];
      for (const form of forms) {
        await b.send("/cart", { form, remember: false });
        count("other people's data");
        if (JSON.stringify(cartLines(cartId)) !== JSON.stringify(before)) {
          problem(`cookie ${name}: ${form.intent} changed another visitor's cart`);
        }
      }
      const page = await b.send("/cart", { remember: false });
      if (page.text.includes(`value="${onSale.id}"`) && cookie !== undefined && name !== "none") {
        problem(`cookie ${name}: /cart shows another visitor's line`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("lets nobody else see, pay for or cancel an order", async () => {
    const watcher = watchChanges();
    const number = world.pending;
    const strangers = [
      new Client("order stranger"),
      clientFor(world, "yak"),
      clientFor(world, "milk"),
    ];
    for (const stranger of strangers) {
      for (const [method, path, form] of [
        ["GET", `/orders/${number}`, undefined],
        ["GET", `/orders/${number}?t=forged-token-forged-token`, undefined],
        ["GET", `/pay/demo/${number}`, undefined],
        ["POST", `/pay/demo/${number}`, { choice: "succeeded" }],
        ["POST", `/orders/${number}`, { intent: "cancel" }],
        ["POST", `/orders/${number}`, { intent: "pay" }],
        ["GET", `/orders/${world.order.number}`, undefined],
      ] as const) {
        const answer = await stranger.send(path, { method, form, remember: false });
        count("other people's data");
        if (
          answer.status < 400 &&
          !(answer.status === 302 && answer.location?.startsWith("/login"))
        ) {
          problem(
            `${stranger.name}: ${method} ${path} answered ${answer.status} ${answer.location ?? ""}`,
          );
        }
      }
    }
    const status = readDb((db) =>
      db.prepare("select status from orders where number = ?").pluck().get(number),
    );
    expect(status).toBe("pending_payment");
    expect(watcher.changedSince()).toEqual([]);
    watcher.close();
    expect(problems).toEqual([]);
  });

  it("keeps a cooperative manager to their own cooperatives' products and parcels", async () => {
    const watcher = watchChanges();
    const yak = clientFor(world, "yak");
    const milkProduct = product(
      `cooperative_id = (select id from cooperatives where slug = '${MILK_COOP}')`,
    );
    const milkShipment = readDb((db) =>
      db
        .prepare(
          `select id from shipments where cooperative_id = (select id from cooperatives where slug = ?) limit 1`,
        )
        .pluck()
        .get(MILK_COOP),
    ) as number | undefined;
    const attempts: Array<[string, Record<string, string>]> = [
      [`/coop/${MILK_COOP}/products/${milkProduct.id}`, { intent: "archive" }],
      [
        `/coop/${MILK_COOP}/products/${milkProduct.id}`,
        { intent: "stock", mode: "set", amount: "0", why: "越权" },
      ],
      [
        `/coop/${YAK_COOP}/products/${milkProduct.id}`,
        { intent: "stock", mode: "set", amount: "0", why: "越权" },
      ],
      [`/coop/${YAK_COOP}/products/${milkProduct.id}`, { intent: "archive" }],
      [`/coop/${MILK_COOP}/products/new`, { nameZh: "越权", nameEn: "x", price: "1" }],
      [`/coop/${YAK_COOP}/shipments/${milkShipment ?? 999999}`, { intent: "pack" }],
      [`/coop/${MILK_COOP}/shipments/${milkShipment ?? 999999}`, { intent: "pack" }],
    ];
    for (const [path, form] of attempts) {
      const answer = await yak.send(path, { form, remember: false });
      count("other people's data");
      if (answer.status !== 403 && answer.status !== 404)
        problem(`yak: POST ${path} answered ${answer.status}`);
    }
    expect(watcher.changedSince()).toEqual([]);
    watcher.close();
    expect(problems).toEqual([]);
  });

  it("refuses every signed-in form to roles it is not meant for", async () => {
    const watcher = watchChanges();
    const portals: Array<[RegExp, string[]]> = [
      [/^\/admin\//, ["anonymous", "shopper", "yak", "aid"]],
      [/^\/aid\//, ["anonymous", "shopper", "yak"]],
      [/^\/coop\//, ["anonymous", "shopper", "aid", "admin"]],
    ];
    const seen = new Set<string>();
    for (const found of Object.values(world.discovered)) {
      for (const form of found.forms) {
        if (form.method !== "post" || form.multipart) continue;
        const portal = portals.find(([re]) => re.test(form.action));
        if (!portal) continue;
        const key = `${form.action} ${form.fields.find((f) => f.name === "intent")?.value}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const values = Object.fromEntries(form.fields.map((f) => [f.name, f.value || "1"]));
        for (const visitor of portal[1]) {
          const client =
            visitor === "anonymous"
              ? new Client("anonymous")
              : clientFor(world, visitor as "shopper");
          const answer = await client.send(form.action, { form: values, remember: false });
          count("authorization");
          const toLogin = answer.status === 302 && answer.location?.startsWith("/login");
          if (!toLogin && answer.status !== 403 && answer.status !== 404) {
            problem(`${visitor}: POST ${form.action} (${key}) answered ${answer.status}`);
          }
        }
      }
    }
    expect(seen.size).toBeGreaterThan(8);
    expect(watcher.changedSince()).toEqual([]);
    watcher.close();
    expect(problems).toEqual([]);
  });
});
