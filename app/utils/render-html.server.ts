import type { ReactNode } from "react";
// React's whole-string renderer, not a stream. The pages have no Suspense boundary and no
// deferred data, so streaming sent the same bytes in the same order, only later and dearer:
// React encoded each of hundreds of small chunks with TextEncoder and the server wrote them
// to the socket one by one. One string is encoded once. It is also clear of React 18.3's
// Node stream bug (U+0000 padding where a multi-byte character straddles a 2,048-byte
// buffer, facebook/react#24985): no byte buffer is involved at all.
// See docs/decisions/017-render-with-web-streams.md and 033-render-pages-to-a-string.md.
import { renderToString } from "react-dom/server";

/**
 * Renders a React document (rooted at `<html>`) to its HTML text, doctype included. A render
 * error throws, as an error in a streamed shell did, and Remix shows the error boundary.
 */
export function renderHtml(element: ReactNode): string {
  return `<!DOCTYPE html>${renderToString(element)}`;
}
