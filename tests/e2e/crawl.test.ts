// Every page, for every role, on a phone, in both languages (issue 8). Each demo account of
// the README and an anonymous visitor follow every same-site link breadth-first, first in
// Chinese and then in English (switched with the header's own button), at 390 px wide. Any
// page that breaks is recorded, and one assertion at the end lists them all, so a single
// run shows everything that is wrong.
import fs from "node:fs";
import path from "node:path";
import type { ConsoleMessage, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "#db/seed-data/accounts";
import { demoCounters } from "#db/seed-data/counters";
import { openBrowser } from "./browser";
import {
  checkAxe,
  checkBytes,
  checkLayout,
  checkTitle,
  crawlable,
  routeShape,
} from "./crawl-checks";
import { T, addWithFetcher, fillCheckout, submitAndWait } from "./helpers";
import { ROOT, startServer, type StoreServer } from "./server";

type Locale = "zh-CN" | "en";
type Visitor = { name: string; login?: string; password?: string };

const PHONE = { width: 390, height: 844 };
/** URLs opened per route shape and visitor (a product page stands for all of them). */
const PER_SHAPE = 2;
/** A backstop against a link explosion; no visitor comes near it today. */
const PER_VISITOR = 80;
const HYDRATION_MS = 10_000;
/** Visitors crawled at the same time (the store and two Chromiums share two cores). */
const CONCURRENCY = Number(process.env.CRAWL_CONCURRENCY ?? 2);

// CRAWL_VISITORS=anonymous,yak crawls only the visitors whose names contain one of those.
const ONLY = process.env.CRAWL_VISITORS?.split(",").filter(Boolean);
const SHOPPER = "13800000000";
const PURCHASER = "buyer@shanhai.demo";
const COUNTER_STAFF = demoCounters[0]!.staff;
const VISITORS: Visitor[] = [
  { name: "anonymous" },
  ...demoAccounts.map((a) => ({ name: a.login, login: a.login, password: a.password })),
  // a counter's clerk (ADR 046), created with the counters rather than the demo accounts
  { name: COUNTER_STAFF.login, login: COUNTER_STAFF.login, password: COUNTER_STAFF.password },
].filter((v) => !ONLY || ONLY.some((part) => v.name.includes(part)));

/**
 * Pages the crawl must reach by following the store's links, by whom, and from where. A
 * path with placeholders (routeShape's `:name`, `:id`) is met by any page of that shape; a
 * pattern by any page it matches.
 */
const MUST_REACH: Array<{ path: string | RegExp; visitors: string[]; from: string }> = [
  { path: "/account/favourites", visitors: [SHOPPER], from: "/account" },
  { path: "/account/institution", visitors: [SHOPPER, PURCHASER], from: "/account" },
  { path: "/account/aid", visitors: [PURCHASER], from: "/account" },
  // the printed certificate and its QR code's target (issue 13), in both languages
  {
    path: "/account/aid/certificate/:name",
    visitors: [SHOPPER],
    from: "/account/aid's list of certificates",
  },
  {
    path: "/certificates/:name",
    visitors: [SHOPPER],
    from: "the verification address under the printed certificate's QR code",
  },
  {
    path: "/transparency",
    visitors: ["anonymous", SHOPPER],
    from: "the footer or the home page's aid figure",
  },
  {
    path: /^\/orders\/SH-[^/]+\/voucher$/,
    visitors: [SHOPPER],
    from: "a paid order's page (its invoice section)",
  },
  { path: "/admin/invoices", visitors: ["admin@shanhai.demo"], from: "the admin navigation" },
  { path: "/aid/institutions", visitors: ["aid@shanhai.demo"], from: "the aid office navigation" },
  // a counter's sales behind the dashboard's sales-channel breakdown (ADR 051)
  {
    path: "/aid/entries?channel=counter",
    visitors: ["aid@shanhai.demo"],
    from: "/aid's sales channel table",
  },
  // the till and a sale's receipt (ADR 050): today's sales on /counter/till link their receipts
  { path: "/counter/till", visitors: [COUNTER_STAFF.login], from: "the counter desk's navigation" },
  {
    path: /^\/counter\/till\/SH-[^/]+$/,
    visitors: [COUNTER_STAFF.login],
    from: "/counter/till's list of today's sales",
  },
  // the counter desk (ADR 049): pickups, transfers in, the stock count; cooperatives send
  { path: "/counter", visitors: [COUNTER_STAFF.login], from: "the header's counter desk link" },
  {
    path: "/counter/transfers",
    visitors: [COUNTER_STAFF.login],
    from: "the counter desk's navigation",
  },
  {
    path: "/counter/stock",
    visitors: [COUNTER_STAFF.login],
    from: "the counter desk's navigation",
  },
  {
    path: "/coop/:name/transfers",
    visitors: ["yak@shanhai.demo", "milk@shanhai.demo"],
    from: "the cooperative portal's navigation",
  },
  {
    path: "/vouchers/verify",
    visitors: ["anonymous", SHOPPER],
    from: "/transparency (how it is checked)",
  },
  // the Nanjing counters (issue 15): public, linked from every page's footer
  {
    path: "/counters",
    visitors: ["anonymous", ...demoAccounts.map((a) => a.login), COUNTER_STAFF.login],
    from: "the footer",
  },
];

const reached = (visited: string, path: string | RegExp) => {
  const bare = visited.split(/[ ?]/)[0] ?? "";
  if (typeof path === "string" && path.includes("?")) {
    // a path with a query is met by that page with at least those parameters
    const url = new URL(visited.split(" ")[0]!, "http://x");
    const [want, query] = path.split("?");
    const params = [...new URLSearchParams(query)];
    return url.pathname === want && params.every(([k, v]) => url.searchParams.get(k) === v);
  }
  if (typeof path !== "string") return path.test(bare);
  return bare === path || routeShape(visited.split(" ")[0]!) === path;
};

/**
 * The shape a URL counts under for PER_SHAPE: its route's, except that the aid drill-down
 * by sales channel (ADR 051) is a page of its own, not two more of /aid/entries' links.
 */
const crawlShape = (url: string) => {
  const channel = new URL(url, "http://x").searchParams.get("channel");
  return routeShape(url) + (channel ? `?channel=${channel}` : "");
};

interface Failure {
  visitor: string;
  locale: Locale;
  path: string;
  reason: string;
}

interface Coverage {
  visitor: string;
  locale: Locale;
  pages: number;
  shapes: number;
  seconds: number;
  axeSeconds: number;
  /** URLs still queued when PER_VISITOR stopped the crawl */
  left: number;
  visited: string[];
}

describe("crawl: every page for every visitor, on a phone, in both languages", () => {
  let server: StoreServer;
  const failures: Failure[] = [];
  const coverage: Coverage[] = [];
  // axe is the slow check: once per route shape and language, whoever gets there first.
  const axed = new Set<string>();

  beforeAll(async () => {
    // the store as `npm start` leaves it: with the demo order history, so order pages,
    // parcels, refunds and the aid figures are crawled with something in them
    server = await startServer({}, { demoOrders: true });
  });

  afterAll(async () => {
    await server?.stop();
  });

  /** Opens one URL and records whatever is wrong with it; returns the links it holds. */
  async function visit(page: Page, pagePath: string, locale: Locale, fail: (r: string) => void) {
    const errors: string[] = [];
    const onPageError = (e: Error) => errors.push(`page error: ${e.message}`);
    const onConsole = (m: ConsoleMessage) => {
      if (m.type() !== "error") return;
      const where = m.location().url ? ` (${new URL(m.location().url).pathname})` : "";
      errors.push(`console error: ${m.text().split("\n")[0]}${where}`);
    };
    page.on("pageerror", onPageError);
    page.on("console", onConsole);
    try {
      const response = await page.goto(server.baseUrl + pagePath, { waitUntil: "load" });
      if (!response) {
        fail("no response");
        return { finalPath: pagePath, links: [] as string[], axeMs: 0 };
      }
      const finalUrl = new URL(page.url());
      const finalPath = finalUrl.pathname + finalUrl.search;
      const status = response.status();
      if (status >= 500) fail(`answered ${status}`);
      // a link the site shows this visitor should lead somewhere they may go
      else if (status >= 400) fail(`answered ${status} to a link on the site`);
      for (const problem of await checkBytes(response)) fail(problem);

      const hydrated = await page
        .waitForFunction(() => document.body.dataset.hydrated === "true", null, {
          timeout: HYDRATION_MS,
        })
        .then(() => true)
        .catch(() => false);
      if (!hydrated) fail(`did not hydrate within ${HYDRATION_MS / 1000} s`);

      const lang = await page.evaluate(() => document.documentElement.lang);
      if (lang !== locale) fail(`<html lang="${lang}">, expected ${locale}`);
      for (const problem of checkTitle(await page.title(), locale)) fail(problem);
      for (const problem of await checkLayout(page)) fail(problem);
      const axeKey = `${locale} ${routeShape(finalPath)}`;
      let axeMs = 0;
      if (!axed.has(axeKey)) {
        axed.add(axeKey);
        const axeStarted = Date.now();
        for (const problem of await checkAxe(page)) fail(problem);
        axeMs = Date.now() - axeStarted;
      }
      const links = await page.$$eval("a[href]", (as) =>
        as.map((a) => (a as HTMLAnchorElement).href),
      );
      return { finalPath, links, axeMs };
    } finally {
      page.off("pageerror", onPageError);
      page.off("console", onConsole);
      for (const error of new Set(errors)) fail(error);
    }
  }

  /** Breadth-first over same-site links from `starts`, a few URLs per route shape. */
  async function crawl(page: Page, visitor: Visitor, locale: Locale, starts: string[]) {
    const started = Date.now();
    const seen = new Set<string>();
    const perShape = new Map<string, number>();
    const queue: string[] = [];
    const enqueue = (href: string) => {
      const next = crawlable(href, server.baseUrl);
      if (!next || seen.has(next)) return;
      seen.add(next);
      const shape = crawlShape(next);
      const count = perShape.get(shape) ?? 0;
      if (count >= PER_SHAPE) return;
      perShape.set(shape, count + 1);
      queue.push(next);
    };
    starts.forEach(enqueue);
    const visited: string[] = [];
    let axeMs = 0;
    while (queue.length && visited.length < PER_VISITOR) {
      const pagePath = queue.shift()!;
      visited.push(pagePath);
      const fail = (reason: string) =>
        failures.push({ visitor: visitor.name, locale, path: pagePath, reason });
      try {
        const pageStarted = Date.now();
        const result = await visit(page, pagePath, locale, fail);
        const { finalPath, links } = result;
        axeMs += result.axeMs;
        visited[visited.length - 1] += ` (${Date.now() - pageStarted} ms)`;
        seen.add(crawlable(finalPath, server.baseUrl) ?? finalPath);
        links.forEach(enqueue);
      } catch (error) {
        fail(`the crawl could not open it: ${(error as Error).message.split("\n")[0]}`);
      }
    }
    coverage.push({
      visitor: visitor.name,
      locale,
      pages: visited.length,
      shapes: perShape.size,
      seconds: Math.round((Date.now() - started) / 1000),
      axeSeconds: Math.round(axeMs / 1000),
      left: queue.length,
      visited,
    });
  }

  async function signIn(page: Page, visitor: Visitor): Promise<string> {
    await page.goto(`${server.baseUrl}/login`);
    await page.locator("#field-login").fill(visitor.login!);
    await page.locator("#field-password").fill(visitor.password!);
    await submitAndWait(
      page,
      page.locator("main form button[type=submit]"),
      (u) => u.pathname !== "/login",
    );
    return new URL(page.url()).pathname;
  }

  async function addToCart(page: Page, slug: string, expected: number) {
    await page.goto(`${server.baseUrl}/products/${slug}`);
    await page.waitForFunction(() => document.body.dataset.hydrated === "true");
    await addWithFetcher(
      page,
      page.locator("form.add-to-cart").getByRole("button", { name: T.add }),
      expected,
    );
  }

  /**
   * Before anyone crawls, the shopper buys from two cooperatives and a three-county gift box,
   * pays and takes an aid certificate, so the order, shipment, refund, ledger and certificate
   * pages of every role have something to show (the box with its split: ADR 044).
   */
  async function fillTheStore(shopper: Visitor) {
    const browser = await openBrowser({ viewport: PHONE });
    try {
      const page = await browser.context.newPage();
      await signIn(page, shopper);
      await addToCart(page, "yak-shank", 1);
      await addToCart(page, "set-yogurt", 2);
      await addToCart(page, "three-county-gift-box", 3);
      await page.goto(`${server.baseUrl}/checkout`);
      await fillCheckout(page);
      await submitAndWait(page, page.getByRole("button", { name: T.place }), (u) =>
        u.pathname.startsWith("/pay/demo/"),
      );
      await submitAndWait(page, page.getByRole("button", { name: T.payConfirm }), (u) =>
        u.pathname.startsWith("/orders/"),
      );
      await page.goto(`${server.baseUrl}/account/aid`);
      // the box is one item, its aid split across the counties underneath
      const box = page.getByTestId("aid-recent-box").first();
      await box.waitFor({ timeout: 10_000 });
      if ((await page.getByTestId("box-split").first().locator("li").count()) < 2) {
        throw new Error("the gift box on /account/aid shows no split");
      }
      await submitAndWait(
        page,
        page.locator("section[aria-labelledby=certificate-title] form button[type=submit]"),
        (u) => u.pathname.startsWith("/account/aid/certificate/"),
      );
      // a favourite, so /account/favourites shows a product card
      await page.goto(`${server.baseUrl}/products/yak-shank`);
      await submitAndWait(page, page.getByTestId("favourite-toggle"), (u) =>
        u.pathname.startsWith("/products/yak-shank"),
      );
    } catch (error) {
      failures.push({
        visitor: shopper.name,
        locale: "zh-CN",
        path: "(setup)",
        reason: `buying and taking a certificate failed: ${(error as Error).message.split("\n")[0]}`,
      });
    } finally {
      await browser.close();
    }
  }

  async function crawlAs(visitor: Visitor) {
    const browser = await openBrowser({ viewport: PHONE, locale: "zh-CN" });
    try {
      const page = await browser.context.newPage();
      const setupFail = (reason: string) =>
        failures.push({ visitor: visitor.name, locale: "zh-CN", path: "(setup)", reason });
      const starts = ["/"];
      try {
        if (visitor.login) starts.push(await signIn(page, visitor));
        // a line in the cart, so /cart and /checkout show a full page
        if (!visitor.login || visitor.login === SHOPPER) await addToCart(page, "yak-jerky", 1);
      } catch (error) {
        setupFail(`setting up failed: ${(error as Error).message.split("\n")[0]}`);
      }
      await crawl(page, visitor, "zh-CN", starts);

      // To English the way a person does it: the header's language button.
      try {
        await page.goto(`${server.baseUrl}/`);
        await Promise.all([
          page.waitForResponse(
            (r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/language",
          ),
          page.locator(".site-header .lang-switch button").click(),
        ]);
        await page.waitForFunction(() => document.documentElement.lang === "en");
      } catch (error) {
        setupFail(`the header's language switch did not switch to English: ${error}`);
      }
      await crawl(page, visitor, "en", starts);
    } finally {
      await browser.close();
    }
  }

  it(
    "no page answers 5xx, carries bad bytes, throws, fails to hydrate, lacks a title, has a serious axe violation or overflows a phone",
    async () => {
      const started = Date.now();
      const shopper = VISITORS.find((v) => v.login === SHOPPER);
      if (shopper) await fillTheStore(shopper);
      const waiting = [...VISITORS];
      const worker = async () => {
        for (let visitor = waiting.shift(); visitor; visitor = waiting.shift()) {
          await crawlAs(visitor);
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const seconds = Math.round((Date.now() - started) / 1000);
      const alive = await fetch(`${server.baseUrl}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (!alive) {
        failures.push({
          visitor: "-",
          locale: "zh-CN",
          path: "/healthz",
          reason: `the store stopped answering; its last words:\n${server.output().slice(-3000)}`,
        });
      }

      for (const { path, visitors, from } of MUST_REACH) {
        for (const c of coverage.filter((entry) => visitors.includes(entry.visitor))) {
          if (c.visited.some((v) => reached(v, path))) continue;
          failures.push({
            visitor: c.visitor,
            locale: c.locale,
            path: String(path),
            reason: `the crawl did not reach it by following links from ${from}`,
          });
        }
      }

      const summary = coverage
        .map(
          (c) =>
            `  ${c.visitor.padEnd(20)} ${c.locale.padEnd(5)} ${c.pages} pages, ${c.shapes} route shapes, ${c.seconds} s (axe ${c.axeSeconds} s)` +
            (c.left ? `, stopped with ${c.left} URLs unvisited: raise PER_VISITOR` : ""),
        )
        .join("\n");
      console.log(`crawl: ${seconds} s, ${failures.length} failures\n${summary}`);
      const out = path.join(ROOT, "tmp");
      fs.mkdirSync(out, { recursive: true });
      fs.writeFileSync(
        path.join(out, "crawl-summary.json"),
        JSON.stringify({ seconds, coverage, failures }, null, 2),
      );

      // Grouped by reason: the same fault on twelve pages reads as one fault.
      const byReason = new Map<string, string[]>();
      for (const f of failures) {
        const where = `${f.visitor} · ${f.locale} · ${f.path}`;
        byReason.set(f.reason, [...(byReason.get(f.reason) ?? []), where]);
      }
      const report = [...byReason].map(
        ([reason, pages]) => `${reason}\n    ${pages.join("\n    ")}`,
      );
      expect(report, `${failures.length} failures on crawled pages`).toEqual([]);
    },
    9 * 60_000,
  );
});
