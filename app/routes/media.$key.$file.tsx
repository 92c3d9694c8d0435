// Uploaded pictures (product pictures, review and after-sales photos), served from the file
// store (the database by default, ADR 054; never from public/ or build/). A key names one
// upload for ever, so browsers and CDNs may keep each file a year without asking again, and
// the store is read about once per file and visitor cache.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { readStoredImage } from "~/domain/coop/images.server";
import { fileStore } from "~/domain/storage/file-store.server";
import { getDb } from "~/utils/db.server";

const IMMUTABLE = "public, max-age=31536000, immutable";

export async function loader({ params }: LoaderFunctionArgs) {
  // Only an exact 32-hex key and a known size reach the store: no path traversal.
  const stored = await readStoredImage(
    fileStore(await getDb()),
    params.key ?? "",
    params.file ?? "",
  );
  if (!stored) {
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  return new Response(new Uint8Array(stored.bytes), {
    status: 200,
    headers: {
      "Content-Type": stored.contentType,
      "Content-Length": String(stored.bytes.byteLength),
      "Cache-Control": IMMUTABLE,
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'",
    },
  });
}
