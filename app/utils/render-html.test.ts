import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { renderHtml } from "./render-html.server";

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

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
  for (const waitForAll of [false, true]) {
    it(`writes Chinese pages past 2 KB as exact UTF-8, without NUL bytes (waitForAll ${waitForAll})`, async () => {
      const stream = await renderHtml(page(), {
        waitForAll,
        signal: new AbortController().signal,
        onError: () => {},
      });
      const bytes = await bytesOf(stream);
      expect(bytes.length).toBeGreaterThan(2048 * 4);
      expect(bytes.indexOf(0), "index of the first NUL byte").toBe(-1);
      const html = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      // Compared by hand so a failure names the first differing character, not 30 KB of text.
      const at = [...EXPECTED].findIndex((ch, i) => html[i] !== ch);
      expect(at === -1 && html.length === EXPECTED.length, `first difference at ${at}`).toBe(true);
    });
  }
});
