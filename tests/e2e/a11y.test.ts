import { AxeBuilder } from "@axe-core/playwright";
import type { Result } from "axe-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { openBrowser } from "./browser";
import { startServer, type StoreServer } from "./server";
import {
  T,
  addWithFetcher,
  cartCount,
  expectVisible,
  waitForHydration,
  watchErrors,
} from "./helpers";

const PRODUCT = "yak-shank";

function describeViolation(v: Result): string {
  const nodes = v.nodes
    .slice(0, 5)
    .map(
      (n) =>
        `      ${n.target.join(" ")}${n.failureSummary ? `\n        ${n.failureSummary.replace(/\n/g, "\n        ")}` : ""}`,
    )
    .join("\n");
  const more = v.nodes.length > 5 ? `\n      … and ${v.nodes.length - 5} more` : "";
  return `  [${v.impact}] ${v.id}: ${v.help} (${v.nodes.length} node${v.nodes.length === 1 ? "" : "s"})\n    ${v.helpUrl}\n${nodes}${more}`;
}

/**
 * axe-core on the shopper's main pages. Critical violations fail; serious ones are printed
 * so they can be fixed, but do not fail the run.
 */
describe("accessibility smoke check (axe-core)", () => {
  let server: StoreServer;
  let browser: Awaited<ReturnType<typeof openBrowser>>;
  let page: Page;
  let errors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await openBrowser({ javaScriptEnabled: true });
    page = await browser.context.newPage();
    errors = watchErrors(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function scan(path: string, ready: () => Promise<void>) {
    const res = await page.goto(`${server.baseUrl}${path}`);
    expect(res?.status(), `GET ${path}`).toBe(200);
    await ready();
    // in the page itself, as the crawl does (tests/e2e/crawl-checks.ts: checkAxe)
    const results = await new AxeBuilder({ page }).setLegacyMode(true).analyze();
    const critical = results.violations.filter((v) => v.impact === "critical");
    const serious = results.violations.filter((v) => v.impact === "serious");
    if (serious.length) {
      console.log(
        `axe: ${serious.length} serious violation(s) on ${path}:\n${serious.map(describeViolation).join("\n")}`,
      );
    }
    expect(critical.map(describeViolation), `critical axe violations on ${path}`).toEqual([]);
  }

  it("home", async () => {
    await scan("/", () =>
      expectVisible(page.getByRole("heading", { level: 1, name: T.homeTitle })),
    );
  });

  it("/products", async () => {
    await scan("/products", () => expectVisible(page.getByTestId("product-card")));
  });

  it("a product page", async () => {
    await scan(`/products/${PRODUCT}`, () =>
      expectVisible(page.getByRole("heading", { level: 1, name: "大通牦牛腱子" })),
    );
  });

  /** The cart and checkout scans need one line in the cart (each test stands on its own). */
  async function ensureCartItem() {
    await page.goto(`${server.baseUrl}/products/${PRODUCT}`);
    if ((await cartCount(page).innerText()).trim() !== "0") return;
    await waitForHydration(page, true, errors);
    await addWithFetcher(
      page,
      page.locator("form.add-to-cart").getByRole("button", { name: T.add }),
      1,
    );
  }

  it("/cart with an item", async () => {
    await ensureCartItem();
    await scan("/cart", () => expectVisible(page.getByTestId("cart-line")));
  });

  it("/checkout", async () => {
    await ensureCartItem();
    await scan("/checkout", () => expectVisible(page.getByRole("button", { name: T.place })));
  });
});
