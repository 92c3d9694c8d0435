// The server's JSON log (app/utils/log.server.ts) caught in a test: the lines written while
// capturing, parsed.
import { flushLog, setLogSink } from "~/utils/log.server";

// a parsed line, read loosely as the route tests read JSON (aid-dashboard.test.ts: Json)
export type LogEntry = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function captureLog() {
  const written: string[] = [];
  const previous = setLogSink((text) => written.push(text));
  return {
    /** Every line so far, lines still gathered in the log's buffer included. */
    entries: (): LogEntry[] => {
      flushLog();
      return written
        .join("")
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line) as LogEntry);
    },
    /** Gives the log back to where it wrote before (what was gathered comes here first). */
    restore: () => void setLogSink(previous),
  };
}
