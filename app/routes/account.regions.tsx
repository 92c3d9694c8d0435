import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { citiesOf } from "~/domain/account/regions.server";
import { requireUser } from "~/utils/guards.server";

// One province's cities and districts for the address picker (REGIONS_PATH), so the page
// never ships the whole country's list. The same for everyone, so the browser may keep it.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  const province = new URL(request.url).searchParams.get("province") ?? "";
  const cities = /^\d{2}$/.test(province) ? citiesOf(province) : [];
  if (!cities.length) return json({ cities }, { status: 404 });
  return json({ cities }, { headers: { "Cache-Control": "private, max-age=86400" } });
}
