// The back office in a real browser, in both languages: every admin page carries the same
// navigation; an order page names its payment channel and says why it cannot be refunded;
// the aid office's pages show the dates an officer typed.
import type { Page } from "playwright-core";
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
} from "./helpers";

const ADMIN = { login: "admin@shanhai.demo", password: "shanhai-admin-2026" };
const OFFICER = { login: "aid@shanhai.demo", password: "shanhai-aid-2026" };

const ADMIN_NAV = {
  zh: {
    label: "平台管理导航",
    links: [
      "平台管理",
      "订单与退款",
      "售后申请",
      "发票申请",
      "生产主体",
      "员工账号",
      "商品审核",
      "买家评价管理",
    ],
  },
  en: {
    label: "Admin navigation",
    links: [
      "Platform admin",
      "Orders and refunds",
      "After-sales",
      "Invoices",
      "Producers",
      "Staff accounts",
      "Product review",
      "Buyer reviews",
    ],
  },
};

describe("the back office", () => {
  const store = storeWithPeople(["shopper", "admin", "officer"] as const);
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

  async function navLinks(page: Page, label: string) {
    const nav = page.getByRole("navigation", { name: label, exact: true });
    return (await nav.getByRole("link").allInnerTexts()).map((s) => s.trim());
  }

  it("a shopper pays for an order with the demo gateway", async () => {
    const page = pages.shopper;
    await page.goto(url("/products/fresh-milk"));
    await waitForHydration(page, true);
    await postToCart(
      page,
      page.locator("form.add-to-cart").getByRole("button", { name: "加入购物车" }),
    );
    await page.goto(url("/checkout"));
    await waitForHydration(page, true);
    await fillCheckout(page);
    orderNumber = await placeAndPayWithDemo(page);
    expect(orderNumber).toMatch(/^SH-/);
  });

  it("every admin page has the same navigation, orders and refunds included", async () => {
    const page = pages.admin;
    await signIn(page, store.server.baseUrl, ADMIN);
    for (const lng of ["zh", "en"] as const) {
      await language(page, lng === "en" ? "en" : "zh-CN");
      for (const path of [
        "/admin",
        "/admin/cooperatives",
        "/admin/users",
        "/admin/orders",
        `/admin/orders/${orderNumber}`,
        "/admin/after-sales",
        "/admin/invoices",
      ]) {
        const res = await page.goto(url(path));
        expect(res?.status(), path).toBe(200);
        expect(await navLinks(page, ADMIN_NAV[lng].label), `${lng} ${path}`).toEqual(
          ADMIN_NAV[lng].links,
        );
      }
    }
    await language(page, "zh-CN");
  });

  it("keeps producer names readable on a phone", async () => {
    const page = pages.admin;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(url("/admin/cooperatives"));
      const name = page.getByTestId("cooperatives").locator("tbody tr td").first();
      const box = await name.boundingBox();
      // wide enough for several characters a line, not one
      expect(box?.width ?? 0).toBeGreaterThan(120);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  it("names the payment channel in words, in both languages", async () => {
    const page = pages.admin;
    const channel = () =>
      page
        .locator("dl.facts div")
        .filter({ has: page.locator("dt", { hasText: /支付渠道|Payment method/ }) })
        .locator("dd");
    await page.goto(url(`/admin/orders/${orderNumber}`));
    expect((await channel().innerText()).trim()).toBe("演示支付（模拟，不扣款）");
    await language(page, "en");
    await page.goto(url(`/admin/orders/${orderNumber}`));
    expect((await channel().innerText()).trim()).toBe("Demo payment (simulated, no money taken)");
    await language(page, "zh-CN");
  });

  it("says a fully refunded order is fully refunded, not that it cannot be refunded", async () => {
    const page = pages.admin;
    await page.goto(url(`/admin/orders/${orderNumber}`));
    await waitForHydration(page, true);
    await page.locator('input[name="mode"][value="all"]').check();
    await page.locator('[name="reason"]').fill("顾客取消整单");
    await submitAndWait(page, page.getByRole("button", { name: "确认退款" }), /refund=/);
    await expectVisible(page.getByTestId("refund-result"));
    const panel = page.locator("section", { has: page.locator("#refund-form-title") });
    await expectVisible(panel.getByText("这个订单已全额退款"));
    expect(await panel.getByText("目前不能退款").count()).toBe(0);
    await language(page, "en");
    await page.goto(url(`/admin/orders/${orderNumber}`));
    await expectVisible(panel.getByText("This order has been refunded in full"));
    expect(await panel.getByText("cannot be refunded now").count()).toBe(0);
    await language(page, "zh-CN");
  });

  it("the aid officer signs in", async () => {
    await signIn(pages.officer, store.server.baseUrl, OFFICER);
  });

  describe.each(["/aid", "/aid/integrity"])("dates typed on %s", (path) => {
    it("show that range when the button is pressed", async () => {
      const page = pages.officer;
      await page.goto(url(path));
      await waitForHydration(page, true);
      await page.getByLabel("开始日期").fill("2026-03-15");
      await page.getByLabel("结束日期").fill("2026-03-25");
      await submitAndWait(page, page.getByRole("button", { name: "查看" }), (u) =>
        u.searchParams.has("from"),
      );
      await expect
        .poll(() => page.getByTestId("period-label").innerText())
        .toBe("2026-03-15 – 2026-03-25");
      expect(await page.getByLabel("开始日期").inputValue()).toBe("2026-03-15");
      expect(await page.getByLabel("结束日期").inputValue()).toBe("2026-03-25");
    });

    it("with a date missing, say which, and keep the one typed", async () => {
      const page = pages.officer;
      await page.goto(url(path));
      await waitForHydration(page, true);
      await page.getByLabel("开始日期").fill("2026-03-15");
      await submitAndWait(page, page.getByRole("button", { name: "查看" }), (u) =>
        u.searchParams.has("from"),
      );
      await expectVisible(page.getByText("请填写结束日期。"));
      expect(await page.getByLabel("开始日期").inputValue()).toBe("2026-03-15");
      expect(await page.getByLabel("结束日期").getAttribute("aria-invalid")).toBe("true");
    });
  });
});
