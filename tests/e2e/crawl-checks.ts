// What the crawl (crawl.test.ts) decides about URLs and looks for in a loaded page. Kept
// apart from the crawl's plumbing so the rules can be read, and tested, on their own.
import { AxeBuilder } from "@axe-core/playwright";
import type { Page, Response } from "playwright-core";

/** Paths the crawl never opens: they sign out, switch language, download or are not pages. */
const SKIP = [
  /^\/logout\b/,
  /^\/language\b/,
  /^\/webhooks\//,
  /^\/(healthz|readyz|metrics)\b/,
  /^\/media\//,
  /^\/build\//,
  /^\/aid\/export\b/,
  // anything with a file extension is a download or an asset, not a page
  /\.[a-z0-9]{2,5}$/i,
];

/** Query parameters that are the page's subject, kept; any others are dropped. */
const KEPT_PARAMS = new Set([
  "q",
  "county",
  "category",
  "period",
  "at",
  "year",
  "breakdown",
  "status",
  // the aid drill-down by sales channel (ADR 051)
  "channel",
]);

/**
 * The URL the crawl should open for a link, or null to leave it: other sites, skipped paths.
 * Fragments go, and so do query parameters other than the few that change what a page is
 * about (paging and sorting would only multiply the same page).
 */
export function crawlable(href: string, origin: string): string | null {
  let url: URL;
  try {
    url = new URL(href, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  if (SKIP.some((re) => re.test(url.pathname))) return null;
  url.hash = "";
  for (const key of [...url.searchParams.keys()]) {
    if (!KEPT_PARAMS.has(key)) url.searchParams.delete(key);
  }
  url.searchParams.sort();
  return url.pathname + url.search;
}

/** Segments after these are names of things (a slug, a code, an order number). */
const NAMED_AFTER: Record<string, (index: number, next: string) => boolean> = {
  products: (i) => i === 0,
  counties: () => true,
  cooperatives: () => true,
  collections: () => true,
  certificates: () => true,
  certificate: () => true,
  coop: (i) => i === 0,
  orders: (_i, next) => next !== "lookup",
  demo: () => true,
};

/**
 * The route a path belongs to, with the names of things replaced by placeholders:
 * `/products/yak-shank` and `/products/fresh-milk` are both `/products/:name`. The crawl
 * opens only a few URLs of each shape.
 */
export function routeShape(path: string): string {
  const segments = new URL(path, "http://x").pathname.split("/").filter(Boolean);
  return (
    "/" +
    segments
      .map((segment, i) => {
        if (/^\d+$/.test(segment)) return ":id";
        const before = i > 0 ? segments[i - 1] : undefined;
        if (before && NAMED_AFTER[before]?.(i - 1, segment)) return ":name";
        return segment;
      })
      .join("/")
  );
}

/** A strict reading of the raw bytes: a NUL byte or invalid UTF-8 is a broken page. */
export async function checkBytes(response: Response): Promise<string[]> {
  const body = await response.body();
  const problems: string[] = [];
  const nul = body.indexOf(0);
  if (nul >= 0) problems.push(`NUL byte in the HTML at byte ${nul}`);
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(body);
  } catch {
    problems.push("the HTML is not valid UTF-8");
  }
  return problems;
}

// Han characters and CJK punctuation; only the brand 山海 may be Chinese in an English title.
const CHINESE = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;

export function checkTitle(title: string, locale: "zh-CN" | "en"): string[] {
  if (!title.trim()) return ["empty <title>"];
  if (locale === "en" && CHINESE.test(title.replaceAll("山海", ""))) {
    return [`Chinese in the English <title>: "${title}"`];
  }
  return [];
}

/**
 * Phone layout: the page must not be wider than the screen, and every link, button and
 * input of the header must be fully on screen, not cut off by the viewport or by a
 * scrolling row it sits in.
 */
export async function checkLayout(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth) {
      // Name the widest element that is not inside a scrolling box, to say where to look.
      let widest = "";
      let widestRight = root.clientWidth;
      const clipped = (el: Element) => {
        for (let box = el.parentElement; box && box !== document.body; box = box.parentElement) {
          if (getComputedStyle(box).overflowX !== "visible") return true;
        }
        return false;
      };
      for (const el of document.querySelectorAll("body *")) {
        const right = el.getBoundingClientRect().right + window.scrollX;
        if (right > widestRight + 0.5 && !clipped(el)) {
          widestRight = right;
          const classes = typeof el.className === "string" ? el.className.trim() : "";
          widest = el.tagName.toLowerCase() + (classes ? "." + classes.split(/\s+/).join(".") : "");
        }
      }
      problems.push(
        `page wider than the screen: ${root.scrollWidth}px in ${root.clientWidth}px${widest ? ` (widest: ${widest})` : ""}`,
      );
    }
    const controls = document.querySelectorAll<HTMLElement>(
      ".site-header a, .site-header button, .site-header input",
    );
    for (const el of controls) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue; // hidden input, closed menu
      if (getComputedStyle(el).visibility === "hidden") continue;
      let left = 0;
      let right = root.clientWidth;
      for (let box = el.parentElement; box && box !== root; box = box.parentElement) {
        if (getComputedStyle(box).overflowX !== "visible") {
          const clip = box.getBoundingClientRect();
          left = Math.max(left, clip.left);
          right = Math.min(right, clip.right);
        }
      }
      if (rect.left < left - 1 || rect.right > right + 1) {
        const name = (el.textContent || el.getAttribute("aria-label") || el.tagName).trim();
        problems.push(
          `header ${el.tagName.toLowerCase()} "${name}" is off screen (${Math.round(rect.left)}–${Math.round(rect.right)}px, visible ${Math.round(left)}–${Math.round(right)}px)`,
        );
      }
    }
    return problems;
  });
}

/** Serious and critical axe-core violations, one line each with a few of the elements. */
export async function checkAxe(page: Page): Promise<string[]> {
  // Only violations are read: axe then skips detailing every passing node, which is most
  // of its time on a long page. Legacy mode runs axe in the page itself: the default opens a
  // second page per call to merge frames' results, which tripled axe's time (1.5 s against
  // 0.5 s on /aid) and our pages have no frames to merge (ADR 057).
  const results = await new AxeBuilder({ page })
    .setLegacyMode(true)
    .options({ resultTypes: ["violations"] })
    .analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => {
      const targets = v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(" "))
        .join(", ");
      const more = v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : "";
      return `axe ${v.impact} ${v.id} (${v.help}): ${targets}${more}`;
    });
}
