// Counting aid in a real browser: a shopper and a union buyer pay for goods from two
// counties; the aid officer sees the totals in the right buckets and districts and exports
// XLSX; an admin refunds one line; the totals and the certificate drop by exactly that.
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  fillCheckout,
  placeAndPayWithDemo,
  postToCart,
  readDb,
  signIn,
  storeWithPeople,
  submitAndWait,
  waitForHydration,
} from "./helpers";

type Who = "shopper" | "union" | "officer" | "admin";

describe("the aid ledger, from purchase to refund", () => {
  const store = storeWithPeople<Who>(["shopper", "union", "officer", "admin"]);
  const { pages, url } = store;
  const state = {
    shopperOrder: "",
    milkLineId: 0,
    milkUnitFen: 0,
    certificatePath: "",
    verifyUrl: "",
    certFen: 0,
    totalBefore: 0,
  };
  const aidTotal = () =>
    (
      readDb(store.server.dbFile, (db) =>
        db
          .prepare("select coalesce(sum(amount_fen), 0) as s from aid_ledger where eligible = 1")
          .get(),
      ) as { s: number }
    ).s;
  const yuan = (fen: number) =>
    `¥${(fen / 100).toLocaleString("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

  async function buy(page: Page, items: Array<[slug: string, quantity: number]>, union = false) {
    for (const [slug, quantity] of items) {
      await page.goto(url(`/products/${slug}`));
      await waitForHydration(page, true);
      await page.getByLabel("数量").fill(String(quantity));
      await postToCart(page, page.getByRole("button", { name: "加入购物车" }));
    }
    await page.goto(url("/checkout"));
    await fillCheckout(page, { phone: union ? "13900009999" : "13800000000" });
    if (union) {
      await page.getByLabel("工会", { exact: true }).check();
      await page.locator("#field-orgName").fill("南京市雨花台区总工会");
      await page.getByLabel("工会经费", { exact: true }).check();
    }
    return placeAndPayWithDemo(page);
  }

  it("a signed-in shopper pays for Datong yak and Huangzhong milk; a union pays for Huangyuan vinegar", async () => {
    await signIn(pages.shopper, store.server.baseUrl, {
      login: "13800000000",
      password: "shanhai-shop-2026",
    });
    state.shopperOrder = await buy(pages.shopper, [
      ["yak-shank", 1],
      ["fresh-milk", 2],
    ]);
    await buy(pages.union, [["aged-vinegar", 3]], true);
    const rows = readDb(store.server.dbFile, (db) =>
      db
        .prepare(
          "select bucket, paired_district_zh as d, sum(amount_fen) as s from aid_ledger where eligible = 1 group by bucket, d order by bucket, d",
        )
        .all(),
    ) as Array<{ bucket: string; d: string; s: number }>;
    expect(rows.map((r) => [r.bucket, r.d])).toEqual([
      ["assisted_sales", "栖霞区"],
      ["assisted_sales", "雨花台区"],
      ["procurement", "六合区"],
    ]);
  });

  it("the aid officer sees the year's total and the buckets, and exports the same numbers as XLSX", async () => {
    const page = pages.officer;
    await signIn(page, store.server.baseUrl, {
      login: "aid@shanhai.demo",
      password: "shanhai-aid-2026",
    });
    await page.goto(url("/aid?period=year"));
    const total = aidTotal();
    state.totalBefore = total;
    await expect(page.getByTestId("aid-total").innerText()).resolves.toContain(yuan(total));
    const main = await page.locator("main").innerText();
    expect(main).toContain("六合区");
    expect(main).toContain("栖霞区");
    expect(main).toContain("雨花台区");

    const response = await page.request.get(url("/aid/export.xlsx?period=year&breakdown=county"));
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("spreadsheetml");
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await response.body()) as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    let yuanColumn = 0;
    let sum = 0;
    sheet.eachRow((row) => {
      const values = row.values as unknown[];
      if (yuanColumn <= 0) {
        // the header row (a title row may come first)
        yuanColumn = values.findIndex(
          (v) => typeof v === "string" && v.includes("计入帮扶") && v.includes("元"),
        );
        return;
      }
      const cell = values[yuanColumn];
      if (typeof cell === "number" && !String(values[1] ?? "").includes("合计")) sum += cell;
    });
    expect(yuanColumn).toBeGreaterThan(0);
    expect(Math.round(sum * 100)).toBe(total);
  });

  it("the shopper takes a contribution certificate for the year", async () => {
    const page = pages.shopper;
    await page.goto(url("/account/aid"));
    await waitForHydration(page, true);
    await submitAndWait(
      page,
      page.getByRole("button", { name: "开具证明" }),
      /\/account\/aid\/certificate\//,
    );
    state.certificatePath = new URL(page.url()).pathname;
    state.verifyUrl = (await page.getByTestId("verify-url").getAttribute("href")) ?? "";
    const mine = readDb(store.server.dbFile, (db) =>
      db
        .prepare("select amount_fen from contribution_certificates order by issued_at desc limit 1")
        .get(),
    ) as { amount_fen: number };
    state.certFen = mine.amount_fen;
    expect(state.certFen).toBe(12800 + 2 * 1580);
    await expect(page.getByTestId("certificate-amount").innerText()).resolves.toContain(
      yuan(state.certFen),
    );
  });

  it("an admin refunds one bottle of milk", async () => {
    const page = pages.admin;
    await signIn(page, store.server.baseUrl, {
      login: "admin@shanhai.demo",
      password: "shanhai-admin-2026",
    });
    await page.goto(url(`/admin/orders/${state.shopperOrder}`));
    await waitForHydration(page, true);
    const line = readDb(store.server.dbFile, (db) =>
      db
        .prepare(
          "select l.id, l.unit_price_fen from order_lines l join orders o on o.id = l.order_id where o.number = ? and l.product_slug = 'fresh-milk'",
        )
        .get(state.shopperOrder),
    ) as { id: number; unit_price_fen: number };
    state.milkLineId = line.id;
    state.milkUnitFen = line.unit_price_fen;
    await page.locator('input[name="mode"][value="lines"]').check();
    await page.locator(`#field-qty_${line.id}`).fill("1");
    await page.locator('[name="reason"]').fill("一瓶运输中破损");
    await Promise.all([
      page.waitForResponse(
        (r) => r.request().method() === "POST" && r.url().includes(state.shopperOrder),
      ),
      page.getByRole("button", { name: "确认退款" }).click(),
    ]);
    await page.waitForLoadState("networkidle");
    const status = readDb(store.server.dbFile, (db) =>
      db.prepare("select status from orders where number = ?").get(state.shopperOrder),
    );
    expect(status).toEqual({ status: "partially_refunded" });
  });

  it("the totals and the certificate drop by exactly the refunded amount", async () => {
    const refunded = state.milkUnitFen;
    const page = pages.officer;
    await page.goto(url("/aid?period=year"));
    expect(aidTotal()).toBe(state.totalBefore - refunded);
    await expect(page.getByTestId("aid-total").innerText()).resolves.toContain(
      yuan(state.totalBefore - refunded),
    );
    const verify = pages.union; // anyone may verify
    await verify.goto(state.verifyUrl.startsWith("http") ? state.verifyUrl : url(state.verifyUrl));
    await expect(verify.getByTestId("verify-issued").innerText()).resolves.toContain(
      yuan(state.certFen),
    );
    await expect(verify.getByTestId("verify-current").innerText()).resolves.toContain(
      yuan(state.certFen - refunded),
    );
    const body = await verify.locator("main").innerText();
    expect(body).not.toContain("13800000000");
    expect(body).not.toContain(state.shopperOrder);
  });
});
