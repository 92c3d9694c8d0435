// Route tests for the product page's shopper pieces: what the shared (anonymous) page and a
// signed-in shopper's page carry, the favourite toggle and list, and buy-now.
import { beforeAll, describe, expect, it } from "vitest";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createUserWithSession } from "#tests/factories/users";
import { Browser, call } from "#tests/http";
import { getDb } from "~/utils/db.server";
import { sessionCookie } from "~/utils/session.server";
import * as favourites from "./account.favourites";
import * as cart from "./cart/route";
import * as product from "./products.$slug/route";

let yak: number;
let coops: { datong: number; huangzhong: number };

beforeAll(async () => {
  const db = await getDb();
  coops = await createBasicCatalog(db);
  yak = await createProduct(db, {
    cooperativeId: coops.datong,
    slug: "yak-page",
    category: "meat",
    stock: 3,
  });
  await createProduct(db, { cooperativeId: coops.datong, slug: "yak-related", category: "meat" });
  await db.updateTable("products").set({ units_sold: 57 }).where("id", "=", yak).execute();
});

async function signedIn() {
  const { token } = await createUserWithSession(await getDb(), { role: "shopper" });
  const pair = (await sessionCookie().serialize(token)).split(";")[0]!;
  const b = new Browser();
  b.cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
  return b;
}

type PageData = {
  product: { id: number; stock: number };
  gallery: Array<{ url: string }>;
  sold: number;
  related: Array<{ slug: string }>;
  favourite: boolean | null;
};
const pageOf = async (b: Browser) => {
  const response = await call(product.loader, b.get("/products/yak-page"), { slug: "yak-page" });
  return { response, data: (await response.json()) as PageData };
};

describe("the product page", () => {
  it("gives every anonymous visitor the same shareable page: buckets, no personal state", async () => {
    const { response, data } = await pageOf(new Browser());
    expect(response.headers.get("Cache-Control")).toMatch(/^public/);
    expect(data.favourite).toBeNull();
    expect(data.sold).toBe(50); // 57 sold shows as 50+
    expect(data.product.stock).toBe(3); // low: the exact count
    expect(data.gallery).toHaveLength(1);
    expect(data.related.map((r) => r.slug)).toEqual(["yak-related"]);
    expect(JSON.stringify(data)).not.toContain("57");
  });

  it("tells a signed-in shopper whether it is a favourite, privately; the toggle goes both ways", async () => {
    const shopper = await signedIn();
    const before = await pageOf(shopper);
    expect(before.data.favourite).toBe(false);
    expect(before.response.headers.get("Cache-Control")).toBe("private, no-store");

    const save = await call(
      favourites.action,
      shopper.post("/account/favourites", {
        productId: yak,
        favourite: "1",
        redirectTo: "/products/yak-page",
      }),
    );
    expect(save.status).toBe(302);
    expect(save.headers.get("Location")).toBe("/products/yak-page");
    expect((await pageOf(shopper)).data.favourite).toBe(true);

    const list = await call(favourites.loader, shopper.get("/account/favourites"));
    const listed = (await list.json()) as { favourites: Array<{ id: number }> };
    expect(listed.favourites.map((f) => f.id)).toEqual([yak]);

    const remove = await call(
      favourites.action,
      shopper.post("/account/favourites", { productId: yak, favourite: "0" }),
    );
    expect(remove.headers.get("Location")).toBe("/account/favourites?removed=1");
    expect((await pageOf(shopper)).data.favourite).toBe(false);
  });

  it("sends anonymous visitors to log in, refuses another site's post and bad input", async () => {
    const anonymous = await call(favourites.loader, new Browser().get("/account/favourites"));
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const shopper = await signedIn();
    const evil = await call(
      favourites.action,
      shopper.post(
        "/account/favourites",
        { productId: yak, favourite: "1" },
        { Origin: "https://evil.example" },
      ),
    );
    expect(evil.status).toBe(403);
    const bad = await call(
      favourites.action,
      shopper.post("/account/favourites", { productId: "x", favourite: "1" }),
    );
    expect(bad.status).toBe(400);
    const gone = await call(
      favourites.action,
      shopper.post("/account/favourites", { productId: 999_999, favourite: "1" }),
    );
    expect(gone.status).toBe(404);
    // an off-site redirectTo falls back to the list
    const offsite = await call(
      favourites.action,
      shopper.post("/account/favourites", {
        productId: yak,
        favourite: "1",
        redirectTo: "//evil.example/",
      }),
    );
    expect(offsite.headers.get("Location")).toBe("/account/favourites");
  });
});

describe("buy now", () => {
  it("adds the item and goes straight to checkout, with or without JavaScript", async () => {
    for (const stay of [{}, { stay: "1" }] as Array<Record<string, string>>) {
      const b = new Browser();
      const response = await call(
        cart.action,
        b.post("/cart", { intent: "add", productId: yak, quantity: 2, then: "checkout", ...stay }),
        {},
        b,
      );
      expect(response.status).toBe(302);
      expect(response.headers.get("Location")).toBe("/checkout");
      const lines = (await (await call(cart.loader, b.get("/cart"))).json()) as {
        lines: Array<{ productId: number; quantity: number }>;
      };
      expect(lines.lines).toEqual([expect.objectContaining({ productId: yak, quantity: 2 })]);
    }
  });

  it("a refused buy-now stays where the shopper can read why", async () => {
    const b = new Browser();
    const response = await call(
      cart.action,
      b.post("/cart", { intent: "add", productId: yak, quantity: 0, then: "checkout" }),
    );
    expect(response.headers.get("Location")).toBe("/cart");
  });
});
