// /aid/export.xlsx?period=…&from=…&to=…&breakdown=…: the same rows as the CSV, as an Excel
// workbook with a title row, a frozen header and number formats, streamed as it is zipped.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { breakdownTitle } from "~/domain/aid/exports/columns.server";
import {
  contentDisposition,
  exportFileNames,
  parseExportRequest,
} from "~/domain/aid/exports/request.server";
import { exportRowsFromFile } from "~/domain/aid/exports/rows.server";
import { xlsxStream } from "~/domain/aid/exports/xlsx.server";
import { getLocale } from "~/i18n/locale.server";
import { serverI18n } from "~/i18n/i18n";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { requireAidOfficer } from "~/utils/guards.server";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAidOfficer(request);
  const asked = parseExportRequest(new URL(request.url).searchParams);
  if ("error" in asked) {
    const { t } = await serverI18n(await getLocale(request));
    return new Response(t(asked.error as "aidExtra.errors.period"), {
      status: 400,
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "private, no-store",
      },
    });
  }
  const db = await getDb();
  const rows = exportRowsFromFile(env().DATABASE_PATH, db, asked);
  const names = exportFileNames(asked.breakdown, asked.period, "xlsx");
  const body = xlsxStream(
    asked.columns,
    rows,
    { title: asked.title, sheetName: breakdownTitle(asked.breakdown) },
    { signal: request.signal },
  );
  return new Response(body, {
    headers: {
      "Content-Type": XLSX_TYPE,
      "Content-Disposition": contentDisposition(names.filename, names.ascii),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
