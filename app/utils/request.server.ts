import { DomainError } from "~/domain/errors";
import { getLocale } from "~/i18n/locale.server";
import { getDb } from "./db.server";

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

/** Public catalogue pages: a short shared cache, and browsers revalidate after a minute. */
export const PUBLIC_PAGE_CACHE = "public, max-age=60, stale-while-revalidate=300";
