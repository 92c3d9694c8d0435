// Reviews from real buyers, in a real browser: the demo shopper buys yak shank, the parcel
// is delivered, they review it from the order page (stars, words, a photo) and see it on
// the product page under a masked name; the yak cooperative replies once; the aid officer
// hides it with a reason and it leaves the product page. With BUYER_REVIEW_SHOTS=<dir>,
// each page is also photographed at 390 px in both languages.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import {
  expectVisible,
  fillCheckout,
  placeAndPayWithDemo,
  postToCart,
  signIn,
  storeWithPeople,
  submitAndWait,
  waitForHydration,
  writeDb,
} from "./helpers";

const SHOPPER = { login: "13800000000", password: "shanhai-shop-2026" };
const YAK = { login: "yak@shanhai.demo", password: "shanhai-coop-2026" };
const OFFICER = { login: "aid@shanhai.demo", password: "shanhai-aid-2026" };
const PRODUCT = "/products/yak-shank";
const REVIEW = "炖了一锅萝卜牦牛肉，肉质紧实，冷链送到还是冰的。";
const REPLY = "谢谢您的支持！牧民们看到您的评价很开心。";
const SHOTS = process.env.BUYER_REVIEW_SHOTS;

describe("buyer reviews", () => {
  const store = storeWithPeople(["shopper", "yak", "officer"] as const);
  const { pages, url } = store;
  let orderNumber = "";

  async function language(page: Page, lng: "en" | "zh-CN") {
    const response = await page.request.post(url("/language"), {
      form: { lng, redirectTo: "/" },
      headers: { Origin: store.server.baseUrl },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
  }

  /** Photographs a page at 390 px in both languages when BUYER_REVIEW_SHOTS is set. */
  async function shoot(page: Page, pagePath: string, name: string) {
    if (!SHOTS) return;
    fs.mkdirSync(SHOTS, { recursive: true });
    const size = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const lng of ["zh-CN", "en"] as const) {
        await language(page, lng);
        await page.goto(url(pagePath));
        await page.screenshot({ path: path.join(SHOTS, `${name}-${lng}.png`), fullPage: true });
      }
    } finally {
      await language(page, "zh-CN");
      if (size) await page.setViewportSize(size);
      await page.goto(url(pagePath));
    }
  }

  it("the shopper buys yak shank and the parcel is delivered", async () => {
    const page = pages.shopper;
    await signIn(page, store.server.baseUrl, SHOPPER);
    await page.goto(url(PRODUCT));
    await waitForHydration(page, true);
    await postToCart(
      page,
      page.locator("form.add-to-cart").getByRole("button", { name: "加入购物车" }),
    );
    await page.goto(url("/checkout"));
    await waitForHydration(page, true);
    await fillCheckout(page);
    orderNumber = await placeAndPayWithDemo(page);
    // no review link before the parcel arrives
    expect(await page.getByTestId("order-reviews").count()).toBe(0);
    // the carrier's confirmation: the portal has no "delivered" step of its own yet
    writeDb(store.server.dbFile, (db) =>
      db
        .prepare(
          `update shipments set status = 'delivered', carrier = 'sf', tracking_number = 'SF1234567890',
             shipped_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
           where order_id = (select id from orders where number = ?)`,
        )
        .run(orderNumber),
    );
  });

  it("reviews it from the order page with stars, words and a photo", async () => {
    const page = pages.shopper;
    await page.goto(url(`/orders/${orderNumber}`));
    await waitForHydration(page, true);
    const section = page.getByTestId("order-reviews");
    await submitAndWait(
      page,
      section.getByRole("link", { name: /评价/ }),
      /\/account\/reviews\/\d+$/,
    );
    await shoot(page, new URL(page.url()).pathname, "review-form");
    await waitForHydration(page, true);
    // a mistake first: no stars; the words typed stay
    await page.getByLabel("评价内容").fill(REVIEW);
    await page.getByRole("button", { name: "提交评价" }).click();
    await expectVisible(page.getByText("请选择 1 到 5 星。"));
    expect(await page.getByLabel("评价内容").inputValue()).toBe(REVIEW);

    const photo = await sharp({
      create: { width: 800, height: 600, channels: 3, background: "#b5651d" },
    })
      .jpeg()
      .toBuffer();
    await page.getByRole("radio", { name: /非常好/ }).check();
    await page
      .getByLabel(/晒图/)
      .setInputFiles({ name: "yak.jpg", mimeType: "image/jpeg", buffer: photo });
    await submitAndWait(page, page.getByRole("button", { name: "提交评价" }), /done=reviewed/);
    await expectVisible(page.getByText("谢谢您的评价！"));
    await expectVisible(page.getByTestId("my-reviews").getByText(REVIEW));
    await shoot(page, "/account/reviews", "account-reviews");
  });

  it("shows it on the product page under a masked name, with the average", async () => {
    const page = pages.shopper;
    await page.goto(url(PRODUCT));
    const section = page.getByTestId("buyer-reviews");
    const review = section.getByTestId("buyer-review").filter({ hasText: REVIEW });
    await expectVisible(review);
    expect(await review.innerText()).toContain("南**");
    expect(await review.innerText()).not.toContain("王小明");
    expect(await review.locator("img").count()).toBe(1);
    await expectVisible(section.getByTestId("rating-summary"));
    expect(await section.getByTestId("rating-summary").innerText()).toMatch(
      /\d\.\d 分 · \d+ 条评价/,
    );
    // the cooperative's page shows the average on the product's card
    await page.goto(url("/cooperatives/shuobei-yak-coop"));
    const card = page.getByTestId("product-card").filter({ hasText: "大通牦牛腱子" });
    await expectVisible(card.getByTestId("rating-summary"));
    expect(await card.getByTestId("rating-summary").innerText()).toMatch(/5\.0 分 · 1 条评价/);
    await shoot(page, "/cooperatives/shuobei-yak-coop", "cards");
    // the order page now says it is reviewed
    await page.goto(url(`/orders/${orderNumber}`));
    await expectVisible(page.getByTestId("order-reviews").getByText("已评价"));
  });

  it("the yak cooperative replies once, under the review", async () => {
    const page = pages.yak;
    await signIn(page, store.server.baseUrl, YAK);
    await page.goto(url("/coop/shuobei-yak-coop"));
    await submitAndWait(page, page.getByRole("link", { name: "买家评价" }), /\/reviews/);
    await waitForHydration(page, true);
    const item = page.getByTestId("coop-review").filter({ hasText: REVIEW });
    await item.getByLabel("回复").fill(REPLY);
    await submitAndWait(page, item.getByRole("button", { name: "发布回复" }), /done=replied/);
    await shoot(page, "/coop/shuobei-yak-coop/reviews?show=all", "coop-reviews");
    await page.goto(url("/coop/shuobei-yak-coop/reviews?show=all"));
    const replied = page.getByTestId("coop-review").filter({ hasText: REVIEW });
    await expectVisible(replied.getByText(REPLY));
    expect(await replied.getByRole("button", { name: "发布回复" }).count()).toBe(0);

    await pages.shopper.goto(url(PRODUCT));
    const review = pages.shopper.getByTestId("buyer-review").filter({ hasText: REVIEW });
    await expectVisible(review.getByTestId("buyer-review-reply").getByText(REPLY));
    await shoot(pages.shopper, PRODUCT, "product-reviews");
  });

  it("the aid officer hides it with a reason; it leaves the product page, the record stays", async () => {
    const page = pages.officer;
    await signIn(page, store.server.baseUrl, OFFICER);
    await page.goto(url("/aid"));
    await submitAndWait(
      page,
      page.getByRole("link", { name: "买家评价管理" }),
      /\/aid\/buyer-reviews/,
    );
    await shoot(page, "/aid/buyer-reviews", "office-reviews");
    await waitForHydration(page, true);
    const item = page.getByTestId("office-review").filter({ hasText: REVIEW });
    await item.getByLabel("隐藏原因").fill("演示：含有与商品无关的内容");
    await submitAndWait(page, item.getByRole("button", { name: "隐藏评价" }), /done=hidden/);
    await page.goto(url("/aid/buyer-reviews?show=hidden"));
    const record = page.getByTestId("office-review").filter({ hasText: REVIEW });
    await expectVisible(record.getByTestId("hidden-record"));
    expect(await record.getByTestId("hidden-record").innerText()).toContain(
      "演示：含有与商品无关的内容",
    );

    await pages.shopper.goto(url(PRODUCT));
    await expectVisible(pages.shopper.getByTestId("buyer-reviews"));
    expect(await pages.shopper.getByText(REVIEW).count()).toBe(0);
    // the buyer still sees their own review, marked hidden
    await pages.shopper.goto(url("/account/reviews"));
    await expectVisible(pages.shopper.getByText("此评价已被帮扶办隐藏"));
  });
});
