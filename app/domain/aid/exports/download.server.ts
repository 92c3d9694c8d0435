// The answer to /aid/export.csv and /aid/export.xlsx: one reading of the request, one
// refusal, one set of headers; only the writer differs.
import type { DB } from "#db/connection";
import type { Locale } from "~/i18n/config";
import { serverI18n } from "~/i18n/i18n";
import { breakdownTitle } from "./columns.server";
import { csvStream } from "./csv.server";
import { contentDisposition, exportFileNames, parseExportRequest } from "./request.server";
import { exportRowsFromFile } from "./rows.server";
import { xlsxStream } from "./xlsx.server";

export type ExportFormat = "csv" | "xlsx";

const CONTENT_TYPE: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

export interface DownloadOptions {
  format: ExportFormat;
  url: URL;
  /** the request's: a closed download stops reading the database */
  signal: AbortSignal;
  /** rows stream from a read-only connection of their own to this file */
  databasePath: string;
  /** the language of a refusal */
  locale: Locale;
}

/** The export as a streamed download, or a 400 in words when the period or breakdown is wrong. */
export async function exportDownload(db: DB, options: DownloadOptions): Promise<Response> {
  const { format, signal } = options;
  const asked = parseExportRequest(options.url.searchParams);
  if ("error" in asked) {
    const { t } = await serverI18n(options.locale);
    return new Response(t(asked.error as "aidExtra.errors.period"), {
      status: 400,
      headers: {
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "private, no-store",
      },
    });
  }
  const rows = exportRowsFromFile(options.databasePath, db, asked);
  const names = exportFileNames(asked.breakdown, asked.period, format);
  const body =
    format === "csv"
      ? csvStream(asked.columns, rows, { signal })
      : xlsxStream(
          asked.columns,
          rows,
          { title: asked.title, sheetName: breakdownTitle(asked.breakdown) },
          { signal },
        );
  return new Response(body, {
    headers: {
      "Content-Type": CONTENT_TYPE[format],
      "Content-Disposition": contentDisposition(names.filename, names.ascii),
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
