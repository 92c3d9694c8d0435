// /aid/export.csv?period=…&from=…&to=…&breakdown=…: every ledger entry of a period, or one
// breakdown, as CSV (UTF-8 with BOM, Chinese headers), streamed from SQLite.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportDownload } from "~/domain/aid/exports/download.server";
import { getLocale } from "~/i18n/locale.server";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { requireAidOfficer } from "~/utils/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAidOfficer(request);
  return exportDownload(await getDb(), {
    format: "csv",
    url: new URL(request.url),
    signal: request.signal,
    databasePath: env().DATABASE_PATH,
    locale: await getLocale(request),
  });
}
