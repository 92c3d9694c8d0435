// Route-level tests: loaders and actions on a real SQLite file, as the browser would call them.
import { beforeAll, describe, expect, it } from "vitest";
import { aidCert, createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { BASE, Browser, call } from "#tests/http";
import { AMBIENT_FEE_FEN, COLD_CHAIN_FEE_FEN } from "~/domain/checkout/shipping";
import { getDb } from "~/utils/db.server";
import * as cart from "./cart/route";
import * as checkout from "./checkout/route";
import * as home from "./_index";
import * as language from "./language";
import * as lookup from "./orders.lookup";
import * as orderPage from "./orders.$number/route";
import * as pay from "./pay.demo.$number";
import * as product from "./products.$slug/route";
import * as products from "./products._index/route";

let yak: number;
let milk: number;
let lastUnits: number;

beforeAll(async () => {
  const db = await getDb();
  const coops = await createBasicCatalog(db);
  yak = await createProduct(db, {
    cooperativeId: coops.datong,
    slug: "yak",
    nameZh: "牦牛腱子",
    nameEn: "Yak shank",
    priceFen: 12800,
    stock: 50,
    category: "meat",
    coldChain: true,
  });
  milk = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    slug: "milk",
    nameZh: "鲜牛奶",
    nameEn: "Fresh milk",
    priceFen: 1580,
    stock: 50,
    category: "dairy",
    certifications: [aidCert()],
  });
  lastUnits = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    slug: "last",
    nameZh: "最后两件",
    stock: 2,
  });
});

const shopperForm = {
  contactName: "王小明",
  phone: "13812345678",
  email: "",
  province: "江苏省",
  city: "南京市",
  district: "雨花台区",
  street: "软件大道 101 号",
  buyerType: "individual",
};

async function json(response: Response) {
  return (await response.json()) as Record<string, unknown>;
}

describe("catalogue pages", () => {
  it("serves the home page, the catalogue, a product and a 404 for an unknown one", async () => {
    const b = new Browser();
    expect((await call(home.loader, b.get("/"))).status).toBe(200);
    const list = await call(products.loader, b.get("/products?q=牦牛"));
    expect(list.headers.get("Cache-Control")).toContain("max-age");
    const data = await json(list);
    expect((data.items as Array<{ slug: string }>).map((i) => i.slug)).toEqual(["yak"]);
    expect((await call(product.loader, b.get("/products/yak"), { slug: "yak" })).status).toBe(200);
    expect((await call(product.loader, b.get("/products/nope"), { slug: "nope" })).status).toBe(
      404,
    );
  });

  it("shrugs off nonsense in the query string", async () => {
    const b = new Browser();
    const response = await call(
      products.loader,
      b.get("/products?page=abc&sort=zzz&county=%00&cert=x&inStock=maybe&q=" + "x".repeat(500)),
    );
    expect(response.status).toBe(200);
    const data = await json(response);
    expect(data.page).toBe(1);
  });
});

describe("cart and checkout", () => {
  it("gives a guest a signed cart cookie and keeps the cart across requests", async () => {
    const b = new Browser();
    const added = await call(
      cart.action,
      b.post("/cart", { intent: "add", productId: yak, quantity: 2 }),
      {},
      b,
    );
    expect(added.status).toBe(302);
    expect(added.headers.get("Location")).toBe("/cart");
    const setCookie = added.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/shanhai_cart=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const view = await json(await call(cart.loader, b.get("/cart"), {}, b));
    expect((view.lines as unknown[]).length).toBe(1);

    // a tampered cookie is no cart at all
    const forged = new Browser();
    forged.cookies.set("shanhai_cart", "forged-value-forged-value");
    const none = await json(await call(cart.loader, forged.get("/cart")));
    expect(none.lines).toEqual([]);
  });

  it("answers a fetcher with JSON and says when stock trimmed the request", async () => {
    const b = new Browser();
    const response = await call(
      cart.action,
      b.post("/cart", { intent: "add", productId: lastUnits, quantity: 5, stay: "1" }),
      {},
      b,
    );
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ ok: true, quantity: 2, trimmed: true });
  });

  it("answers a form post with a redirect, so a reload does not post it again", async () => {
    const b = new Browser();
    const add = await call(
      cart.action,
      b.post("/cart", { intent: "add", productId: milk, quantity: 1 }),
      {},
      b,
    );
    expect(add.status).toBe(302);
    expect(add.headers.get("Location")).toBe("/cart");
    const update = await call(
      cart.action,
      b.post("/cart", { intent: "update", productId: milk, quantity: 3 }),
      {},
      b,
    );
    expect(update.status).toBe(302);
    expect(update.headers.get("Location")).toBe("/cart");
    let view = await json(await call(cart.loader, b.get("/cart"), {}, b));
    expect(view.lines).toMatchObject([{ productId: milk, quantity: 3 }]);
    expect(view.notice).toBeNull();
    const remove = await call(
      cart.action,
      b.post("/cart", { intent: "remove", productId: milk }),
      {},
      b,
    );
    expect(remove.status).toBe(302);
    expect(remove.headers.get("Location")).toBe("/cart");
    view = await json(await call(cart.loader, b.get("/cart"), {}, b));
    expect(view.lines).toEqual([]);
  });

  it("rejects a bad quantity with a message and the typed value kept, once, after the redirect", async () => {
    const b = new Browser();
    await call(
      cart.action,
      b.post("/cart", { intent: "add", productId: milk, quantity: 1 }),
      {},
      b,
    );
    const response = await call(
      cart.action,
      b.post("/cart", { intent: "update", productId: milk, quantity: "abc" }),
      {},
      b,
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/cart");
    const page = await call(cart.loader, b.get("/cart"), {}, b);
    expect((await json(page)).notice).toEqual({
      intent: "update",
      error: "cart.quantityRange",
      params: {},
      productId: milk,
      quantity: "abc",
    });
    // shown once: a reload shows the cart as it stands
    expect((await json(await call(cart.loader, b.get("/cart"), {}, b))).notice).toBeNull();

    await call(
      cart.action,
      b.post("/cart", { intent: "add", productId: lastUnits, quantity: 1, stay: "1" }),
      {},
      b,
    );
    const tooMany = await call(
      cart.action,
      b.post("/cart", { intent: "update", productId: lastUnits, quantity: 3 }),
      {},
      b,
    );
    expect(tooMany.status).toBe(302);
    const view = await json(await call(cart.loader, b.get("/cart"), {}, b));
    expect(view.notice).toMatchObject({
      error: "cart.notEnoughStock",
      params: { stock: 2 },
      productId: lastUnits,
      quantity: "3",
    });
    expect(view.lines).toMatchObject([
      { productId: milk, quantity: 1 },
      { productId: lastUnits, quantity: 1 },
    ]);
  });

  it("tells a shopper without JavaScript why an item was not added, or was trimmed", async () => {
    const db = await getDb();
    const coop = await db.selectFrom("cooperatives").select("id").executeTakeFirstOrThrow();
    const gone = await createProduct(db, { cooperativeId: coop.id, slug: "gone", stock: 0 });
    const b = new Browser();
    const soldOut = await call(
      cart.action,
      b.post("/cart", { intent: "add", productId: gone, quantity: 1 }),
      {},
      b,
    );
    expect(soldOut.status).toBe(302);
    expect(soldOut.headers.get("Location")).toBe("/cart");
    let view = await json(await call(cart.loader, b.get("/cart"), {}, b));
    expect(view.notice).toMatchObject({ intent: "add", error: "cart.soldOut", productId: gone });
    expect(view.lines).toEqual([]);

    const trimmed = await call(
      cart.action,
      b.post("/cart", { intent: "add", productId: lastUnits, quantity: 5 }),
      {},
      b,
    );
    expect(trimmed.status).toBe(302);
    view = await json(await call(cart.loader, b.get("/cart"), {}, b));
    expect(view.notice).toEqual({
      intent: "add",
      productId: lastUnits,
      trimmed: true,
      quantity: 2,
    });

    const outOfRange = await call(
      cart.action,
      b.post("/cart", { intent: "add", productId: milk, quantity: 0 }),
      {},
      b,
    );
    expect(outOfRange.status).toBe(302);
    view = await json(await call(cart.loader, b.get("/cart"), {}, b));
    expect(view.notice).toMatchObject({ error: "cart.quantityRange", productId: milk });
  });

  it("reads a quantity only as decimal digits (0x10 is not 16, 1e1 is not 10)", async () => {
    const b = new Browser();
    for (const quantity of ["0x10", "1e1", "0b11", " "]) {
      const response = await call(
        cart.action,
        b.post("/cart", { intent: "add", productId: milk, quantity, stay: "1" }),
        {},
        b,
      );
      expect(response.status, quantity).toBe(400);
      expect(await json(response), quantity).toMatchObject({ error: "cart.quantityRange" });
    }
    const view = await json(await call(cart.loader, b.get("/cart"), {}, b));
    expect(view.lines).toEqual([]);
  });

  it("refuses control characters in names and addresses, with the text kept without them", async () => {
    const b = new Browser();
    await call(
      cart.action,
      b.post("/cart", { intent: "add", productId: milk, quantity: 1 }),
      {},
      b,
    );
    const db = await getDb();
    const orders = async () =>
      (
        await db
          .selectFrom("orders")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n;
    const before = await orders();
    const response = await call(
      checkout.action,
      b.post("/checkout", {
        ...shopperForm,
        contactName: "王小明\u0000",
        street: "软件大道\r\n101 号",
        note: "\u007f请放门口",
      }),
      {},
      b,
    );
    expect(response.status).toBe(400);
    const data = await json(response);
    expect(data.errors).toEqual({
      contactName: "security.controlCharacters",
      street: "security.controlCharacters",
      note: "security.controlCharacters",
    });
    expect(data.values).toMatchObject({
      contactName: "王小明",
      street: "软件大道101 号",
      note: "请放门口",
    });
    expect(await orders()).toBe(before);
  });

  it("answers a broken multipart body with 400, not 500", async () => {
    const b = new Browser();
    for (const [handler, path] of [
      [cart.action, "/cart"],
      [checkout.action, "/checkout"],
      [lookup.action, "/orders/lookup"],
      [language.action, "/language"],
    ] as const) {
      const request = new Request(new URL(path, BASE), {
        method: "POST",
        body: '--x\r\nContent-Disposition: form-data; name="intent"\r\n\r\nadd',
        headers: {
          Cookie: b.header(),
          Origin: BASE,
          "Content-Type": "multipart/form-data; boundary=x",
        },
      });
      const response = await call(handler, request, {}, b);
      expect(response.status, path).toBe(400);
    }
  });

  it("keeps what was typed and names the field when checkout input is wrong", async () => {
    const b = new Browser();
    await call(
      cart.action,
      b.post("/cart", { intent: "add", productId: milk, quantity: 1 }),
      {},
      b,
    );
    const response = await call(
      checkout.action,
      b.post("/checkout", { ...shopperForm, phone: "12345", street: "" }),
      {},
      b,
    );
    expect(response.status).toBe(400);
    const data = await json(response);
    expect(data.errors).toMatchObject({
      phone: "checkout.errors.phone",
      street: "checkout.errors.street",
    });
    expect(data.values).toMatchObject({ contactName: "王小明", phone: "12345" });
    const db = await getDb();
    expect(
      await db.selectFrom("orders").select("id").where("phone", "=", "12345").execute(),
    ).toEqual([]);
  });

  it("places the order, pays on the demo page and shows it only to its owner", async () => {
    const b = new Browser();
    await call(cart.action, b.post("/cart", { intent: "add", productId: yak, quantity: 1 }), {}, b);
    await call(
      cart.action,
      b.post("/cart", { intent: "add", productId: milk, quantity: 2 }),
      {},
      b,
    );
    const placed = await call(checkout.action, b.post("/checkout", shopperForm), {}, b);
    expect(placed.status).toBe(302);
    const location = new URL(placed.headers.get("Location") ?? "", "http://x");
    const number = location.pathname.split("/").pop()!;
    expect(location.pathname).toMatch(/^\/pay\/demo\/SH-\d{8}-\w{4}$/);
    const token = location.searchParams.get("t")!;
    expect(token.length).toBeGreaterThan(20);

    const payPage = await json(await call(pay.loader, b.get(location.pathname), { number }, b));
    // chilled yak under ¥199 pays the cold-chain fee; ¥31.60 of milk pays the ambient fee
    expect(payPage).toMatchObject({
      status: "pending_payment",
      totalFen: 12800 + 2 * 1580 + COLD_CHAIN_FEE_FEN + AMBIENT_FEE_FEN,
    });

    // someone else, without the link or the cookie, sees nothing of the order: only how to
    // reach it (lookup, sign in), the same as for a number that does not exist
    const stranger = new Browser();
    for (const path of [`/orders/${number}`, `/orders/${number}?t=wrong`]) {
      const locked = await call(orderPage.loader, stranger.get(path), { number });
      expect(locked.status).toBe(403);
      expect(await json(locked)).toEqual({ locked: { number } });
    }
    const missing = "SH-20200101-ABCD";
    const none = await call(orderPage.loader, stranger.get(`/orders/${missing}`), {
      number: missing,
    });
    expect(await json(none)).toEqual({ locked: { number: missing } });
    expect(
      (
        await call(pay.action, stranger.post(`/pay/demo/${number}`, { choice: "succeeded" }), {
          number,
        })
      ).status,
    ).toBe(404);

    const paid = await call(
      pay.action,
      b.post(`/pay/demo/${number}`, { choice: "succeeded" }),
      { number },
      b,
    );
    expect(paid.headers.get("Location")).toBe(`/orders/${number}`);
    const view = await json(
      await call(orderPage.loader, b.get(`/orders/${number}`), { number }, b),
    );
    expect(view.order).toMatchObject({
      status: "paid",
      aidEligibleFen: 12800 + 2 * 1580,
      phoneMasked: "138****5678",
    });

    // the link alone is enough from another device
    const phone = new Browser();
    const byLink = await call(
      orderPage.loader,
      phone.get(`/orders/${number}?t=${token}`),
      { number },
      phone,
    );
    expect(byLink.status).toBe(200);

    // paying again changes nothing
    const again = await call(
      pay.action,
      b.post(`/pay/demo/${number}`, { choice: "succeeded" }),
      { number },
      b,
    );
    expect(again.status).toBe(409);
  });

  it("says clearly when an item sold out between cart and checkout, keeping the cart", async () => {
    const db = await getDb();
    const b = new Browser();
    const p = await createProduct(db, {
      cooperativeId: (await db.selectFrom("cooperatives").select("id").executeTakeFirstOrThrow())
        .id,
      nameZh: "抢光了",
      stock: 3,
    });
    await call(cart.action, b.post("/cart", { intent: "add", productId: p, quantity: 2 }), {}, b);
    await db.updateTable("products").set({ stock: 0 }).where("id", "=", p).execute();
    const response = await call(checkout.action, b.post("/checkout", shopperForm), {}, b);
    expect(response.status).toBe(409);
    expect(await json(response)).toMatchObject({
      formError: "checkout.soldOut",
      // the form toolkit's reply: a whole-form message's parameters sit under _form
      params: { _form: { name: "抢光了" } },
      values: { contactName: "王小明" },
    });
    const view = await json(await call(cart.loader, b.get("/cart"), {}, b));
    expect(view.lines).toMatchObject([{ name: "抢光了", quantity: 2, problem: "sold_out" }]);
  });

  it("sends an empty checkout back to the cart", async () => {
    const b = new Browser();
    const response = await call(checkout.loader, b.get("/checkout"));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/cart");
  });
});

describe("guest lookup and language", () => {
  it("finds an order by number and phone, and only then", async () => {
    const b = new Browser();
    await call(
      cart.action,
      b.post("/cart", { intent: "add", productId: milk, quantity: 1 }),
      {},
      b,
    );
    const placed = await call(
      checkout.action,
      b.post("/checkout", { ...shopperForm, phone: "13900001111" }),
      {},
      b,
    );
    const number = new URL(placed.headers.get("Location")!, "http://x").pathname.split("/").pop()!;

    const other = new Browser();
    const wrong = await call(
      lookup.action,
      other.post("/orders/lookup", { number, phone: "13900002222" }),
      {},
      other,
    );
    expect(wrong.status).toBe(404);
    expect(await json(wrong)).toMatchObject({ notFound: true, values: { number } });
    const bad = await call(
      lookup.action,
      other.post("/orders/lookup", { number: "nonsense", phone: "1" }),
      {},
      other,
    );
    expect(bad.status).toBe(400);
    expect((await json(bad)).errors).toMatchObject({
      number: "lookup.errors.number",
      phone: "checkout.errors.phone",
    });

    const found = await call(
      lookup.action,
      other.post("/orders/lookup", { number: number.toLowerCase(), phone: "139 0000 1111" }),
      {},
      other,
    );
    expect(found.headers.get("Location")).toBe(`/orders/${number}`);
    expect(
      (await call(orderPage.loader, other.get(`/orders/${number}`), { number }, other)).status,
    ).toBe(200);
  });

  it("stops guessing phones against an order number after a few tries", async () => {
    const b = new Browser();
    await call(
      cart.action,
      b.post("/cart", { intent: "add", productId: milk, quantity: 1 }),
      {},
      b,
    );
    const placed = await call(
      checkout.action,
      b.post("/checkout", { ...shopperForm, phone: "13700001234" }),
      {},
      b,
    );
    const number = new URL(placed.headers.get("Location")!, "http://x").pathname.split("/").pop()!;
    const guesser = new Browser();
    for (let i = 0; i < 5; i++) {
      const wrong = await call(
        lookup.action,
        guesser.post("/orders/lookup", { number, phone: `1370000000${i}` }),
        {},
        guesser,
      );
      expect(wrong.status).toBe(404);
    }
    // even the right phone is refused now, with a clear message and the input kept
    const locked = await call(
      lookup.action,
      guesser.post("/orders/lookup", { number, phone: "13700001234" }),
      {},
      guesser,
    );
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ locked: { minutes: 15 }, values: { number } });
  });

  it("switches language with a cookie and only redirects within the site", async () => {
    const b = new Browser();
    const response = await call(
      language.action,
      b.post("/language", { lng: "en", redirectTo: "//evil.example/x" }),
      {},
      b,
    );
    expect(response.headers.get("Location")).toBe("/");
    expect(b.cookies.get("shanhai_lng")).toBeDefined();
    const data = await json(await call(product.loader, b.get("/products/yak"), { slug: "yak" }, b));
    expect((data.product as { name: string }).name).toBe("Yak shank");
  });
});

describe("cross-site requests", () => {
  it("refuses a POST from another origin", async () => {
    const b = new Browser();
    const request = b.post(
      "/cart",
      { intent: "add", productId: yak, quantity: 1 },
      { Origin: "https://evil.example" },
    );
    expect((await call(cart.action, request)).status).toBe(403);
    const checkoutRequest = b.post("/checkout", shopperForm, { Origin: "null" });
    expect((await call(checkout.action, checkoutRequest)).status).toBe(403);
  });
});
