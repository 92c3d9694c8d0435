// The crawl's rules for which links to follow and how to group them (no browser needed), and
// its accessibility check on pages made to fail it.
import { describe, expect, it } from "vitest";
import { openBrowser } from "./browser";
import { checkAxe, checkTitle, crawlable, routeShape } from "./crawl-checks";

const ORIGIN = "http://127.0.0.1:3000";

describe("crawlable", () => {
  it("keeps same-site pages, without fragments and with the subject's parameters only", () => {
    expect(crawlable("/products?county=datong&page=2&sort=price#top", ORIGIN)).toBe(
      "/products?county=datong",
    );
    expect(crawlable(`${ORIGIN}/aid?period=month&at=2026-03`, ORIGIN)).toBe(
      "/aid?at=2026-03&period=month",
    );
  });

  it("leaves other sites, downloads, sign-out, the language switch and assets", () => {
    for (const href of [
      "https://example.com/products",
      "/logout",
      "/language",
      "/aid/export.csv?period=year",
      "/aid/export.xlsx",
      "/media/abc/photo.webp",
      "/favicon.svg",
      "/webhooks/stripe",
      "/healthz",
      "/readyz",
      "/metrics",
      "mailto:help@shanhai.demo",
    ]) {
      expect(crawlable(href, ORIGIN), href).toBeNull();
    }
  });
});

describe("routeShape", () => {
  it("puts the names of things and ids in placeholders", () => {
    expect(routeShape("/products/yak-shank")).toBe("/products/:name");
    expect(routeShape("/products")).toBe("/products");
    expect(routeShape("/orders/SH-20260301-AB12")).toBe("/orders/:name");
    expect(routeShape("/orders/lookup")).toBe("/orders/lookup");
    expect(routeShape("/coop/shuobei-yak-coop/products/31")).toBe("/coop/:name/products/:id");
    expect(routeShape("/coop/shuobei-yak-coop/products/new")).toBe("/coop/:name/products/new");
    expect(routeShape("/account/aid/certificate/SH-CERT-2026-X")).toBe(
      "/account/aid/certificate/:name",
    );
    expect(routeShape("/aid?period=month")).toBe("/aid");
  });
});

describe("checkTitle", () => {
  it("wants a title, and in English no Chinese but the brand", () => {
    expect(checkTitle("  ", "zh-CN")).toEqual(["empty <title>"]);
    expect(checkTitle("全部商品 · 山海 Shanhai", "zh-CN")).toEqual([]);
    expect(checkTitle("All goods · Shanhai 山海", "en")).toEqual([]);
    expect(checkTitle("全部商品 · Shanhai 山海", "en")).toHaveLength(1);
    expect(checkTitle("Cart（2）· Shanhai", "en")).toHaveLength(1);
  });
});

describe("checkAxe", () => {
  it("names the serious and critical violations of a page, and passes a sound one", async () => {
    const browser = await openBrowser();
    try {
      const page = await browser.context.newPage();
      await page.setContent(
        `<!doctype html><html lang="zh-CN"><head><title>坏页</title></head><body><main>
          <h1>坏页</h1><img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button>
        </main></body></html>`,
      );
      const problems = await checkAxe(page);
      expect(problems).toEqual([
        expect.stringMatching(/^axe critical button-name /),
        expect.stringMatching(/^axe critical image-alt /),
      ]);
      await page.setContent(
        `<!doctype html><html lang="zh-CN"><head><title>好页</title></head><body><main>
          <h1>好页</h1><img alt="牦牛" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button>买</button>
        </main></body></html>`,
      );
      expect(await checkAxe(page)).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
