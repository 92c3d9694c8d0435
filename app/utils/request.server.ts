import { DomainError } from "~/domain/errors";
import { getLocale } from "~/i18n/locale.server";
import { getDb } from "./db.server";
import { CACHE_CONTROL } from "./page-cache.server";

export async function storeContext(request: Request) {
  const [db, locale] = await Promise.all([getDb(), getLocale(request)]);
  return { db, locale };
}

/** Domain "not found" (and other refusals) become HTTP answers the error boundary shows. */
export async function orHttpError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DomainError) {
      throw new Response(error.code, { status: error.status });
    }
    throw error;
  }
}

/**
 * The submitted form. A body that does not parse as the form its Content-Type claims (a
 * broken multipart body, say) is the sender's mistake: a 400, where request.formData()
 * alone throws and Remix answers 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("The form could not be read", {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
}

/** Public pages' data: browsers ask again each time, a CDN may keep it a few seconds. */
export const PUBLIC_PAGE_CACHE = CACHE_CONTROL;
