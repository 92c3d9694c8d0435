import { languageCookie } from "~/utils/cookies.server";
import { asLocale, type Locale } from "./config";

/** zh-CN unless the shopper chose English with the switch in the header. */
export async function getLocale(request: Request): Promise<Locale> {
  return asLocale(await languageCookie.parse(request.headers.get("Cookie")));
}
