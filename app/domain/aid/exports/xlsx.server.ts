// XLSX as a byte stream (/aid/export.xlsx), written with exceljs's streaming WorkbookWriter.
import { once } from "node:events";
import { PassThrough, Readable, type Writable } from "node:stream";
import ExcelJS from "exceljs";
import { wanHundredths } from "~/utils/money";
import {
  TOTAL_LABEL,
  type ColumnKind,
  type ExportColumn,
  type ExportValue,
} from "./columns.server";
import { defuseFormula, nextTurn, type StreamOptions } from "./writer-common.server";

const NUM_FMT: Partial<Record<ColumnKind, string>> = {
  yuan: "#,##0.00",
  wan: "0.00",
  int: "#,##0",
};
const XLSX_YIELD_EVERY = 500;

/**
 * XLSX written with exceljs's streaming WorkbookWriter: a title row naming the period, a
 * bold header row frozen under it, column widths and number formats ("#,##0.00" for 元,
 * "0.00" for 万元). Each row is committed as it is written; every few hundred rows the
 * writer waits for the zip to drain, so memory stays bounded.
 */
export function xlsxStream(
  columns: ExportColumn[],
  rows: AsyncIterable<ExportValue[]>,
  meta: { title: string; sheetName: string },
  options: StreamOptions = {},
): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const iterator = rows[Symbol.asyncIterator]();
  // aborted (the client went away): stop reading rows and close the workbook, a few KB;
  // abandoned (the body was cancelled, nothing reads `out` any more): just stop
  const state = { aborted: false, abandoned: false };
  const abort = () => {
    state.aborted = true;
    void iterator.return?.(undefined);
  };
  options.signal?.addEventListener("abort", abort, { once: true });
  out.on("close", () => {
    if (out.writableFinished) return;
    state.abandoned = true;
    abort();
  });
  writeWorkbook(out, columns, iterator, meta, state)
    .catch((error: unknown) => {
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    })
    .finally(() => options.signal?.removeEventListener("abort", abort));
  // Node types Readable.toWeb as node:stream/web's ReadableStream, which the DOM lib's
  // ReadableStream (what a Remix Response takes) does not accept: the same object at runtime
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}

async function writeWorkbook(
  out: PassThrough,
  columns: ExportColumn[],
  rows: AsyncIterator<ExportValue[]>,
  meta: { title: string; sheetName: string },
  state: { aborted: boolean; abandoned: boolean },
) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = "山海 Shanhai";
  const sheet = workbook.addWorksheet(safeSheetName(meta.sheetName), {
    views: [{ state: "frozen", ySplit: 2, xSplit: 0 }],
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  addTitleAndHeader(sheet, columns, meta.title);
  let n = 0;
  while (!state.aborted) {
    const next = await rows.next();
    if (next.done) break;
    addValues(sheet, columns, next.value);
    if (++n % XLSX_YIELD_EVERY === 0) await drained(sheet, out);
  }
  if (state.abandoned) return;
  sheet.commit();
  await workbook.commit();
}

function addTitleAndHeader(sheet: ExcelJS.Worksheet, columns: ExportColumn[], text: string) {
  sheet.columns = columns.map((c, i) => ({ key: `c${i}`, width: c.width }));
  const title = sheet.addRow([text]);
  title.font = { bold: true, size: 14 };
  title.height = 24;
  sheet.mergeCells(1, 1, 1, columns.length);
  title.commit();
  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8F1FB" } };
    cell.border = { bottom: { style: "thin", color: { argb: "FF9AA8B8" } } };
  });
  header.commit();
}

/** One row: 元 and 万元 as numbers with their formats, 合计 in bold. */
function addValues(sheet: ExcelJS.Worksheet, columns: ExportColumn[], values: ExportValue[]) {
  const row = sheet.addRow(
    values.map((v, i) => {
      const kind = columns[i]?.kind ?? "text";
      if (kind === "yuan") return Number(v) / 100;
      if (kind === "wan") return wanHundredths(Number(v)) / 100;
      // a text cell never runs, but the sheet may be saved as CSV or pasted on
      return kind === "text" ? defuseFormula(String(v)) : v;
    }),
  );
  columns.forEach((c, i) => {
    const fmt = NUM_FMT[c.kind];
    if (fmt) row.getCell(i + 1).numFmt = fmt;
  });
  if (values[0] === TOTAL_LABEL) row.font = { bold: true };
  row.commit();
}

/**
 * Lets queued zip work run, then waits while anything downstream is behind. exceljs writes
 * committed rows into the sheet's stream without heeding backpressure, and that stream
 * feeds the zip through a PassThrough it pipes to (its `pipes`, an exceljs internal, read
 * defensively), so that PassThrough's buffer is where a backlog shows; `out` is checked too.
 * Without this a year of entries held ~600 MB of sheet XML before the zip caught up.
 */
async function drained(sheet: ExcelJS.Worksheet, out: PassThrough) {
  await nextTurn();
  // exceljs does not type its worksheet writer's stream: read it as the unknown it is
  const pipes = (sheet as unknown as { stream?: { pipes?: unknown } }).stream?.pipes;
  const streams = [...(Array.isArray(pipes) ? (pipes as Writable[]) : []), out];
  for (const stream of streams) {
    while (needsDrain(stream) && !stream.destroyed && !out.destroyed) {
      const done = new AbortController();
      const signal = done.signal;
      await Promise.race([
        once(stream, "drain", { signal }),
        once(stream, "close", { signal }),
        once(out, "close", { signal }),
      ]).finally(() => done.abort());
    }
  }
}

/** writableNeedDrain, also for readable-stream 2 (archiver's), which predates the getter. */
function needsDrain(stream: Writable): boolean {
  // readable-stream 2 keeps needDrain on an untyped internal, read as the unknown it is
  const state = (stream as unknown as { _writableState?: { needDrain?: boolean } })._writableState;
  return stream.writableNeedDrain ?? state?.needDrain ?? false;
}

function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet1";
}
