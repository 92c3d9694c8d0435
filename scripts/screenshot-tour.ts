// `npm run screenshots:tour`: starts the production build with the demo data and takes the
// pages people judge the store by, as the role that sees each, at 390 px and 1280 px, in
// zh-CN and English: tmp/screenshots/<page>-<lang>-<width>.png. For looking, not asserting.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { openBrowser } from "../tests/e2e/browser";
import { ROOT, startServer } from "../tests/e2e/server";

const OUT = path.join(ROOT, "tmp", "screenshots");
const WIDTHS = [390, 1280] as const;
const LANGS = ["zh-CN", "en"] as const;
const COOP = "shuobei-yak-coop";

const ACCOUNTS = {
  shopper: ["13800000000", "shanhai-shop-2026"],
  aid: ["aid@shanhai.demo", "shanhai-aid-2026"],
  coop: ["yak@shanhai.demo", "shanhai-coop-2026"],
  admin: ["admin@shanhai.demo", "shanhai-admin-2026"],
} as const;

fs.mkdirSync(OUT, { recursive: true });
const server = await startServer();
const base = server.baseUrl;
const url = (p: string) => new URL(p, base).toString();

async function setLanguage(page: Page, lng: string) {
  await page.request.post(url("/language"), {
    form: { lng, redirectTo: "/" },
    headers: { Origin: base },
    maxRedirects: 0,
  });
}

async function signIn(page: Page, who: keyof typeof ACCOUNTS) {
  const [login, password] = ACCOUNTS[who];
  await page.goto(url("/login"));
  await page.locator("#field-login").fill(login);
  await page.locator("#field-password").fill(password);
  await Promise.all([
    page.waitForURL((u) => u.pathname !== "/login"),
    page.locator('form[method="post"] button[type="submit"]').last().click(),
  ]);
}

async function shoot(page: Page, name: string, lang: string, prepare?: () => Promise<void>) {
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
    if (prepare) await prepare();
    await page.waitForLoadState("networkidle");
    const file = path.join(OUT, `${name}-${lang}-${width}.png`);
    await page.screenshot({ path: file, fullPage: true });
    console.log(file);
  }
}

try {
  for (const lang of LANGS) {
    // A shopper: home, product, cart, checkout with errors, a paid order.
    const shopper = await openBrowser();
    const page = await shopper.context.newPage();
    await setLanguage(page, lang);
    await signIn(page, "shopper");
    await shoot(page, "home", lang, async () => void (await page.goto(url("/"))));
    await shoot(
      page,
      "product",
      lang,
      async () => void (await page.goto(url("/products/yak-shank"))),
    );
    await page.goto(url("/products/yak-shank"));
    await page.locator("form.add-to-cart button").first().click();
    await page.waitForLoadState("networkidle");
    await shoot(page, "cart", lang, async () => void (await page.goto(url("/cart"))));
    await shoot(page, "checkout-errors", lang, async () => {
      await page.goto(url("/checkout"));
      for (const field of await page
        .locator("form input[required]:visible:not([type=radio]):not([type=checkbox])")
        .all())
        await field.fill("");
      await page.locator("main form[method=post] button[type=submit]").last().click();
      await page.waitForLoadState("networkidle");
    });
    // Place and pay an order (the demo gateway) to show its page.
    await page.goto(url("/checkout"));
    await page.locator('[name="contactName"]').fill("王小明");
    await page.locator('[name="phone"]').fill("13812345678");
    await page.locator('[name="district"]').fill("雨花台区");
    await page.locator('[name="street"]').fill("软件大道 101 号");
    await Promise.all([
      page.waitForURL(/\/pay\/demo\//),
      page.locator("main form[method=post] button[type=submit]").last().click(),
    ]);
    await Promise.all([
      page.waitForURL(/\/orders\/SH-/),
      page.locator("main form[method=post] button[type=submit]").first().click(),
    ]);
    const order = new URL(page.url()).pathname;
    await shoot(page, "order", lang, async () => void (await page.goto(url(order))));
    await shopper.close();

    for (const [who, pagePath, name] of [
      ["aid", "/aid", "aid"],
      ["coop", `/coop/${COOP}/products`, "coop-product"],
      ["admin", "/admin/orders", "admin-orders"],
    ] as const) {
      const context = await openBrowser();
      const staff = await context.context.newPage();
      await setLanguage(staff, lang);
      await signIn(staff, who);
      await staff.goto(url(pagePath));
      let target = pagePath as string;
      if (who === "coop") {
        target =
          (await staff
            .locator(`a[href^="/coop/${COOP}/products/"]:not([href$="/new"])`)
            .first()
            .getAttribute("href")) ?? pagePath;
      }
      await shoot(staff, name, lang, async () => void (await staff.goto(url(target))));
      await context.close();
    }
  }
} finally {
  await server.stop();
}
