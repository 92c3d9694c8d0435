import {
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
} from "@remix-run/node";
import { MAX_REVIEW_PICTURES } from "~/domain/buyer-reviews/buyer-review-fields";
import { MAX_IMAGE_BYTES } from "~/domain/coop/product-input";
import { readFormData } from "~/utils/request.server";

export type ReviewUpload =
  | { ok: true; form: FormData; pictures: Uint8Array[] }
  | { ok: false; form: FormData | null; error: string; params?: Record<string, number> };

const isMultipart = (request: Request) =>
  (request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data");

/**
 * The review form with its pictures, in memory. An oversized body is refused from its
 * Content-Length before it is read; a picture that grows past 5 MB as soon as it does. An
 * empty file input (no picture chosen) sends a nameless empty part, which is skipped.
 */
export async function readReviewUpload(request: Request): Promise<ReviewUpload> {
  if (!isMultipart(request)) return { ok: true, form: await readFormData(request), pictures: [] };
  const tooLarge = {
    ok: false,
    form: null,
    error: "portal.errors.imageTooLarge",
    params: { mb: MAX_IMAGE_BYTES / 1024 / 1024 },
  } as const;
  const limit = MAX_REVIEW_PICTURES * MAX_IMAGE_BYTES + 64 * 1024;
  if (Number(request.headers.get("Content-Length") ?? 0) > limit) return tooLarge;
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMAGE_BYTES }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError) return tooLarge;
    throw new Response("The form could not be read", { status: 400 });
  }
  const files = form
    .getAll("pictures")
    .filter((f): f is File => typeof f !== "string" && f.size > 0);
  if (files.length > MAX_REVIEW_PICTURES) {
    return {
      ok: false,
      form,
      error: "buyerReviews.errors.tooManyPictures",
      params: { max: MAX_REVIEW_PICTURES },
    };
  }
  const pictures = await Promise.all(files.map(async (f) => new Uint8Array(await f.arrayBuffer())));
  return { ok: true, form, pictures };
}
