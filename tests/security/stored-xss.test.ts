// Stored script: payloads typed into product texts, certificates, addresses, notes,
// institution and thanks names, producer, staff and carrier names (scenario.ts) must reach
// every page that shows them as text. Every page each visitor can reach is read as sent
// (no markup from a payload, escaped in the hydration data too), then Chromium opens the
// pages that show payloads, with JavaScript, and watches for a dialog, a CSP refusal, a
// page error or an element a payload would have made.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openBrowser } from "../e2e/browser";
import { routeShape } from "./discovery";
import { Client, baseUrl, count, problem, problems, saveTally } from "./harness";
import { XSS_SLUG, clientFor, ensureWorld, type Visitor, type World } from "./scenario";

/** Payload markup as it would stand in HTML had it not been escaped. */
const MARKUP = [
  /<script>alert\(/i,
  /<img src=x onerror/i,
  /<svg onload/i,
  /<iframe src=javascript/i,
  /(?:href|src|action|formaction)="javascript:/i,
];

function markupIn(html: string): string | null {
  for (const re of MARKUP) {
    const m = re.exec(html);
    if (m) return html.slice(Math.max(0, m.index - 80), m.index + 80).replace(/\s+/g, " ");
  }
  return null;
}

/** The escaped payloads the page should show, to know the check is not vacuous. */
const SHOWN = /&lt;(?:script|svg|img|iframe)[ >]|alert\(\d+\)/;

let world: World;
beforeAll(async () => {
  world = await ensureWorld();
});
afterAll(() => saveTally(import.meta.url));
// each test lists only its own problems
beforeEach(() => {
  problems.length = 0;
});

function visitorClient(visitor: Visitor): Client {
  return visitor === "anonymous" ? new Client("anonymous") : clientFor(world, visitor);
}

describe("stored script payloads", () => {
  const showing = new Map<Visitor, string[]>();

  it("are stored as typed", () => {
    expect(world.product.id).toBeGreaterThan(0);
    expect(world.order.number).toMatch(/^SH-/);
  });

  it("appear as text, never markup, on every page each visitor reaches", async () => {
    for (const visitor of Object.keys(world.discovered) as Visitor[]) {
      const client = visitorClient(visitor);
      const shown: string[] = [];
      for (const page of world.discovered[visitor].pages) {
        const answer = await client.send(page, { remember: false });
        count("stored XSS: pages read");
        const found = markupIn(answer.text);
        if (found) problem(`stored XSS: ${visitor} ${page} carries markup: ${found}`);
        if (SHOWN.test(answer.text)) shown.push(page);
      }
      showing.set(visitor, shown);
    }
    // the payloads must actually be on the pages that show what was typed
    const all = [...showing.values()].flat();
    for (const expected of [
      `/cooperatives/${XSS_SLUG}`,
      `/orders/${world.order.number}`,
      `/admin/orders/${world.order.number}`,
      "/thanks",
      "/admin/users",
    ]) {
      expect(
        all.some((p) => p.startsWith(expected)),
        `${expected} shows the payloads`,
      ).toBe(true);
    }
    expect(problems).toEqual([]);
  });

  it("run in no browser: no dialog, no CSP refusal, no element made by a payload", async () => {
    const browser = await openBrowser({ viewport: { width: 1280, height: 900 } });
    try {
      const page = await browser.context.newPage();
      const events: string[] = [];
      page.on("dialog", (d) => {
        events.push(`dialog ${d.type()}: ${d.message()}`);
        void d.dismiss();
      });
      page.on("pageerror", (e) => events.push(`page error: ${e.message}`));
      page.on("console", (m) => {
        if (m.type() === "error" || /Content Security Policy/i.test(m.text())) {
          events.push(`console: ${m.text().split("\n")[0]}`);
        }
      });
      for (const [visitor, pages] of showing) {
        await browser.context.clearCookies();
        const client = visitorClient(visitor);
        await browser.context.addCookies(
          [...client.cookies].map(([name, value]) => ({ name, value, url: baseUrl() })),
        );
        const shapes = new Set<string>();
        for (const path of pages) {
          const shape = routeShape(path);
          if (shapes.has(shape) || shapes.size >= 6) continue;
          shapes.add(shape);
          events.length = 0;
          await visit(page, path);
          count("stored XSS: pages run in Chromium");
          const made = await page.evaluate(() => ({
            probe: document.querySelectorAll("[data-xss-probe], img[src='x'], svg[onload], iframe")
              .length,
            flagged: (window as unknown as { __shanhaiXss?: number }).__shanhaiXss ?? null,
          }));
          if (made.probe)
            problem(`stored XSS: ${visitor} ${path}: ${made.probe} payload element(s) in the DOM`);
          if (made.flagged) problem(`stored XSS: ${visitor} ${path}: a payload ran`);
          for (const e of events) problem(`stored XSS: ${visitor} ${path}: ${e}`);
        }
      }
    } finally {
      await browser.close();
    }
    expect(problems).toEqual([]);
  });
});

async function visit(page: Page, path: string) {
  await page.goto(baseUrl() + path, { waitUntil: "load" });
  await page
    .waitForFunction(() => document.body.dataset.hydrated === "true", null, { timeout: 10_000 })
    .catch(() => problem(`stored XSS: ${path} did not hydrate within 10 s`));
  // a payload's handler runs on load or on error of its element: give it a moment
  await page.waitForTimeout(150);
}
