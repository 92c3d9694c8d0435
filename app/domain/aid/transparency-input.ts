// The one query parameter of /transparency and its downloads: ?year=YYYY, from the start of
// the pairing (2016) to this year in Shanghai; anything else shows this year.
import { z } from "zod";
import { shanghaiYear } from "~/utils/time";

export const FIRST_YEAR = 2016;

export function transparencyYear(search: URLSearchParams, now = new Date()): number {
  const thisYear = shanghaiYear(now);
  const parsed = z.coerce
    .number()
    .int()
    .min(FIRST_YEAR)
    .max(thisYear)
    .safeParse(search.get("year") ?? thisYear);
  return parsed.success ? parsed.data : thisYear;
}
