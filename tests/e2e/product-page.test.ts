// The product page in a real browser: a manager uploads two pictures and reorders them, a
// shopper flips through the gallery, saves the product to favourites after signing in
// (and finds it in /account/favourites), then buys it now, straight to checkout, with
// and without JavaScript.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { openBrowser } from "./browser";
import {
  expectVisible,
  readDb,
  signIn,
  storeWithPeople,
  submitAndWait,
  waitForHydration,
} from "./helpers";

const SLUG = "yak-shank";

const picture = (background: string) =>
  sharp({ create: { width: 1200, height: 900, channels: 3, background } })
    .png()
    .toBuffer();

describe("the product page", () => {
  const store = storeWithPeople(["manager", "shopper"] as const);
  const { pages, url } = store;
  const state = { coopPath: "", keys: [] as string[] };

  it("the manager uploads two pictures at once and moves the second to the front", async () => {
    const page = pages.manager;
    const product = readDb(store.server.dbFile, (db) =>
      db
        .prepare(
          `select p.id, c.slug from products p join cooperatives c on c.id = p.cooperative_id
           where p.slug = ?`,
        )
        .get(SLUG),
    ) as { id: number; slug: string };
    const manager = readDb(store.server.dbFile, (db) =>
      db
        .prepare(
          `select u.email from users u join cooperative_managers m on m.user_id = u.id
           where m.cooperative_id = (select cooperative_id from products where slug = ?)`,
        )
        .get(SLUG),
    ) as { email: string };
    await signIn(page, store.server.baseUrl, {
      login: manager.email,
      password: "shanhai-coop-2026",
    });
    state.coopPath = `/coop/${product.slug}/products/${product.id}`;
    await page.goto(url(state.coopPath));
    await waitForHydration(page, true);
    await page.locator('input[type="file"][name="image"]').setInputFiles([
      { name: "gold.png", mimeType: "image/png", buffer: await picture("#d9a425") },
      { name: "sky.png", mimeType: "image/png", buffer: await picture("#2563a8") },
    ]);
    await page.locator("#field-alt").fill("腱子肉切面");
    await submitAndWait(
      page,
      page.getByRole("button", { name: "上传图片" }),
      (u) => u.searchParams.get("done") === "image",
    );
    await expectVisible(page.getByTestId("gallery-list").getByRole("listitem").nth(1));
    const keys = () =>
      (
        readDb(store.server.dbFile, (db) =>
          db
            .prepare(
              `select key from product_images where product_id = ? and position is not null
               order by position`,
            )
            .all(product.id),
        ) as Array<{ key: string }>
      ).map((r) => r.key);
    const [first, second] = keys();
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "把第 2 张前移" }).click(),
    ]);
    await page.waitForLoadState("networkidle");
    expect(keys()).toEqual([second, first]);
    state.keys = [second!, first!];
  });

  it("the shopper sees both pictures and the thumbnails switch between them", async () => {
    const page = pages.shopper;
    await page.goto(url(`/products/${SLUG}`));
    await waitForHydration(page, true);
    const main = page.getByTestId("gallery-main").locator("img");
    expect(await main.count()).toBe(2);
    expect(await main.first().getAttribute("src")).toContain(state.keys[0]);
    const thumbs = page.getByTestId("gallery-thumb");
    expect(await thumbs.count()).toBe(2);
    await thumbs.nth(1).click();
    await page.waitForFunction(
      () => (document.querySelector(".gallery__strip")?.scrollLeft ?? 0) > 100,
    );
    await expectVisible(page.getByRole("button", { name: "立即购买" }));
  });

  it("saving a favourite asks to sign in, comes back, and lists it in the account", async () => {
    const page = pages.shopper;
    await submitAndWait(page, page.getByTestId("favourite-login"), /\/login\?redirectTo=/);
    await waitForHydration(page, true);
    await page.locator("#field-login").fill("13800000000");
    await page.locator("#field-password").fill("shanhai-shop-2026");
    await submitAndWait(
      page,
      page.getByRole("button", { name: "登录" }),
      (u) => u.pathname === `/products/${SLUG}`,
    );
    const toggle = page.getByTestId("favourite-toggle");
    await expectVisible(toggle);
    expect(await toggle.getAttribute("aria-pressed")).toBe("false");
    await toggle.click();
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="favourite-toggle"]')?.getAttribute("aria-pressed") ===
        "true",
    );
    await page.goto(url("/account"));
    await submitAndWait(
      page,
      page.getByRole("link", { name: "我的收藏" }),
      (u) => u.pathname === "/account/favourites",
    );
    await expectVisible(
      page.getByTestId("favourites").getByRole("heading", { name: "大通牦牛腱子" }),
    );
  });

  it("buy now puts the item in the cart and opens checkout", async () => {
    const page = pages.shopper;
    await page.goto(url(`/products/${SLUG}`));
    await waitForHydration(page, true);
    await submitAndWait(
      page,
      page.getByRole("button", { name: "立即购买" }),
      (u) => u.pathname === "/checkout",
    );
    await expectVisible(page.getByText("大通牦牛腱子").first());
  });

  it("without JavaScript, buy now and the thumbnails still work", async () => {
    const browser = await openBrowser({ javaScriptEnabled: false });
    try {
      const page = await browser.context.newPage();
      await page.goto(url(`/products/${SLUG}`));
      await page.getByTestId("gallery-thumb").nth(1).click();
      expect(new URL(page.url()).hash).toBe("#picture-2");
      await submitAndWait(
        page,
        page.getByRole("button", { name: "立即购买" }),
        (u) => u.pathname === "/checkout",
      );
      await expectVisible(page.getByText("大通牦牛腱子").first());
    } finally {
      await browser.close();
    }
  });
});
