// The Nanjing counters in a real browser (issue 15): a shopper buys online for pickup at the
// 绿色有机青海专柜, the clerk finds the order by its pickup code and hands it over, and the
// shopper's order page then says it was collected; a walk-in sale rung up at the till shows
// on the aid office's dashboard under the counter's channel.
import { describe, expect, it } from "vitest";
import {
  expectVisible,
  placeAndPayWithDemo,
  postToCart,
  readDb,
  signIn,
  storeWithPeople,
  submitAndWait,
  T,
  waitForHydration,
} from "./helpers";

const CLERK = { login: "counter@shanhai.demo", password: "shanhai-counter-2026" };
const OFFICER = { login: "aid@shanhai.demo", password: "shanhai-aid-2026" };
const COUNTER = "绿色有机青海专柜";

interface CounterRow {
  id: number;
}

describe("counters: pick up an online order, and sell at the till", () => {
  const store = storeWithPeople(["shopper", "clerk", "officer"] as const);
  const { pages, url } = store;
  let orderNumber = "";
  let pickupCode = "";

  const shelf = (productSlug: string): number => {
    const row = readDb(store.server.dbFile, (db) =>
      db
        .prepare(
          `select s.quantity from counter_stock s join counters c on c.id = s.counter_id
           join products p on p.id = s.product_id where c.name_zh = ? and p.slug = ?`,
        )
        .get(COUNTER, productSlug),
    ) as { quantity: number } | undefined;
    return row?.quantity ?? 0;
  };

  it("a shopper chooses the counter at checkout, pays, and gets a pickup code", async () => {
    const page = pages.shopper;
    const before = shelf("fresh-milk");
    await page.goto(url("/products/fresh-milk"));
    await waitForHydration(page, true);
    await postToCart(page, page.getByRole("button", { name: T.add, exact: true }));
    await page.goto(url("/checkout"));
    await waitForHydration(page, true);
    await page
      .getByTestId("pickup-counter")
      .filter({ hasText: COUNTER })
      .locator("input[type=radio]")
      .check();
    // collecting needs no address: the address fields are hidden once a counter is chosen
    await expect(page.getByLabel(T.street).isVisible()).resolves.toBe(false);
    await page.getByLabel(T.contactName).fill("王小明");
    await page.getByLabel(T.phone).fill("13812345678");
    orderNumber = await placeAndPayWithDemo(page);

    await expectVisible(page.getByTestId("pickup-card"));
    // nothing will be shipped: the thanks says where to collect instead
    await expectVisible(page.getByText("请凭下方的取货码到店取货"));
    await expect(page.getByText("合作社将尽快为您发货").count()).resolves.toBe(0);
    await expect(page.getByTestId("pickup-counter-name").innerText()).resolves.toContain(COUNTER);
    pickupCode = (await page.getByTestId("pickup-code").innerText()).replace(/\D/g, "");
    expect(pickupCode).toMatch(/^\d{8}$/);
    await expectVisible(page.getByTestId("pickup-qr"));
    // held from the counter's shelf, not the cooperative's stock; no parcel to ship
    expect(shelf("fresh-milk")).toBe(before - 1);
    const order = readDb(store.server.dbFile, (db) =>
      db
        .prepare(
          `select o.shipping_fen, o.fulfilment, (select count(*) from shipments s where s.order_id = o.id) as parcels
           from orders o where o.number = ?`,
        )
        .get(orderNumber),
    );
    expect(order).toEqual({ shipping_fen: 0, fulfilment: "pickup", parcels: 0 });
  });

  it("the clerk finds the order by its code and hands it over", async () => {
    const page = pages.clerk;
    await signIn(page, store.server.baseUrl, CLERK);
    await page.goto(url("/counter"));
    await waitForHydration(page, true);
    await page.getByLabel("取货码或手机号").fill(pickupCode);
    await submitAndWait(page, page.getByRole("button", { name: "查找", exact: true }), /[?&]q=\d/);
    await expectVisible(page.getByText(orderNumber).first());
    await submitAndWait(
      page,
      page.getByRole("button", { name: "确认交付", exact: true }),
      /[?&]handed=SH-/,
    );
    const row = readDb(store.server.dbFile, (db) =>
      db.prepare("select status, collected_by_name from orders where number = ?").get(orderNumber),
    );
    expect(row).toEqual({ status: "fulfilled", collected_by_name: "专柜店员 刘洋" });
  });

  it("the shopper's order page then shows it collected", async () => {
    const page = pages.shopper;
    await page.reload();
    await waitForHydration(page, true);
    await expectVisible(page.getByTestId("pickup-collected"));
    await expect(page.getByTestId("pickup-collected").innerText()).resolves.toContain(COUNTER);
    await expect(page.getByTestId("pickup-code").count()).resolves.toBe(0);
  });

  it("a walk-in sale at the till shows on /aid under the counter's channel", async () => {
    const page = pages.clerk;
    const before = shelf("yak-jerky");
    await page.goto(url("/counter/till"));
    await waitForHydration(page, true);
    const product = page.locator("select[name=product]");
    const jerky = await product.locator("option", { hasText: "牦牛肉干" }).getAttribute("value");
    await product.selectOption(jerky!);
    await page.locator("input[name=quantity]").first().fill("2");
    await submitAndWait(page, page.getByRole("button", { name: "加入本单" }));
    await expectVisible(page.getByTestId("till-lines").getByText("牦牛肉干"));
    await submitAndWait(
      page,
      page.getByRole("button", { name: "已收款，记录销售" }),
      /\/counter\/till\/SH-/,
    );
    expect(shelf("yak-jerky")).toBe(before - 2);
    const sale = readDb(store.server.dbFile, (db) =>
      db
        .prepare(
          `select l.channel, l.counter_id as counterId from aid_ledger l join orders o on o.id = l.order_id
           where o.number = ?`,
        )
        .get(new URL(page.url()).pathname.split("/").pop()),
    ) as { channel: string; counterId: number };
    const counter = readDb(store.server.dbFile, (db) =>
      db.prepare("select id from counters where name_zh = ?").get(COUNTER),
    ) as CounterRow;
    expect(sale).toEqual({ channel: "counter", counterId: counter.id });

    const officer = pages.officer;
    await signIn(officer, store.server.baseUrl, OFFICER);
    await officer.goto(url("/aid"));
    await waitForHydration(officer, true);
    const byChannel = officer.locator("#by-channel");
    await expectVisible(byChannel.getByText(COUNTER));
    await expectVisible(byChannel.getByText("网上商城"));
  });
});
