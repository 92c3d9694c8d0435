// After-sales in a real browser: a shopper buys, asks for a refund of a line on the order
// page, the admin approves it, the shopper sees the refund (and the request approved), and
// the outbox holds the message. Then the same order link opened on another device shows how
// to reach the order, and nothing of it.
import { describe, expect, it } from "vitest";
import {
  expectVisible,
  fillCheckout,
  placeAndPayWithDemo,
  postToCart,
  readDb,
  signIn,
  storeWithPeople,
  submitAndWait,
  waitForHydration,
} from "./helpers";

describe("after-sales: ask, approve, refunded", () => {
  const store = storeWithPeople(["shopper", "admin", "stranger"] as const);
  const { pages, url } = store;
  const state = { number: "", orderPath: "" };

  it("a shopper buys something and asks for a refund of it", async () => {
    const page = pages.shopper;
    await page.goto(url("/products"));
    const card = page.getByTestId("product-card").first();
    await submitAndWait(page, card.getByRole("link").first(), /\/products\/[^/]+$/);
    await waitForHydration(page, true);
    expect(
      (
        await postToCart(page, page.getByRole("button", { name: "加入购物车", exact: true }))
      ).status(),
    ).toBe(200);
    await page.goto(url("/checkout"));
    await fillCheckout(page);
    state.number = await placeAndPayWithDemo(page);
    state.orderPath = `/orders/${state.number}`;
    await waitForHydration(page, true);

    await expectVisible(page.getByTestId("order-timeline").getByText("付款成功"));
    const form = page.locator("form.after-sales-form");
    await form.getByLabel("原因").selectOption("damaged");
    await form.getByLabel("问题描述").fill("收到时包装破损，商品洒了一半。");
    await submitAndWait(page, form.getByRole("button", { name: "提交申请" }), /asked=1/);
    await expectVisible(page.getByText("售后申请已提交"));
    await expect(
      page.getByTestId("after-sales-request").first().getAttribute("data-status"),
    ).resolves.toBe("open");
  });

  it("the admin sees the request and approves it", async () => {
    const page = pages.admin;
    await signIn(
      page,
      store.server.baseUrl,
      { login: "admin@shanhai.demo", password: "shanhai-admin-2026" },
      /\/admin/,
    );
    await page.goto(url("/admin"));
    await submitAndWait(page, page.getByRole("link", { name: "售后申请" }).first(), /after-sales/);
    const request = page.getByTestId("after-sales-request").filter({ hasText: state.number });
    await expectVisible(request);
    await submitAndWait(
      page,
      request.getByRole("button", { name: "同意并退款" }),
      /decided=approved/,
    );
    await expectVisible(page.getByRole("status").filter({ hasText: "已同意" }));
  });

  it("the shopper sees the refund, the approved request and the reversed aid; the outbox told them", async () => {
    const page = pages.shopper;
    await page.goto(url(state.orderPath));
    await waitForHydration(page, true);
    await expect(
      page.getByTestId("after-sales-request").first().getAttribute("data-status"),
    ).resolves.toBe("approved");
    const refund = page.getByTestId("order-refund");
    await expectVisible(refund);
    await expectVisible(refund.getByText("帮扶金额已从帮扶统计中冲减"));
    await expectVisible(page.getByTestId("order-timeline").getByText("已退款"));
    await expectVisible(page.getByTestId("line-refunded"));
    const subjects = readDb(store.server.dbFile, (db) =>
      db
        .prepare("select subject from outbox where subject like ? order by id")
        .all(`%${state.number}%`)
        .map((row) => (row as { subject: string }).subject),
    );
    expect(subjects).toEqual(
      expect.arrayContaining([
        `山海: 订单 ${state.number} 付款成功`,
        `山海: 订单 ${state.number} 售后申请已同意`,
        `山海: 订单 ${state.number} 已退款`,
      ]),
    );
  });

  it("the order link on another device says how to reach the order, and shows none of it", async () => {
    const page = pages.stranger;
    const response = await page.goto(url(state.orderPath));
    expect(response?.status()).toBe(403);
    await waitForHydration(page, true);
    await expectVisible(page.getByTestId("order-locked"));
    expect(await page.title()).toContain(state.number);
    expect(await page.getByTestId("order-line").count()).toBe(0);
    expect(await page.content()).not.toContain("软件大道");
    await submitAndWait(
      page,
      page.getByRole("link", { name: "用订单号和下单手机号查询" }),
      /\/orders\/lookup/,
    );
    await expect(page.getByLabel("订单号").inputValue()).resolves.toBe(state.number);
  });
});
