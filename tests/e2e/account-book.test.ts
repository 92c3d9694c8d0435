// The shopper's address book in a real browser: the 省/市/区 picker with JavaScript (the
// province's cities come from /account/regions) and without it (the refresh button), a
// checkout with the saved address, and a password change that keeps this session.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser } from "./browser";
import {
  placeAndPayWithDemo,
  productRow,
  readDb,
  signIn,
  submitAndWait,
  waitForHydration,
  watchErrors,
} from "./helpers";
import { startServer, type StoreServer } from "./server";

const SHOPPER = { login: "13800000000", password: "shanhai-shop-2026" };
const NEW_PASSWORD = "a-new-password-2026";

let server: StoreServer;
const url = (p: string) => `${server.baseUrl}${p}`;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

const optionsOf = (page: Page, id: string) =>
  page.locator(`#${id} option`).evaluateAll((els) => els.map((e) => e.textContent ?? ""));

const addressesOfShopper = () =>
  readDb(server.dbFile, (db) =>
    db
      .prepare(
        `SELECT a.district, a.street, a.is_default FROM addresses a JOIN users u ON u.id = a.user_id
          WHERE u.phone = ? ORDER BY a.id`,
      )
      .all(SHOPPER.login),
  ) as Array<{ district: string; street: string; is_default: number }>;

describe("the address book with JavaScript", () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let errors: string[] = [];
  beforeAll(async () => {
    browser = await openBrowser({ viewport: { width: 390, height: 844 } });
    page = await browser.context.newPage();
    errors = watchErrors(page);
    await signIn(page, server.baseUrl, SHOPPER);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("adds an address with the cascading picker", async () => {
    await page.goto(url("/account"));
    await waitForHydration(page, true, errors);
    await submitAndWait(
      page,
      page.getByRole("link", { name: "收货地址" }),
      /\/account\/addresses$/,
    );
    await submitAndWait(page, page.getByRole("link", { name: "新增收货地址" }), /\/new$/);
    await waitForHydration(page, true, errors);
    // Nanjing first: only its districts once hydrated, no refresh button
    expect((await optionsOf(page, "field-districtCode")).slice(1, 3)).toEqual(["玄武区", "秦淮区"]);
    expect(await page.getByRole("button", { name: "按所选省份更新城市和区县" }).count()).toBe(0);
    // another province: its cities arrive from the resource route
    await Promise.all([
      page.waitForResponse((r) => r.url().includes("/account/regions?province=63")),
      page.locator("#field-provinceCode").selectOption("63"),
    ]);
    await page.locator("#field-cityCode").selectOption("6301");
    expect(await optionsOf(page, "field-districtCode")).toContain("湟中区");
    expect(await optionsOf(page, "field-districtCode")).not.toContain("玄武区");
    // and back to Nanjing
    await page.locator("#field-provinceCode").selectOption("32");
    await page.locator("#field-cityCode").selectOption("3201");
    await page.locator("#field-districtCode").selectOption({ label: "江宁区" });
    await page.locator("#field-recipient").fill("王小明");
    await page.locator("#field-phone").fill("13800000000");
    await page.locator("#field-street").fill("双龙大道 1688 号");
    // the demo shopper already has a default address (鼓楼区, from the seed): this one takes over
    await page.getByLabel("设为默认地址").check();
    await submitAndWait(page, page.getByRole("button", { name: "保存地址" }), /done=saved/);
    await expect(page.getByTestId("address-card").first().innerText()).resolves.toContain("江宁区");
    expect(addressesOfShopper().at(-1)).toMatchObject({ district: "江宁区", is_default: 1 });
    expect(errors).toEqual([]);
  });

  it("checks out with the saved default address", async () => {
    const { id } = productRow(server.dbFile, "yak-shank");
    const res = await page.request.post(url("/cart"), {
      form: { intent: "add", productId: String(id), quantity: "1" },
      headers: { Origin: server.baseUrl },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(302);
    await page.goto(url("/checkout"));
    await waitForHydration(page, true, errors);
    const saved = page.getByTestId("saved-address").first();
    await expect(saved.locator("input").isChecked()).resolves.toBe(true);
    // the typed-address fields stay out of the way while a saved address is picked
    await expect(page.locator("#field-street").isVisible()).resolves.toBe(false);
    const number = await placeAndPayWithDemo(page);
    const order = readDb(server.dbFile, (db) =>
      db.prepare("SELECT district, street FROM orders WHERE number = ?").get(number),
    );
    expect(order).toEqual({ district: "江宁区", street: "双龙大道 1688 号" });
    expect(errors).toEqual([]);
  });

  it("changes the password, staying signed in here", async () => {
    await page.goto(url("/account/password"));
    await waitForHydration(page, true, errors);
    await page.locator("#field-currentPassword").fill(SHOPPER.password);
    await page.locator("#field-newPassword").fill(NEW_PASSWORD);
    await page.locator("#field-passwordConfirm").fill(NEW_PASSWORD);
    await expect(page.getByLabel("同时退出其他设备上的登录").isChecked()).resolves.toBe(true);
    await page.getByRole("button", { name: "修改密码" }).click();
    await page.getByRole("status").waitFor();
    expect(await page.getByRole("status").innerText()).toContain("密码已修改");
    await page.goto(url("/account/orders"));
    expect(new URL(page.url()).pathname).toBe("/account/orders");
    await submitAndWait(page, page.getByRole("link", { name: "待发货" }), /tab=toShip/);
    expect(await page.getByTestId("history-order").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
  });
});

describe("the address book without JavaScript", () => {
  it("changes province with the refresh button and saves", async () => {
    const browser = await openBrowser({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 844 },
    });
    try {
      const page = await browser.context.newPage();
      await page.goto(url("/login"));
      await page.locator("#field-login").fill(SHOPPER.login);
      await page.locator("#field-password").fill(NEW_PASSWORD);
      await submitAndWait(
        page,
        page.getByRole("button", { name: "登录" }),
        (u) => u.pathname !== "/login",
      );
      await page.goto(url("/account/addresses/new"));
      await page.locator("#field-recipient").fill("王妈妈");
      await page.locator("#field-phone").fill("13900001111");
      await page.locator("#field-street").fill("七一路 100 号");
      await page.locator("#field-provinceCode").selectOption("63");
      await submitAndWait(page, page.getByRole("button", { name: "按所选省份更新城市和区县" }));
      // the typing is kept and the province's cities are there
      expect(await page.locator("#field-recipient").inputValue()).toBe("王妈妈");
      expect(await optionsOf(page, "field-cityCode")).toContain("西宁市");
      await page.locator("#field-cityCode").selectOption("6301");
      await page.locator("#field-districtCode").selectOption({ label: "城东区" });
      await submitAndWait(page, page.getByRole("button", { name: "保存地址" }), /done=saved/);
      expect(addressesOfShopper().at(-1)).toMatchObject({ district: "城东区", is_default: 0 });
    } finally {
      await browser.close();
    }
  });
});
