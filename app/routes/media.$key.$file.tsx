// Product pictures uploaded in the cooperative portal, served from the data folder (never
// from public/ or build/). A key names one upload for ever, so browsers and CDNs may keep
// each file a year without asking again.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { readStoredImage } from "~/domain/coop/images.server";

const IMMUTABLE = "public, max-age=31536000, immutable";

export async function loader({ params }: LoaderFunctionArgs) {
  // Only an exact 32-hex key and a known size reach the file system: no path traversal.
  const body = await readStoredImage(params.key ?? "", params.file ?? "");
  if (!body) {
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      "Content-Type": "image/webp",
      "Content-Length": String(body.byteLength),
      "Cache-Control": IMMUTABLE,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
    },
  });
}
