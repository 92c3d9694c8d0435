// /aid/export.xlsx?period=…&from=…&to=…&breakdown=…: the same rows as the CSV, as an Excel
// workbook with a title row, a frozen header and number formats, streamed as it is zipped.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportDownload } from "~/domain/aid/exports/download.server";
import { getLocale } from "~/i18n/locale.server";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { requireAidOfficer } from "~/utils/guards.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAidOfficer(request);
  return exportDownload(await getDb(), {
    format: "xlsx",
    url: new URL(request.url),
    signal: request.signal,
    databasePath: env().DATABASE_PATH,
    locale: await getLocale(request),
  });
}
