import Database from "better-sqlite3";
import { afterAll, beforeAll, expect } from "vitest";
import type { Locator, Page, Response } from "playwright-core";
import { openBrowser } from "./browser";
import { startServer, type StoreServer } from "./server";

/** Texts from app/i18n/zh-CN.ts (kept literal here: the tests read the page as a shopper does). */
export const T = {
  homeTitle: "买高原好物，帮西宁农户",
  searchLabel: "搜索商品",
  searchSubmit: "搜索",
  add: "加入购物车",
  checkout: "去结算",
  place: "提交订单并付款",
  contactName: "收货人姓名",
  phone: "手机号码",
  district: "区县",
  street: "详细地址",
  phoneError: "请填写正确的 11 位手机号码。",
  demoBanner: "演示支付 · 不会产生任何真实扣款",
  payConfirm: "确认支付（模拟）",
  paid: "已付款",
  soldOutAtCheckout: "刚刚售罄",
  notFoundTitle: "页面不存在",
  lookupNumber: "订单号",
  lookupSubmit: "查询",
  lookupNotFound: "没有找到匹配的订单，请核对订单号和手机号码。",
} as const;

export const ORDER_NUMBER = /^SH-\d{8}-[A-Z0-9]{4}$/;

/** A read-only look at the store's SQLite file (WAL: sees what the server committed). */
export function readDb<T>(dbFile: string, fn: (db: Database.Database) => T): T {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

/** A writable connection, for the few tests that change the world behind the shopper's back. */
export function writeDb<T>(dbFile: string, fn: (db: Database.Database) => T): T {
  const db = new Database(dbFile, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

export function productRow(
  dbFile: string,
  slug: string,
): { id: number; stock: number; name_zh: string } {
  const row = readDb(dbFile, (db) =>
    db.prepare("select id, stock, name_zh from products where slug = ?").get(slug),
  ) as { id: number; stock: number; name_zh: string } | undefined;
  if (!row) throw new Error(`no product ${slug} in the seeded database`);
  return row;
}

/** The header's cart count badge. */
export function cartCount(page: Page): Locator {
  return page.getByTestId("cart-link").locator(".cart-count");
}

/**
 * With JavaScript, wait until React has hydrated the page: the root layout sets
 * `data-hydrated` on <body> from an effect, and effects run only after hydration (a click
 * before that posts the plain, no-JS form). Fails with the browser's own errors when
 * hydration never happens.
 */
export async function waitForHydration(page: Page, js: boolean, errors?: string[]): Promise<void> {
  if (!js) return;
  try {
    await page.waitForFunction(
      () =>
        document.body.dataset.hydrated === "true" &&
        [...document.querySelectorAll("form.add-to-cart")].every((f) =>
          f.querySelector('input[name="stay"]'),
        ),
      null,
      { timeout: 15_000 },
    );
  } catch (error) {
    throw new Error(
      `${new URL(page.url()).pathname}: the page did not hydrate within 15 s` +
        (errors?.length ? `; browser errors:\n${errors.join("\n")}` : ""),
      { cause: error },
    );
  }
}

/** Collects uncaught page errors and console errors of a page, for failure messages. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") errors.push(`console.error: ${m.text().split("\n")[0]}`);
  });
  return errors;
}

/** Polls `fn` until it returns true (for assertions on things outside the page). */
export async function eventually(
  fn: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function expectVisible(locator: Locator, timeout = 10_000) {
  await locator.first().waitFor({ state: "visible", timeout });
  expect(await locator.first().isVisible()).toBe(true);
}

/** Fills the checkout form with a valid individual buyer (the phone can be overridden). */
export async function fillCheckout(
  page: Page,
  values: { name?: string; phone?: string; street?: string } = {},
) {
  // a shopper with saved addresses starts on their default; these values are a new address
  const useNew = page.getByLabel("使用新地址");
  if (await useNew.count()) await useNew.check();
  await page.getByLabel(T.contactName).fill(values.name ?? "王小明");
  await page.getByLabel(T.phone).fill(values.phone ?? "13812345678");
  await page.getByLabel(T.district).fill("雨花台区");
  await page.getByLabel(T.street).fill(values.street ?? "软件大道 101 号");
}

export async function submitAndWait(
  page: Page,
  button: Locator,
  urlPart?: RegExp | string | ((url: URL) => boolean),
) {
  await Promise.all([
    urlPart ? page.waitForURL(urlPart, { timeout: 15_000 }) : page.waitForLoadState("load"),
    button.click(),
  ]);
}

/**
 * With JavaScript: clicks an add-to-cart button and waits until the fetcher's POST /cart
 * has answered and the header shows `expected` (the header counts in-flight additions
 * optimistically, so the number alone can show before the server has the line).
 */
export async function addWithFetcher(page: Page, button: Locator, expected: number): Promise<void> {
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/cart",
      {
        timeout: 15_000,
      },
    ),
    button.click(),
  ]);
  expect(response.status(), `POST /cart answered ${response.status()}`).toBe(200);
  await page.waitForFunction(
    (n) =>
      document.querySelector('[data-testid="cart-link"] .cart-count')?.textContent?.trim() ===
      String(n),
    expected,
    { timeout: 10_000 },
  );
  // Wait for the fetcher to settle (the button says 已加入 once it holds the answer).
  await page.waitForFunction(
    () =>
      ![...document.querySelectorAll("form.add-to-cart button")].some((b) =>
        b.textContent?.includes("正在加入"),
      ),
    null,
    { timeout: 10_000 },
  );
}

/** A store of its own for one `describe`, with one browser (own cookies) per person in it. */
export interface StoreWithPeople<Who extends string> {
  /** the running store; read it inside tests and hooks, once it has started */
  readonly server: StoreServer;
  readonly pages: Record<Who, Page>;
  url(path: string): string;
}

/**
 * Starts a store before the calling `describe`'s tests and opens a browser for each person;
 * closes the browsers and stops the store after them.
 */
export function storeWithPeople<Who extends string>(people: readonly Who[]): StoreWithPeople<Who> {
  let server: StoreServer | undefined;
  const browsers: Array<Awaited<ReturnType<typeof openBrowser>>> = [];
  const pages = {} as Record<Who, Page>;
  const started = () => {
    if (!server) throw new Error("the store has not started yet");
    return server;
  };
  beforeAll(async () => {
    server = await startServer();
    for (const who of people) {
      const browser = await openBrowser();
      browsers.push(browser);
      pages[who] = await browser.context.newPage();
    }
  });
  afterAll(async () => {
    for (const browser of browsers) await browser.close();
    await server?.stop();
  });
  return {
    get server() {
      return started();
    },
    pages,
    url: (path) => `${started().baseUrl}${path}`,
  };
}

/** Signs in through the login form, as a person does, and waits until the page moves on. */
export async function signIn(
  page: Page,
  baseUrl: string,
  account: { login: string; password: string },
  lands: RegExp | ((url: URL) => boolean) = (u) => u.pathname !== "/login",
): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await waitForHydration(page, true);
  await page.locator("#field-login").fill(account.login);
  await page.locator("#field-password").fill(account.password);
  await submitAndWait(page, page.getByRole("button", { name: "登录" }), lands);
}

/** Clicks an add-to-cart button (JavaScript on) and returns the answer to its POST /cart. */
export async function postToCart(page: Page, button: Locator): Promise<Response> {
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/cart",
    ),
    button.click(),
  ]);
  return response;
}

/** From a filled checkout form: places the order, pays on the demo page, returns its number. */
export async function placeAndPayWithDemo(page: Page): Promise<string> {
  await submitAndWait(page, page.getByRole("button", { name: T.place }), /\/pay\/demo\//);
  await submitAndWait(page, page.getByRole("button", { name: T.payConfirm }), /\/orders\/SH-/);
  return (await page.getByTestId("order-number").innerText()).trim();
}
