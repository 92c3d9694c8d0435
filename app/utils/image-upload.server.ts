import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { MAX_GALLERY } from "~/domain/coop/gallery.server";
import { MAX_IMAGE_BYTES } from "~/domain/coop/product-input";

type UploadError = "portal.errors.imageTooLarge" | "portal.errors.imageMissing";

export type Upload = { ok: true; bytes: Uint8Array } | { ok: false; error: UploadError };

/** A multipart post's pictures (the `image` fields, in order) and its text fields. */
export type Uploads =
  { ok: true; images: Uint8Array[]; form: FormData } | { ok: false; error: UploadError };

/**
 * The pictures of a multipart post, in memory, with its other fields. An oversized post is
 * refused from its Content-Length before it is read at all (server/guards.js already caps a
 * multipart body at 8 MB). A picture over MAX_IMAGE_BYTES is refused after the body has been
 * read: stopping mid-body would reset the connection, and the browser would show a network
 * error instead of our message. Empty file fields (nothing chosen) are left out; `required`
 * says whether none is an error.
 */
export async function readImageUploads(
  request: Request,
  { required = true }: { required?: boolean } = {},
): Promise<Uploads> {
  const tooLarge = { ok: false, error: "portal.errors.imageTooLarge" } as const;
  const missing = { ok: false, error: "portal.errors.imageMissing" } as const;
  const limit = MAX_GALLERY * MAX_IMAGE_BYTES + 256 * 1024;
  if (Number(request.headers.get("Content-Length") ?? 0) > limit) return tooLarge;
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: limit }),
    );
  } catch (error) {
    return error instanceof MaxPartSizeExceededError ? tooLarge : missing;
  }
  const images: Uint8Array[] = [];
  for (const file of form.getAll("image")) {
    if (typeof file === "string" || file.size === 0) continue;
    if (file.size > MAX_IMAGE_BYTES) return tooLarge;
    images.push(new Uint8Array(await file.arrayBuffer()));
  }
  if (required && images.length === 0) return missing;
  return { ok: true, images, form };
}

/** One picture (the first), as the single-picture forms post it. */
export async function readImageUpload(request: Request): Promise<Upload> {
  const uploads = await readImageUploads(request);
  return uploads.ok ? { ok: true, bytes: uploads.images[0]! } : uploads;
}

export const isMultipart = (request: Request) =>
  (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");
