import type { ReactNode } from "react";
// The web-stream build, not `react-dom/server`'s renderToPipeableStream: React 18.3's Node
// build writes its whole 2,048-byte buffer, zero padding included, whenever a multi-byte
// character does not fit (facebook/react#24985), which put U+0000 into Chinese pages.
// See docs/decisions/017-render-with-web-streams.md.
import { renderToReadableStream } from "react-dom/server.browser";

export interface RenderOptions {
  /** wait for every Suspense boundary (bots, SPA mode) instead of streaming after the shell */
  waitForAll: boolean;
  /** ends the render: the client went away, or it took too long */
  signal: AbortSignal;
  onError: (error: unknown) => void;
  /** the Content-Security-Policy nonce for React's own inline scripts */
  nonce?: string;
}

/** Renders a React document to a stream of UTF-8 bytes. */
export async function renderHtml(
  element: ReactNode,
  { waitForAll, signal, onError, nonce }: RenderOptions,
): Promise<ReadableStream<Uint8Array>> {
  // React listens to the signal for as long as it holds it, and aborting a render whose
  // stream is already closed throws (ERR_INVALID_STATE). The server aborts every request's
  // signal when its response ends, so React gets a signal of its own, cut loose once
  // everything is rendered; a client that leaves later simply cancels the stream.
  const controller = new AbortController();
  const abort = () => controller.abort(signal.reason);
  if (signal.aborted) abort();
  else signal.addEventListener("abort", abort, { once: true });
  const stream = await renderToReadableStream(element, {
    signal: controller.signal,
    onError,
    nonce,
  });
  void stream.allReady.then(
    () => signal.removeEventListener("abort", abort),
    () => signal.removeEventListener("abort", abort),
  );
  if (waitForAll) await stream.allReady;
  return stream;
}
