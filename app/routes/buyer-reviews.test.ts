// Route tests for buyer reviews: the buyer's form and lists, the order page's links, the
// product pages, the cooperative's replies and the office's hiding, called as a browser would.
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { createDeliveredOrder } from "#tests/factories/buyer-reviews";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createUserWithSession } from "#tests/factories/users";
import { BASE, Browser, call } from "#tests/http";
import { getDb } from "~/utils/db.server";
import { sessionCookie } from "~/utils/session.server";
import * as account from "./account._index/route";
import * as form from "./account.reviews.$line/route";
import * as mine from "./account.reviews._index";
import * as moderation from "./aid.buyer-reviews";
import * as coopReviews from "./coop.$coop.reviews";
import * as orderPage from "./orders.$number/route";
import * as productPage from "./products.$slug/route";
import * as allReviews from "./products.$slug_.reviews";

const ids = { coopA: "", coopB: "", lineA: 0, lineB: 0, order: "", slug: "" };
const browsers = {} as Record<"buyer" | "stranger" | "managerA" | "managerB" | "officer", Browser>;

async function signedIn(options: Parameters<typeof createUserWithSession>[1]) {
  const session = await createUserWithSession(await getDb(), options);
  const pair = (await sessionCookie().serialize(session.token)).split(";")[0]!;
  const b = new Browser();
  b.cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
  return { browser: b, userId: session.userId };
}

beforeAll(async () => {
  const db = await getDb();
  const coops = await createBasicCatalog(db);
  const slugs = await db.selectFrom("cooperatives").select(["id", "slug"]).execute();
  ids.coopA = slugs.find((c) => c.id === coops.datong)!.slug;
  ids.coopB = slugs.find((c) => c.id === coops.huangzhong)!.slug;
  const productA = await createProduct(db, {
    cooperativeId: coops.datong,
    slug: "review-yak",
    stock: 50,
  });
  const productB = await createProduct(db, { cooperativeId: coops.huangzhong, stock: 50 });
  ids.slug = "review-yak";
  const buyer = await signedIn({ role: "shopper", name: "王小明" });
  browsers.buyer = buyer.browser;
  browsers.stranger = (await signedIn({ role: "shopper" })).browser;
  browsers.managerA = (
    await signedIn({ role: "coop_manager", cooperativeIds: [coops.datong] })
  ).browser;
  browsers.managerB = (
    await signedIn({ role: "coop_manager", cooperativeIds: [coops.huangzhong] })
  ).browser;
  browsers.officer = (await signedIn({ role: "aid_officer", name: "帮扶办 陈立" })).browser;
  const order = await createDeliveredOrder(
    db,
    [
      { productId: productA, quantity: 1 },
      { productId: productB, quantity: 1 },
    ],
    { userId: buyer.userId },
  );
  ids.order = order.number;
  ids.lineA = order.lines.find((l) => l.product_id === productA)!.id;
  ids.lineB = order.lines.find((l) => l.product_id === productB)!.id;
});

const data = async (response: Response) => (await response.json()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function multipart(b: Browser, path: string, fields: Record<string, string>, files: File[] = []) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(k, v);
  for (const file of files) body.append("pictures", file);
  return new Request(new URL(path, BASE), {
    method: "POST",
    body,
    headers: { Cookie: b.header(), Origin: BASE, Host: new URL(BASE).host },
  });
}

const formPath = (line: number) => `/account/reviews/${line}`;

describe("the buyer's review form", () => {
  it("is the buyer's alone: a stranger gets 404, a visitor is sent to log in", async () => {
    const params = { line: String(ids.lineA) };
    expect((await call(form.loader, browsers.buyer.get(formPath(ids.lineA)), params)).status).toBe(
      200,
    );
    expect(
      (await call(form.loader, browsers.stranger.get(formPath(ids.lineA)), params)).status,
    ).toBe(404);
    const anonymous = await call(form.loader, new Browser().get(formPath(ids.lineA)), params);
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
    const post = await call(
      form.action,
      multipart(browsers.stranger, formPath(ids.lineA), { rating: "1", body: "不是我买的东西" }),
      params,
    );
    expect(post.status).toBe(404);
    expect(
      (await call(form.loader, browsers.buyer.get("/account/reviews/abc"), { line: "abc" })).status,
    ).toBe(404);
  });

  it("keeps what was typed when the stars are missing", async () => {
    const response = await call(
      form.action,
      multipart(browsers.buyer, formPath(ids.lineA), { body: "牦牛肉很新鲜" }),
      { line: String(ids.lineA) },
    );
    expect(response.status).toBe(400);
    const reply = await data(response);
    expect(reply.errors.rating).toBe("buyerReviews.errors.rating");
    expect(reply.values.body).toBe("牦牛肉很新鲜");
  });

  it("takes a review with a picture once, then says it is already reviewed", async () => {
    const picture = await sharp({
      create: { width: 640, height: 480, channels: 3, background: "#c84" },
    })
      .png()
      .toBuffer();
    const params = { line: String(ids.lineA) };
    const response = await call(
      form.action,
      multipart(
        browsers.buyer,
        formPath(ids.lineA),
        { rating: "4", body: "牦牛肉很新鲜，炖汤很香。" },
        [new File([new Uint8Array(picture)], "yak.png", { type: "image/png" })],
      ),
      params,
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/account/reviews?done=reviewed");
    const again = await call(
      form.action,
      multipart(browsers.buyer, formPath(ids.lineA), { rating: "5", body: "再评一次试试" }),
      params,
    );
    expect(again.status).toBe(409);
    expect((await data(again)).formError).toBe("buyerReviews.errors.already");
    const page = await data(
      await call(form.loader, browsers.buyer.get(formPath(ids.lineA)), params),
    );
    expect(page.refusal).toBe("buyerReviews.errors.already");
  });

  it("lists what waits for a review and what the buyer wrote", async () => {
    const lists = await data(await call(mine.loader, browsers.buyer.get("/account/reviews")));
    expect(lists.waiting.map((l: { lineId: number }) => l.lineId)).toEqual([ids.lineB]);
    expect(lists.mine[0]).toMatchObject({ rating: 4, hidden: false });
    expect(lists.mine[0].pictures).toHaveLength(1);
    const home = await data(await call(account.loader, browsers.buyer.get("/account")));
    expect(home.reviewsWaiting).toBe(1);
    const stranger = await data(await call(mine.loader, browsers.stranger.get("/account/reviews")));
    expect(stranger).toMatchObject({ waiting: [], mine: [] });
  });

  it("shows the order's buyer a link per delivered line, and no one else", async () => {
    const path = `/orders/${ids.order}`;
    const own = await data(
      await call(orderPage.loader, browsers.buyer.get(path), { number: ids.order }),
    );
    expect(own.reviewLines).toEqual([
      expect.objectContaining({ lineId: ids.lineA, rating: 4 }),
      expect.objectContaining({ lineId: ids.lineB, rating: null }),
    ]);
    // a stranger gets the "how to reach this order" page: nothing of the order, no links
    const other = await call(orderPage.loader, browsers.stranger.get(path), { number: ids.order });
    expect(other.status).toBe(403);
    expect(await other.json()).toEqual({ locked: { number: ids.order } });
  });
});

describe("the product pages", () => {
  it("show the average, the count and the review with the name masked", async () => {
    const page = await data(
      await call(productPage.loader, new Browser().get(`/products/${ids.slug}`), {
        slug: ids.slug,
      }),
    );
    expect(page.buyerReviews).toMatchObject({ count: 1, average: 4 });
    expect(page.buyerReviews.reviews[0]).toMatchObject({ reviewer: "王**", rating: 4 });
    expect(JSON.stringify(page.buyerReviews)).not.toContain("王小明");
    const all = await call(
      allReviews.loader,
      new Browser().get(`/products/${ids.slug}/reviews?page=x`),
      {
        slug: ids.slug,
      },
    );
    expect(all.status).toBe(200);
    expect((await data(all)).reviews.count).toBe(1);
    const missing = await call(allReviews.loader, new Browser().get("/products/nope/reviews"), {
      slug: "nope",
    });
    expect(missing.status).toBe(404);
  });
});

describe("the cooperative's reply and the office's hiding", () => {
  const reviewId = async () =>
    (await getDb())
      .selectFrom("buyer_reviews")
      .select("id")
      .where("order_line_id", "=", ids.lineA)
      .executeTakeFirstOrThrow()
      .then((r) => String(r.id));

  it("lets only the selling cooperative see and reply, once", async () => {
    const id = await reviewId();
    const listB = await data(
      await call(coopReviews.loader, browsers.managerB.get(`/coop/${ids.coopB}/reviews`), {
        coop: ids.coopB,
      }),
    );
    expect(listB.reviews).toEqual([]);
    const fromB = await call(
      coopReviews.action,
      browsers.managerB.post(`/coop/${ids.coopB}/reviews`, { reviewId: id, reply: "谢谢" }),
      { coop: ids.coopB },
    );
    expect(fromB.status).toBe(404);
    const pathA = `/coop/${ids.coopA}/reviews`;
    const empty = await call(
      coopReviews.action,
      browsers.managerA.post(pathA, { reviewId: id, reply: "" }),
      {
        coop: ids.coopA,
      },
    );
    expect(empty.status).toBe(400);
    expect((await data(empty)).errors.reply).toBe("buyerReviews.errors.reply");
    const ok = await call(
      coopReviews.action,
      browsers.managerA.post(pathA, { reviewId: id, reply: "谢谢您的支持！" }),
      { coop: ids.coopA },
    );
    expect(ok.status).toBe(302);
    const twice = await call(
      coopReviews.action,
      browsers.managerA.post(pathA, { reviewId: id, reply: "再次感谢" }),
      { coop: ids.coopA },
    );
    expect(twice.status).toBe(409);
    const all = await data(
      await call(coopReviews.loader, browsers.managerA.get(`${pathA}?show=all`), {
        coop: ids.coopA,
      }),
    );
    expect(all.reviews[0].reply.body).toBe("谢谢您的支持！");
  });

  it("lets an officer hide a review with a reason, which leaves the product page", async () => {
    const id = await reviewId();
    const noReason = await call(
      moderation.action,
      browsers.officer.post("/aid/buyer-reviews", { reviewId: id, reason: "" }),
    );
    expect(noReason.status).toBe(400);
    const hidden = await call(
      moderation.action,
      browsers.officer.post("/aid/buyer-reviews", { reviewId: id, reason: "含有个人电话号码" }),
    );
    expect(hidden.status).toBe(302);
    const list = await data(
      await call(moderation.loader, browsers.officer.get("/aid/buyer-reviews?show=hidden")),
    );
    expect(list.reviews[0].hidden).toMatchObject({ by: "帮扶办 陈立", reason: "含有个人电话号码" });
    const page = await data(
      await call(productPage.loader, new Browser().get(`/products/${ids.slug}`), {
        slug: ids.slug,
      }),
    );
    expect(page.buyerReviews).toMatchObject({ count: 0, average: null, reviews: [] });
    const shopper = await call(moderation.loader, browsers.buyer.get("/aid/buyer-reviews"));
    expect(shopper.status).toBe(403);
  });
});
