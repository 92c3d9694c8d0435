// /transparency.json?year=YYYY — the public figures and digests as JSON (ADR 040).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { transparencyJson } from "~/domain/aid/transparency-downloads.server";
import { transparencyReport } from "~/domain/aid/transparency.server";
import { transparencyYear } from "~/domain/aid/transparency-input";
import { getDb } from "~/utils/db.server";
import { PUBLIC_PAGE_CACHE } from "~/utils/request.server";
import { shanghaiDate } from "~/utils/time";

// Public: no guard, no personal data.
export async function loader({ request }: LoaderFunctionArgs) {
  const now = new Date();
  const year = transparencyYear(new URL(request.url).searchParams, now);
  const report = await transparencyReport(await getDb(), year, shanghaiDate(now));
  return new Response(JSON.stringify(transparencyJson(report), null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="shanhai-aid-${year}.json"`,
      "Cache-Control": PUBLIC_PAGE_CACHE,
    },
  });
}
