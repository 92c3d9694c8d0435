import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { MAX_IMAGE_BYTES } from "~/domain/coop/product-input";

export type Upload =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; error: "portal.errors.imageTooLarge" | "portal.errors.imageMissing" };

/**
 * The picture of a multipart post, in memory. An oversized one is refused from its
 * Content-Length before it is read at all, or as soon as its part grows too big.
 */
export async function readImageUpload(request: Request): Promise<Upload> {
  const tooLarge = { ok: false, error: "portal.errors.imageTooLarge" } as const;
  const missing = { ok: false, error: "portal.errors.imageMissing" } as const;
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_IMAGE_BYTES + 64 * 1024) {
    return tooLarge;
  }
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMAGE_BYTES }),
    );
  } catch (error) {
    return error instanceof MaxPartSizeExceededError ? tooLarge : missing;
  }
  const file = form.get("image");
  if (file === null || typeof file === "string" || file.size === 0) return missing;
  return { ok: true, bytes: new Uint8Array(await file.arrayBuffer()) };
}

export const isMultipart = (request: Request) =>
  (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
