// Invoices and the purchase voucher in a real browser: a shopper pays, asks for a special
// invoice on the order page (a wrong check character is caught, the typing kept), the admin
// issues it with a number, the shopper sees the number; the voucher opens, carries its
// verification code, and the public check page accepts that code.
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

const INVOICE_NUMBER = "24320000000000004321";

describe("invoices: request, issue, see the number; voucher and its check", () => {
  const store = storeWithPeople(["shopper", "admin", "auditor"] as const);
  const { pages, url } = store;
  const state = { number: "", orderPath: "", code: "" };

  it("a shopper pays and asks for a special invoice on the order page", async () => {
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

    const form = page.getByTestId("invoice-form");
    await form.getByLabel("增值税专用发票").check();
    await form.getByLabel("发票抬头").fill("南京地铁集团有限公司工会委员会");
    await form.getByLabel("纳税人识别号").fill("91350100M000100Y44");
    await form.getByLabel("注册地址").fill("南京市玄武区中山路 228 号");
    await form.getByLabel("注册电话").fill("025-84780000");
    await form.getByLabel("开户银行").fill("中国工商银行南京新街口支行");
    await form.getByLabel("银行账号").fill("4301011109001234567");
    await form.getByRole("button", { name: "提交发票申请" }).click();
    await expectVisible(page.getByText("校验位不对"));
    // what was typed is still there
    const again = page.getByTestId("invoice-form");
    await expect(again.getByLabel("注册地址").inputValue()).resolves.toBe(
      "南京市玄武区中山路 228 号",
    );
    await again.getByLabel("纳税人识别号").fill("91350100M000100Y43");
    await submitAndWait(page, again.getByRole("button", { name: "提交发票申请" }), /invoice=sent/);
    await expectVisible(page.getByText("发票申请已提交"));
    await expect(page.getByTestId("invoice-state").getAttribute("data-status")).resolves.toBe(
      "requested",
    );
  });

  it("the admin issues it with a number", async () => {
    const page = pages.admin;
    await signIn(
      page,
      store.server.baseUrl,
      { login: "admin@shanhai.demo", password: "shanhai-admin-2026" },
      /\/admin/,
    );
    await page.goto(url("/admin"));
    await waitForHydration(page, true);
    await submitAndWait(page, page.getByRole("link", { name: "发票申请" }).first(), /invoices/);
    const request = page.getByTestId("invoice-request").filter({ hasText: state.number });
    await expectVisible(request);
    await expectVisible(request.getByText("南京市玄武区中山路 228 号"));
    await request.getByLabel("发票号码").fill(INVOICE_NUMBER);
    await submitAndWait(page, request.getByRole("button", { name: "标记为已开具" }), /issued=1/);
    await expectVisible(page.getByRole("status").filter({ hasText: "已标记为已开具" }));
  });

  it("the shopper sees the number, and was told by SMS", async () => {
    const page = pages.shopper;
    await page.goto(url(state.orderPath));
    await waitForHydration(page, true);
    const invoice = page.getByTestId("invoice-state");
    await expect(invoice.getAttribute("data-status")).resolves.toBe("issued");
    await expectVisible(invoice.getByText(`已开具，发票号码 ${INVOICE_NUMBER}`));
    const subjects = readDb(store.server.dbFile, (db) =>
      db
        .prepare("select subject from outbox where subject like ?")
        .all(`%${state.number}%发票%`)
        .map((row) => (row as { subject: string }).subject),
    );
    expect(subjects).toEqual([`山海: 订单 ${state.number} 发票已开具`]);
  });

  it("the voucher opens with its code, and the public check accepts it", async () => {
    const page = pages.shopper;
    await submitAndWait(page, page.getByTestId("voucher-link"), /\/voucher$/);
    await waitForHydration(page, true);
    await expectVisible(page.getByRole("heading", { name: "采购凭证" }));
    await expectVisible(page.getByRole("button", { name: "打印 / 另存为 PDF" }));
    state.code = (await page.getByTestId("voucher-code").innerText()).trim();
    expect(state.code).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.byteLength).toBeGreaterThan(1000);

    const auditor = pages.auditor;
    await auditor.goto(url("/vouchers/verify"));
    await waitForHydration(auditor, true);
    await auditor.getByLabel("订单号").fill(state.number);
    await auditor.getByLabel("验证码").fill(state.code.toLowerCase());
    await submitAndWait(auditor, auditor.getByRole("button", { name: "核验" }), /code=/);
    const result = auditor.getByTestId("voucher-check");
    await expectVisible(result);
    await expect(result.getAttribute("data-matches")).resolves.toBe("true");
    expect(await auditor.content()).not.toContain("王小明");

    // the voucher is the buyer's: another browser gets nothing
    const other = await auditor.goto(url(`${state.orderPath}/voucher`));
    expect(other?.status()).toBe(404);
  });
});
