// Aid-office exports (/aid/export.csv, /aid/export.xlsx) and the figures of the printable
// monthly report. Every ledger entry, or one breakdown of the daily rollups, for a period;
// streamed row by row from SQLite into CSV or XLSX so a year of a million orders never
// sits in memory. Headers and labels are Chinese whatever the UI language: the reports go
// to Chinese aid offices. See docs/decisions/016-aid-exports-and-integrity.md.
import { fenToWan, fenToYuan, wanHundredths } from "~/utils/money";
import { once } from "node:events";
import { PassThrough, Readable, type Writable } from "node:stream";
import SQLite from "better-sqlite3";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import type { DB } from "#db/connection";
import { aidExtra as zh } from "~/i18n/zh-CN/aidExtra";
import { dash } from "~/i18n/zh-CN/dash";
import type { Locale } from "~/i18n/config";
import {
  aidTotals,
  breakdown as dashboardBreakdown,
  DIMENSIONS,
  type BreakdownRow as DashboardRow,
  type Dimension,
} from "./dashboard.server";
import {
  customPeriod,
  monthPeriod,
  parseDay,
  parsePeriod,
  PERIOD_KINDS,
  type Period,
  type PeriodKind,
} from "./periods";

export { DIMENSIONS, type Dimension, type Period };

// ---------------------------------------------------------------------------------------
// Periods: the dashboard's own (periods.ts), so a link from the page exports what it shows.
// period=month|quarter|year with at=2026-11|2026-Q4|2026, or with from=YYYY-MM-DD naming a
// day inside it; period=custom with from and to. This month in Shanghai by default.

/** A catalogue key (aidExtra.errors.*) naming what is wrong with the query. */
export type ParamError = { error: string };

/** Like the dashboard's parsePeriod, but a mistake is an error rather than this month. */
export function resolvePeriod(params: URLSearchParams, now = new Date()): Period | ParamError {
  const kind = params.get("period") || "month";
  if (!PERIOD_KINDS.includes(kind as PeriodKind)) return { error: "aidExtra.errors.period" };
  const search = new URLSearchParams(params);
  search.set("period", kind);
  const from = search.get("from")?.trim();
  if (kind !== "custom" && !search.get("at") && from) {
    // a day inside the month, quarter or year wanted
    const day = parseDay(from);
    if (!day) return { error: "aidExtra.errors.date" };
    const [y, m] = [day.slice(0, 4), Number(day.slice(5, 7))];
    search.set(
      "at",
      kind === "month" ? day.slice(0, 7) : kind === "quarter" ? `${y}-Q${Math.ceil(m / 3)}` : y,
    );
  }
  const parsed = parsePeriod(search, now);
  const [first] = Object.values(parsed.errors);
  if (first) {
    const name = first.slice(first.lastIndexOf(".") + 1);
    return { error: name in zh.errors ? `aidExtra.errors.${name}` : "aidExtra.errors.period" };
  }
  return parsed.period;
}

/** The period as a Chinese report names it: 2026年11月, 2026年第4季度, 2026年, a 至 b. */
export function periodName(period: Period): string {
  const key = period.key ?? "";
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return `${m[1]}年第${m[2]}季度`;
  if (/^\d{4}$/.test(key)) return `${key}年`;
  return period.start === period.end ? period.start : `${period.start} 至 ${period.end}`;
}

/** [start, end) of a period as UTC ISO instants (Shanghai is UTC+8 all year). */
export function periodInstants(period: Pick<Period, "start" | "end">): {
  start: string;
  end: string;
} {
  const start = new Date(`${period.start}T00:00:00+08:00`);
  const end = new Date(`${period.end}T00:00:00+08:00`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { start: start.toISOString(), end: end.toISOString() };
}

// ---------------------------------------------------------------------------------------
// What an export holds

export type Breakdown = "entries" | Dimension;
export const BREAKDOWNS: readonly Breakdown[] = ["entries", ...DIMENSIONS];

export function parseBreakdown(value: string | null): Breakdown | ParamError {
  const breakdown = value || "entries";
  return BREAKDOWNS.includes(breakdown as Breakdown)
    ? (breakdown as Breakdown)
    : { error: "aidExtra.errors.breakdown" };
}

/** How a column is written: amounts travel as integer fen and are shown in 元 or 万元. */
export type ColumnKind = "text" | "int" | "yuan" | "wan";
export interface ExportColumn {
  header: string;
  kind: ColumnKind;
  /** XLSX column width in characters */
  width: number;
}
export type ExportValue = string | number;

const ENTRY_COLUMNS: ExportColumn[] = [
  { header: "日期", kind: "text", width: 12 },
  { header: "订单号", kind: "text", width: 20 },
  { header: "县区", kind: "text", width: 16 },
  { header: "结对区", kind: "text", width: 10 },
  { header: "合作社", kind: "text", width: 24 },
  { header: "商品", kind: "text", width: 24 },
  { header: "品类", kind: "text", width: 14 },
  { header: "采购/帮助销售", kind: "text", width: 13 },
  { header: "购买方类型", kind: "text", width: 11 },
  { header: "资金来源", kind: "text", width: 10 },
  { header: "是否计入帮扶", kind: "text", width: 12 },
  { header: "数量", kind: "int", width: 8 },
  { header: "金额（元）", kind: "yuan", width: 14 },
  { header: "金额（万元）", kind: "wan", width: 12 },
];

const BREAKDOWN_COLUMNS: ExportColumn[] = [
  { header: "维度", kind: "text", width: 30 },
  { header: "计入帮扶金额（元）", kind: "yuan", width: 20 },
  { header: "计入帮扶金额（万元）", kind: "wan", width: 20 },
  { header: "不计入金额（元）", kind: "yuan", width: 18 },
  { header: "笔数", kind: "int", width: 10 },
];

export function exportColumns(breakdown: Breakdown): ExportColumn[] {
  return breakdown === "entries" ? ENTRY_COLUMNS : BREAKDOWN_COLUMNS;
}

/** 明细 or 按县区（结对区）汇总 and so on: names the file, the sheet and the title. */
export function breakdownTitle(breakdown: Breakdown): string {
  return zh.breakdown[breakdown];
}

export const TOTAL_LABEL = "合计";

// ---------------------------------------------------------------------------------------
// Labels and amounts, exactly as the pages show them

// the dashboard's own Chinese labels, so a file says what the page says
const labels = dash.labels;
const pick = (map: Record<string, string>, value: string) =>
  map[value] ?? labels.unknown.replace("{{value}}", value);
const bucketLabel = (v: string) => pick(labels.bucket, v);
const groupLabel = (v: string) => pick(labels.category_group, v);
const buyerLabel = (v: string) => pick(labels.buyer_type, v);
/** "" (individuals) and "none" both mean no funding source */
const fundingLabel = (v: string) => pick(labels.funding_source, v || "none");

// ---------------------------------------------------------------------------------------
// Breakdowns: the dashboard's own figures (same rollups, same order), labelled in Chinese

export interface BreakdownLine {
  /** the dimension's value: county code, cooperative id, bucket, "none" for no funding… */
  value: string;
  label: string;
  aidFen: number;
  otherFen: number;
  /** ledger entries: each paid line (or bundle component) and each refund is one */
  entries: number;
}

export async function breakdownRows(
  db: DB,
  period: Period,
  dimension: Dimension,
): Promise<BreakdownLine[]> {
  const rows = await dashboardBreakdown(db, period, dimension, "zh-CN");
  return rows.map((r) => ({
    value: r.value,
    label: labelFor(dimension, r.value, r.name, r.detail),
    aidFen: r.aidFen,
    otherFen: r.otherFen,
    entries: r.aidEntries + r.otherEntries,
  }));
}

function labelFor(
  dimension: Dimension,
  value: string,
  name: string | null,
  detail: string | null,
): string {
  switch (dimension) {
    case "bucket":
      return bucketLabel(value);
    case "buyer_type":
      return buyerLabel(value);
    case "funding_source":
      return fundingLabel(value);
    case "category_group":
      return groupLabel(value);
    case "month":
      return `${value.slice(0, 4)}年${Number(value.slice(5, 7))}月`;
    case "cooperative":
      return name ?? `#${value}`;
    default:
      // county with its paired district, product with its cooperative
      return `${name ?? value}${detail ? `（${detail}）` : ""}`;
  }
}

export function sumRows(rows: BreakdownLine[]): Omit<BreakdownLine, "value" | "label"> {
  return rows.reduce(
    (t, r) => ({
      aidFen: t.aidFen + r.aidFen,
      otherFen: t.otherFen + r.otherFen,
      entries: t.entries + r.entries,
    }),
    { aidFen: 0, otherFen: 0, entries: 0 },
  );
}

// ---------------------------------------------------------------------------------------
// Rows

/**
 * The rows of an export, one array per line in the order of exportColumns(breakdown).
 * Entries come straight off a SQLite cursor (constant memory); a breakdown is small and
 * ends with a 合计 row. Amount columns hold integer fen.
 */
export async function* exportRows(
  db: DB,
  options: { period: Period; breakdown?: Breakdown },
): AsyncGenerator<ExportValue[]> {
  const breakdown = options.breakdown ?? "entries";
  if (breakdown !== "entries") {
    const rows = await breakdownRows(db, options.period, breakdown);
    for (const r of rows) yield [r.label, r.aidFen, r.aidFen, r.otherFen, r.entries];
    const t = sumRows(rows);
    yield [TOTAL_LABEL, t.aidFen, t.aidFen, t.otherFen, t.entries];
    return;
  }
  for await (const row of entriesQuery(db, options.period).stream()) {
    yield entryValues(Object.values(row));
  }
}

/** An entries row, in entriesQuery's column order, as export values with Chinese labels. */
function entryValues(row: unknown[]): ExportValue[] {
  const [day, number, county, paired, cooperative, product, group, bucket, buyer, funding] =
    row as string[];
  const [eligible, quantity, amount] = row.slice(10) as number[];
  return [
    day!,
    number!,
    county!,
    paired ?? "",
    cooperative!,
    product!,
    groupLabel(group!),
    bucketLabel(bucket!),
    buyerLabel(buyer!),
    fundingLabel(funding!),
    eligible ? "是" : "否",
    quantity!,
    amount!,
    amount!,
  ];
}

/**
 * Every ledger entry of the period, by day on the (day, eligible) index so SQLite hands
 * rows over as it walks the index, with no sort to materialise first. Names are the ones
 * frozen on the order line, except for bundle components, which have no line of their own.
 */
export function entriesQuery(db: DB, period: Period) {
  return db
    .selectFrom("aid_ledger as a")
    .innerJoin("orders as o", "o.id", "a.order_id")
    .leftJoin("order_lines as l", "l.id", "a.order_line_id")
    .leftJoin("counties as c", "c.code", "a.county_code")
    .leftJoin("cooperatives as co", "co.id", "a.cooperative_id")
    .leftJoin("products as p", "p.id", "a.product_id")
    .select([
      "a.day",
      "o.number",
      sql<string>`coalesce(c.name_zh, a.county_code)`.as("county"),
      "a.paired_district_zh as paired_district",
      sql<string>`case when l.cooperative_id = a.cooperative_id then l.cooperative_name_zh
        else coalesce(co.name_zh, '') end`.as("cooperative"),
      sql<string>`case when l.product_id = a.product_id then l.product_name_zh
        else coalesce(p.name_zh, '') end`.as("product"),
      "a.category_group",
      "a.bucket",
      "a.buyer_type",
      "a.funding_source",
      "a.eligible",
      "a.quantity",
      "a.amount_fen",
    ])
    .where("a.day", ">=", period.start)
    .where("a.day", "<=", period.end)
    .orderBy("a.day")
    .orderBy("a.eligible")
    .orderBy("a.id");
}

/**
 * exportRows, with the entries read on a read-only connection of its own to the database
 * file, through a raw better-sqlite3 cursor (arrays, not objects: half the cost per row).
 * The cursor reads one consistent snapshot (WAL) and leaves the app's single connection
 * free, so a download of a year's entries never holds up checkout; it opens on the first
 * row and closes when the rows are done with: finished, failed or abandoned. Breakdowns
 * are a few rows and use `db`; so does ":memory:", which has no file to share.
 */
export async function* exportRowsFromFile(
  file: string,
  db: DB,
  options: { period: Period; breakdown?: Breakdown },
): AsyncGenerator<ExportValue[]> {
  if (file === ":memory:" || (options.breakdown ?? "entries") !== "entries") {
    yield* exportRows(db, options);
    return;
  }
  const reader = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    reader.pragma("busy_timeout = 5000");
    const query = entriesQuery(db, options.period).compile();
    const cursor = reader
      .prepare(query.sql)
      .raw(true)
      .iterate(...query.parameters) as IterableIterator<unknown[]>;
    for (const row of cursor) yield entryValues(row);
  } finally {
    reader.close();
  }
}

/** What an export request asks for, or the catalogue key of what is wrong with it. */
export interface ExportRequest {
  period: Period;
  breakdown: Breakdown;
  columns: ExportColumn[];
  title: string;
}

export function parseExportRequest(
  params: URLSearchParams,
  now = new Date(),
): ExportRequest | ParamError {
  const period = resolvePeriod(params, now);
  if ("error" in period) return period;
  const breakdown = parseBreakdown(params.get("breakdown"));
  if (typeof breakdown !== "string") return breakdown;
  return {
    period,
    breakdown,
    columns: exportColumns(breakdown),
    title: exportTitle(breakdown, period),
  };
}

// ---------------------------------------------------------------------------------------
// Writers

const encoder = new TextEncoder();
const CSV_CHUNK = 64 * 1024;

/**
 * Text a spreadsheet would run as a formula (= + - @, or a leading tab or CR), defused with
 * a ' in front. Not only at the start: Excel in a locale whose list separator is ";", or a
 * paste that splits on tabs, cuts `牦牛;=HYPERLINK(…)` into cells of its own, so every
 * formula sign after `,` `;` or a tab (spaces between do not hide it) is defused too.
 */
export function defuseFormula(text: string): string {
  const defused = text.replace(/([,;\t])(\s*)(?=[=+\-@])/g, "$1$2'");
  return /^\s*[=+\-@]|^[\t\r]/.test(defused) ? `'${defused}` : defused;
}

/**
 * RFC 4180 quoting, also of ";" and tabs (another locale's separators, so they split
 * nothing), with formulas defused.
 */
export function csvField(value: ExportValue, kind: ColumnKind): string {
  let text: string;
  if (kind === "yuan") text = fenToYuan(Number(value));
  else if (kind === "wan") text = fenToWan(Number(value));
  else if (kind === "int") text = String(value);
  else text = defuseFormula(String(value));
  return /[",;\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export interface StreamOptions {
  /** Stops reading rows when the client goes away. */
  signal?: AbortSignal;
}

/**
 * CSV as a byte stream: UTF-8 with a BOM (so Excel reads the Chinese), CRLF line ends.
 * Rows are pulled only when the reader asks for more (about 64 KB at a time), so memory
 * stays flat however many rows there are.
 */
export function csvStream(
  columns: ExportColumn[],
  rows: AsyncIterable<ExportValue[]>,
  options: StreamOptions = {},
): ReadableStream<Uint8Array> {
  const iterator = rows[Symbol.asyncIterator]();
  let head = `\uFEFF${columns.map((c) => csvField(c.header, "text")).join(",")}\r\n`;
  const stop = () => void iterator.return?.(undefined);
  options.signal?.addEventListener("abort", stop, { once: true });
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        // SQLite hands rows over synchronously: give the event loop a turn per chunk so
        // the socket can send what was written before more is made
        await nextTurn();
        let chunk = head;
        head = "";
        try {
          while (chunk.length < CSV_CHUNK) {
            // the client went away: end quietly, nobody is reading
            const next = options.signal?.aborted
              ? await iterator.return!(undefined)
              : await iterator.next();
            if (next.done) {
              if (chunk) controller.enqueue(encoder.encode(chunk));
              controller.close();
              options.signal?.removeEventListener("abort", stop);
              return;
            }
            const row = next.value;
            chunk += row.map((v, i) => csvField(v, columns[i]?.kind ?? "text")).join(",");
            chunk += "\r\n";
          }
        } catch (error) {
          await iterator.return?.(undefined);
          controller.error(error);
          return;
        }
        controller.enqueue(encoder.encode(chunk));
      },
      async cancel() {
        options.signal?.removeEventListener("abort", stop);
        await iterator.return?.(undefined);
      },
    },
    { highWaterMark: 1 },
  );
}

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
  let aborted = false;
  let abandoned = false;
  const abort = () => {
    aborted = true;
    void iterator.return?.(undefined);
  };
  options.signal?.addEventListener("abort", abort, { once: true });
  out.on("close", () => {
    if (out.writableFinished) return;
    abandoned = true;
    abort();
  });

  const write = async () => {
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
    sheet.columns = columns.map((c, i) => ({ key: `c${i}`, width: c.width }));
    const title = sheet.addRow([meta.title]);
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
    let n = 0;
    while (!aborted) {
      const next = await iterator.next();
      if (next.done) break;
      const values = next.value;
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
      if (++n % XLSX_YIELD_EVERY === 0) await drained(sheet, out);
    }
    if (abandoned) return;
    sheet.commit();
    await workbook.commit();
  };
  write()
    .catch((error: unknown) => {
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    })
    .finally(() => options.signal?.removeEventListener("abort", abort));
  return Readable.toWeb(out) as unknown as ReadableStream<Uint8Array>;
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Lets queued zip work run, then waits while anything downstream is behind. exceljs writes
 * committed rows into the sheet's stream without heeding backpressure, and that stream
 * feeds the zip through a PassThrough it pipes to (its `pipes`, an exceljs internal, read
 * defensively), so that PassThrough's buffer is where a backlog shows; `out` is checked too.
 * Without this a year of entries held ~600 MB of sheet XML before the zip caught up.
 */
async function drained(sheet: ExcelJS.Worksheet, out: PassThrough) {
  await nextTurn();
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
  const state = (stream as unknown as { _writableState?: { needDrain?: boolean } })._writableState;
  return stream.writableNeedDrain ?? state?.needDrain ?? false;
}

function safeSheetName(name: string): string {
  return name.replace(/[[\]:*?/\\]/g, " ").slice(0, 31) || "Sheet1";
}

/** attachment; filename="ascii"; filename*=UTF-8''中文 (RFC 6266 / 5987). */
export function contentDisposition(filename: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}

/** File names for an export: 山海消费帮扶_明细_2026年12月.csv and an ASCII twin. */
export function exportFileNames(breakdown: Breakdown, period: Period, ext: "csv" | "xlsx") {
  return {
    filename: `山海消费帮扶_${breakdownTitle(breakdown)}_${periodName(period).replaceAll(" ", "")}.${ext}`,
    ascii: `shanhai-aid-${breakdown.replaceAll("_", "-")}-${period.start}_${period.end}.${ext}`,
  };
}

/** 山海消费帮扶 · 明细 · 2026年12月（2026-12-01 至 2026-12-31） */
export function exportTitle(breakdown: Breakdown, period: Period): string {
  const name = periodName(period);
  const range = name.includes(period.start) ? "" : `（${period.start} 至 ${period.end}）`;
  return `山海消费帮扶 · ${breakdownTitle(breakdown)} · ${name}${range}`;
}

// ---------------------------------------------------------------------------------------
// The printable monthly report (/aid/report?month=YYYY-MM)

export const REPORT_DIMENSIONS = [
  "county",
  "bucket",
  "buyer_type",
  "funding_source",
  "category_group",
] as const satisfies readonly Dimension[];
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/**
 * A month's figures as the dashboard computes them: totals, the year to the month's end,
 * the five breakdowns aid offices file, and whether the month is reported (locked).
 */
export async function monthlyReport(db: DB, month: string, locale: Locale = "zh-CN") {
  const period = monthPeriod(month);
  const yearToDate = customPeriod(`${month.slice(0, 4)}-01-01`, period.end);
  const [totals, ytd, reported, ...lists] = await Promise.all([
    aidTotals(db, period),
    dashboardBreakdown(db, yearToDate, "month", locale),
    db
      .selectFrom("reported_periods")
      .select(["reported_by_name", "reported_at"])
      .where("month", "=", month)
      .executeTakeFirst(),
    ...REPORT_DIMENSIONS.map((d) => dashboardBreakdown(db, period, d, locale)),
  ]);
  const breakdowns = Object.fromEntries(REPORT_DIMENSIONS.map((d, i) => [d, lists[i]!])) as Record<
    ReportDimension,
    DashboardRow[]
  >;
  return {
    month,
    name: periodName(period),
    start: period.start,
    end: period.end,
    totals,
    yearToDateAidFen: ytd.reduce((sum, r) => sum + r.aidFen, 0),
    breakdowns,
    reported: reported ? { by: reported.reported_by_name, at: reported.reported_at } : null,
  };
}
