// The checkout form as a shopper meets it, on a phone and on a desktop, with and without
// JavaScript: where focus goes after a failed submit, whether fields in a row line up, and
// which institution fields show (and are marked required) for which buyer.
import { AxeBuilder } from "@axe-core/playwright";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openBrowser } from "./browser";
import { productRow, readDb, submitAndWait, waitForHydration, watchErrors } from "./helpers";
import { startServer, type StoreServer } from "./server";

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

let server: StoreServer;
const url = (p: string) => `${server.baseUrl}${p}`;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

/** Puts a product in this browser's cart with a plain form POST (works without JavaScript). */
async function fillCart(context: BrowserContext) {
  const { id } = productRow(server.dbFile, "yak-shank");
  const res = await context.request.post(url("/cart"), {
    form: { intent: "add", productId: String(id), quantity: "1" },
    headers: { Origin: server.baseUrl },
    maxRedirects: 0,
  });
  expect(res.status(), "POST /cart").toBe(302);
}

/** The rendered box of a locator, failing clearly when it has none (hidden, absent). */
async function box(locator: Locator) {
  const b = await locator.boundingBox();
  if (!b) throw new Error(`${locator} has no box (hidden or missing)`);
  return b;
}

/** Expects controls to share one top edge and one height (to half a pixel). */
async function expectAligned(controls: Locator[]) {
  const boxes = await Promise.all(controls.map(box));
  const [first, ...rest] = boxes as [(typeof boxes)[number], ...typeof boxes];
  for (const [i, other] of rest.entries()) {
    expect(Math.abs(other.y - first.y), `top of ${controls[i + 1]} vs ${controls[0]}`).toBeLessThan(
      0.5,
    );
    expect(
      Math.abs(other.height - first.height),
      `height of ${controls[i + 1]} vs ${controls[0]}`,
    ).toBeLessThan(0.5);
  }
}

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

describe.each([
  { js: true, viewport: DESKTOP },
  { js: true, viewport: PHONE },
  { js: false, viewport: DESKTOP },
  { js: false, viewport: PHONE },
])("checkout form (JavaScript: $js, $viewport.width px)", ({ js, viewport }) => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let errors: string[] = [];

  beforeAll(async () => {
    browser = await openBrowser({ javaScriptEnabled: js, viewport });
    page = await browser.context.newPage();
    errors = watchErrors(page);
    await fillCart(browser.context);
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function openCheckout() {
    const res = await page.goto(url("/checkout"));
    expect(res?.status()).toBe(200);
    await waitForHydration(page, js, errors);
  }

  it("a failed submit moves focus to an error summary at the top, linking each error to its field", async () => {
    await openCheckout();
    await page.locator("#field-contactName").fill("王小明");
    await page.locator("#field-phone").fill("12345");
    await page.locator("#field-street").fill("软件大道 101 号");
    const place = page.getByRole("button", { name: "提交订单并付款" });
    await place.scrollIntoViewIfNeeded();
    if (js) await place.click();
    else await submitAndWait(page, place);

    const summary = page.getByTestId("error-summary");
    await summary.waitFor({ state: "visible", timeout: 15_000 });
    expect(await isFocused(summary), "focus is on the error summary").toBe(true);

    // In view, and not under the sticky header: the point at its title belongs to it.
    const title = summary.locator("h2");
    const t = await box(title);
    expect(t.y).toBeGreaterThanOrEqual(0);
    expect(t.y + t.height).toBeLessThanOrEqual(viewport.height);
    expect(
      await title.evaluate((el) => {
        const r = el.getBoundingClientRect();
        return el.contains(document.elementFromPoint(r.left + 4, r.top + r.height / 2));
      }),
      "the summary's title is not covered",
    ).toBe(true);
    expect((await title.innerText()).trim()).toBe("有 2 项需要修改，请查看标红的字段。");

    const links = summary.getByRole("link");
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual([
      "#field-phone",
      "#field-district",
    ]);
    expect((await links.first().innerText()).trim()).toBe("手机号码：请填写正确的 11 位手机号码。");

    // Following a link puts the cursor in that field, with the errors still on the page.
    await links.nth(1).click();
    const district = page.locator("#field-district");
    await page.waitForFunction(() => document.activeElement?.id === "field-district", null, {
      timeout: 5_000,
    });
    const d = await box(district);
    expect(d.y).toBeGreaterThan(0);
    expect(d.y + d.height).toBeLessThanOrEqual(viewport.height);
    expect(await summary.isVisible()).toBe(true);
    expect(await page.locator("#field-phone").getAttribute("aria-invalid")).toBe("true");
    // What was typed is kept.
    expect(await page.locator("#field-contactName").inputValue()).toBe("王小明");
  });

  it("province, city and district line up, also when only one of them has an error", async () => {
    await openCheckout();
    const row = ["#field-province", "#field-city", "#field-district"].map((s) => page.locator(s));
    if (viewport.width < 600) {
      // one field per line on a phone, all of one height
      const heights = await Promise.all(row.map(async (c) => (await box(c)).height));
      expect(Math.max(...heights) - Math.min(...heights)).toBeLessThan(0.5);
      return;
    }
    await expectAligned(row);
    // A submit with the district missing: its error shows under it alone.
    await page.locator("#field-contactName").fill("王小明");
    await page.locator("#field-phone").fill("13812345678");
    await page.locator("#field-street").fill("软件大道 101 号");
    const place = page.getByRole("button", { name: "提交订单并付款" });
    if (js) await place.click();
    else await submitAndWait(page, place);
    await page.locator("#field-district-error").waitFor({ state: "visible", timeout: 15_000 });
    await expectAligned(row);
  });

  it("only institutions see the institution fields, marked required; invoice fields stay optional", async () => {
    await openCheckout();
    const buyerType = (label: string) => page.getByLabel(label, { exact: true });
    const chosenBuyerType = () =>
      page.locator('input[name="buyerType"]:checked').getAttribute("value");
    const orgName = page.locator("#field-orgName");
    const funding = page
      .locator("fieldset.choice-field")
      .filter({ has: page.locator("#field-fundingSource") });
    expect(await chosenBuyerType()).toBe("individual");
    expect(await orgName.isVisible()).toBe(false);
    expect(await funding.isVisible()).toBe(false);
    // Invoices are open to everyone (the schema keeps them for individuals).
    expect(await page.locator("#field-invoiceTitle").isVisible()).toBe(true);

    // Picking an institution shows its fields at once, without a round trip.
    await buyerType("预算单位").check();
    await orgName.waitFor({ state: "visible", timeout: 2_000 });
    expect(await funding.isVisible()).toBe(true);
    const orgLabel = page.locator('label[for="field-orgName"]');
    expect(await orgLabel.locator(".required").count(), "单位名称 is marked required").toBe(1);
    expect(await orgLabel.locator(".optional").count(), "单位名称 is not optional").toBe(0);
    expect(await funding.locator("legend .required").count(), "资金来源 is required").toBe(1);
    expect(await funding.locator("legend .optional").count()).toBe(0);
    expect(await page.locator('label[for="field-invoiceTitle"]').locator(".optional").count()).toBe(
      1,
    );

    await buyerType("个人").check();
    await orgName.waitFor({ state: "hidden", timeout: 2_000 });

    // An institution that leaves them empty is told so, with the fields shown.
    await buyerType("工会").check();
    await page.locator("#field-contactName").fill("王小明");
    await page.locator("#field-phone").fill("13812345678");
    await page.locator("#field-district").fill("雨花台区");
    await page.locator("#field-street").fill("软件大道 101 号");
    const place = page.getByRole("button", { name: "提交订单并付款" });
    if (js) await place.click();
    else await submitAndWait(page, place);
    const summary = page.getByTestId("error-summary");
    await summary.waitFor({ state: "visible", timeout: 15_000 });
    expect(
      await summary.getByRole("link").evaluateAll((as) => as.map((a) => a.getAttribute("href"))),
    ).toEqual(["#field-orgName", "#field-fundingSource"]);
    await summary.getByRole("link").nth(1).click();
    await page.waitForFunction(() => document.activeElement?.id === "field-fundingSource", null, {
      timeout: 5_000,
    });
    expect(await chosenBuyerType()).toBe("union");
    expect(await orgName.isVisible()).toBe(true);
    expect(await page.locator("#field-orgName-error").innerText()).toBe("机构购买请填写单位名称。");
    expect(await page.locator("#field-fundingSource-error").innerText()).toBe(
      "机构购买请选择资金来源。",
    );
    if (!js) return; // axe runs as a script in the page
    // The summary, the radio groups and the errors pass axe (serious and critical).
    const { violations } = await new AxeBuilder({ page })
      .setLegacyMode(true)
      .include(".checkout")
      .analyze();
    expect(
      violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
  });
});

describe("the cooperative's product form", () => {
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;

  beforeAll(async () => {
    browser = await openBrowser({ viewport: DESKTOP });
    page = await browser.context.newPage();
    await page.goto(url("/login"));
    await waitForHydration(page, true);
    await page.locator("#field-login").fill("yak@shanhai.demo");
    await page.locator("#field-password").fill("shanhai-coop-2026");
    await submitAndWait(page, page.getByRole("button", { name: "登录" }), /\/coop\//);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it.each([DESKTOP, { width: 700, height: 900 }])(
    "certificate rows line up at $width px (kind with number, issuer with expiry date)",
    async (viewport) => {
      await page.setViewportSize(viewport);
      const product = readDb(server.dbFile, (db) =>
        db
          .prepare(
            `select p.id from products p join cooperatives c on c.id = p.cooperative_id
             join product_certifications pc on pc.product_id = p.id
             where c.slug = 'shuobei-yak-coop' limit 1`,
          )
          .get(),
      ) as { id: number };
      await page.goto(url(`/coop/shuobei-yak-coop/products/${product.id}`));
      const row = page.locator(".cert-row").first();
      // the expiry field has a hint, its neighbour has none
      expect(await row.locator("#field-cert-0-expiresOn-hint").count()).toBe(1);
      await expectAligned([row.locator("#field-cert-0-kind"), row.locator("#field-cert-0-number")]);
      await expectAligned([
        row.locator("#field-cert-0-issuedBy"),
        row.locator("#field-cert-0-expiresOn"),
      ]);
    },
  );
});
