import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { asLocale } from "~/i18n/config";
import { languageCookie } from "~/utils/cookies.server";
import { requireSameOrigin, safeRedirectPath } from "~/utils/security.server";
import { readFormData } from "~/utils/request.server";

export async function action({ request }: ActionFunctionArgs) {
  requireSameOrigin(request);
  const form = await readFormData(request);
  const locale = asLocale(form.get("lng"));
  return redirect(safeRedirectPath(form.get("redirectTo")), {
    headers: { "Set-Cookie": await languageCookie.serialize(locale) },
  });
}

export async function loader() {
  return redirect("/");
}
