// CSV as a byte stream (/aid/export.csv).
import { fenToWan, fenToYuan } from "~/utils/money";
import type { ColumnKind, ExportColumn, ExportValue } from "./columns.server";
import { defuseFormula, nextTurn, type StreamOptions } from "./writer-common.server";

const encoder = new TextEncoder();
const CSV_CHUNK = 64 * 1024;

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
