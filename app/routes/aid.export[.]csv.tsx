// /aid/export.csv?period=…&from=…&to=…&breakdown=…: every ledger entry of a period, or one
// breakdown, as CSV (UTF-8 with BOM, Chinese headers), streamed from SQLite.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { csvStream } from "~/domain/aid/exports/csv.server";
import {
  contentDisposition,
  exportFileNames,
  parseExportRequest,
} from "~/domain/aid/exports/request.server";
import { exportRowsFromFile } from "~/domain/aid/exports/rows.server";
import { getLocale } from "~/i18n/locale.server";
import { serverI18n } from "~/i18n/i18n";
import { getDb } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { requireAidOfficer } from "~/utils/guards.server";

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
  const names = exportFileNames(asked.breakdown, asked.period, "csv");
  return new Response(csvStream(asked.columns, rows, { signal: request.signal }), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": contentDisposition(names.filename, names.ascii),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
