// A shopper who follows the cart's checkout link and starts typing and picking at once, on a
// slow phone: whatever they enter before, while and after the page's script takes over must
// be what the order records. The client bundle is held back by different amounts and the
// CPU is throttled, so the runs land the typing on every side of hydration. (React 18 puts a
// <select> back to its default when it hydrates; a text input or a radio keeps its value.)
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser } from "./browser";
import { ORDER_NUMBER, productRow, readDb, waitForHydration } from "./helpers";
import { startServer, type StoreServer } from "./server";

const SCRIPT_DELAYS_MS = [0, 300, 800, 1500, 2500];
/** From this delay on, the script is also held until the first field is filled, so those
 * runs type before hydration however fast or slow the machine is. */
const HELD_FROM_MS = 800;
const SLUG = "yak-shank";

const ENTERED = {
  contactName: "王小明",
  phone: "13812345678",
  district: "雨花台区",
  street: "软件大道 101 号",
  buyerType: "union",
  orgName: "南京市雨花台区总工会",
  fundingSource: "union_funds",
};

describe("typing at once after following the checkout link", () => {
  let server: StoreServer;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  const url = (p: string) => `${server.baseUrl}${p}`;
  const typedBeforeHydration: boolean[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await openBrowser({ viewport: { width: 390, height: 844 } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function slowPhone(page: Page, scriptDelayMs: number, held: Promise<void>) {
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 3 });
    await page.route("**/build/**", async (route) => {
      await Promise.all([
        new Promise((resolve) => setTimeout(resolve, scriptDelayMs)),
        // scripts only: a held stylesheet would hold back the page itself
        scriptDelayMs >= HELD_FROM_MS && route.request().url().endsWith(".js") ? held : undefined,
      ]);
      await route.continue().catch(() => {}); // the page may have moved on
    });
  }

  it.each(SCRIPT_DELAYS_MS)(
    "with the script %i ms late, the order has what was entered",
    async (scriptDelayMs) => {
      const { id } = productRow(server.dbFile, SLUG);
      const added = await browser.context.request.post(url("/cart"), {
        form: { intent: "add", productId: String(id), quantity: "1" },
        headers: { Origin: server.baseUrl },
        maxRedirects: 0,
      });
      expect(added.status()).toBe(302);

      const page = await browser.context.newPage();
      let release = () => {};
      const held = new Promise<void>((resolve) => (release = resolve));
      try {
        await slowPhone(page, scriptDelayMs, held);
        await page.goto(url("/cart"), { waitUntil: "commit" });
        await page.getByRole("link", { name: "去结算" }).click();

        await page.locator("#field-contactName").fill(ENTERED.contactName);
        typedBeforeHydration.push(
          await page.evaluate(() => document.body.dataset.hydrated !== "true"),
        );
        release();
        await page.locator("#field-phone").fill(ENTERED.phone);
        await page.locator("#field-district").fill(ENTERED.district);
        await page.locator("#field-street").fill(ENTERED.street);
        await page.getByLabel("工会", { exact: true }).check();
        await page.locator("#field-orgName").fill(ENTERED.orgName);
        await page.getByLabel("工会经费", { exact: true }).check();
        // The shopper looks it over before placing the order: the script has taken over by
        // then, so whatever the page did on hydrating is what gets submitted.
        await waitForHydration(page, true);
        await Promise.all([
          page.waitForURL((u) => u.pathname.startsWith("/pay/demo/"), { timeout: 30_000 }),
          page.getByRole("button", { name: "提交订单并付款" }).click(),
        ]);

        const number = decodeURIComponent(new URL(page.url()).pathname.split("/").pop() ?? "");
        expect(number).toMatch(ORDER_NUMBER);
        const order = readDb(server.dbFile, (db) =>
          db
            .prepare(
              `select contact_name as contactName, phone, district, street, buyer_type as buyerType,
                    org_name as orgName, funding_source as fundingSource
             from orders where number = ?`,
            )
            .get(number),
        );
        expect(order).toEqual(ENTERED);
      } finally {
        release();
        await page.close();
      }
    },
  );

  it("some runs did type before the page hydrated (the window this guards was hit)", () => {
    expect(typedBeforeHydration).toHaveLength(SCRIPT_DELAYS_MS.length);
    expect(typedBeforeHydration.filter(Boolean).length).toBeGreaterThanOrEqual(2);
  });
});
