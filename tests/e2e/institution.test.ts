// An institution in a real browser: its first purchaser registers it (a mistyped credit code is
// refused with the typing kept), adds a colleague by phone; the colleague buys for it at
// checkout; the institution's total and certificate (in its name) show for both.
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

const ADMIN = { login: "buyer@shanhai.demo", password: "shanhai-buy-2026" };
const COLLEAGUE = { login: "13800000000", password: "shanhai-shop-2026" };
const NAME = "南京市雨花台区机关事务管理中心";

describe("institution accounts: register, add a purchaser, buy for it, certify it", () => {
  const store = storeWithPeople(["admin", "colleague"] as const);
  const { pages, url } = store;

  it("the first purchaser registers the institution and adds a colleague", async () => {
    const page = pages.admin;
    await signIn(page, store.server.baseUrl, ADMIN);
    await page.goto(url("/account"));
    await submitAndWait(
      page,
      page.getByRole("link", { name: "机构账户与采购人" }),
      /\/account\/institution$/,
    );
    await waitForHydration(page, true);
    await page.locator("#field-name").fill(NAME);
    // one character off: the check character no longer matches
    await page.locator("#field-creditCode").fill("91350100M000100Y44");
    await page.locator("#field-type").check(); // 预算单位, the first choice
    await page.locator("#field-fundingSource").selectOption("canteen");
    await page.locator("#field-reservedShareYuan").fill("100000");
    await page.getByRole("button", { name: "创建机构账户" }).click();
    await expectVisible(page.getByText("统一社会信用代码的校验位不对"));
    await expect(page.locator("#field-name").inputValue()).resolves.toBe(NAME);
    await page.locator("#field-creditCode").fill("91350100M000100Y43");
    await submitAndWait(page, page.getByRole("button", { name: "创建机构账户" }), /done=created/);
    await expectVisible(page.getByTestId("institution-profile").getByText(NAME));

    await page.locator("#field-login").fill(COLLEAGUE.login);
    await submitAndWait(page, page.getByRole("button", { name: "添加" }), /done=added/);
    await expectVisible(page.getByTestId("institution-members").getByText("138****0000"));
  });

  it("the colleague buys for the institution at checkout", async () => {
    const page = pages.colleague;
    await signIn(page, store.server.baseUrl, COLLEAGUE);
    await page.goto(url("/products/fresh-milk"));
    await waitForHydration(page, true);
    await postToCart(page, page.getByRole("button", { name: "加入购物车", exact: true }));
    await page.goto(url("/checkout"));
    await waitForHydration(page, true);
    // preselected: buying for the institution; its profile answers who buys
    await expect(page.getByLabel(`为${NAME}采购（预算单位）`).isChecked()).resolves.toBe(true);
    await expect(page.locator("#field-buyerType").isVisible()).resolves.toBe(false);
    await fillCheckout(page);
    const number = await placeAndPayWithDemo(page);
    const order = readDb(store.server.dbFile, (db) =>
      db
        .prepare(
          "select o.buyer_type, o.org_name, l.buyer_key from orders o join aid_ledger l on l.order_id = o.id where o.number = ?",
        )
        .get(number),
    ) as { buyer_type: string; org_name: string; buyer_key: string };
    expect(order).toMatchObject({ buyer_type: "gov_unit", org_name: NAME });
    expect(order.buyer_key).toMatch(/^org:\d+$/);
  });

  it("both see the institution's total; the certificate is issued in its name", async () => {
    for (const page of [pages.colleague, pages.admin]) {
      await page.goto(url("/account/aid"));
      await expectVisible(page.getByTestId("institution-aid-total"));
      await expect(page.getByTestId("institution-aid-total").innerText()).resolves.not.toBe(
        "¥0.00",
      );
    }
    const page = pages.admin;
    await submitAndWait(
      page,
      page.getByRole("button", { name: "以机构名义开具" }),
      /\/account\/aid\/certificate\//,
    );
    await expectVisible(page.getByText(`兹证明 ${NAME}`));
  });
});
