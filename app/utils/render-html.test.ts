import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { renderHtml } from "./render-html.server";

// Many short Chinese strings (as a page has: labels, names, attributes) with ASCII of
// varying length between them, so three-byte characters straddle React's 2,048-byte chunks.
const COUNTY = "大通回族土族自治县";
const ITEMS = Array.from({ length: 300 }, (_, i) => `${COUNTY}${"x".repeat(i % 3)}`);

function page() {
  return createElement(
    "ul",
    null,
    ITEMS.map((text, i) =>
      createElement(
        "li",
        { key: i, "aria-label": text },
        createElement("textarea", { defaultValue: text, readOnly: true }),
        text,
      ),
    ),
  );
}

const EXPECTED = `<ul>${ITEMS.map(
  (text) => `<li aria-label="${text}"><textarea readonly="">${text}</textarea>${text}</li>`,
).join("")}</ul>`;

describe("renderHtml", () => {
  it("writes Chinese pages past 2 KB as exact UTF-8, without NUL bytes", async () => {
    const bytes = new Uint8Array(await new Response(renderHtml(page())).arrayBuffer());
    expect(bytes.length).toBeGreaterThan(2048 * 4);
    expect(bytes.indexOf(0), "index of the first NUL byte").toBe(-1);
    const html = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    const body = html.slice("<!DOCTYPE html>".length);
    // Compared by hand so a failure names the first differing character, not 30 KB of text.
    const at = [...EXPECTED].findIndex((ch, i) => body[i] !== ch);
    expect(at === -1 && body.length === EXPECTED.length, `first difference at ${at}`).toBe(true);
  });

  it("throws a render error, so Remix shows the error boundary", () => {
    const Broken = () => {
      throw new Error("broken page");
    };
    expect(() => renderHtml(createElement(Broken))).toThrow("broken page");
  });
});
