// The server's log: one JSON object per line on stdout (ADR 053), so a fleet's lines can be
// gathered, searched and joined by request id. Lines written while a request is being
// served carry its id, taken from an AsyncLocalStorage that server/app.js opens per request.
import { AsyncLocalStorage } from "node:async_hooks";

export interface RequestScope {
  requestId: string;
}

export type LogLevel = "info" | "warn" | "error";
type Fields = Record<string, unknown>;

declare global {
  // One store per process, even when the dev server re-imports this module.
  var __shanhaiRequestScope: AsyncLocalStorage<RequestScope> | undefined;
}

const scopes = (globalThis.__shanhaiRequestScope ??= new AsyncLocalStorage<RequestScope>());

/** Runs `fn` with `scope` as the current request's: log lines inside it carry its id. */
export function withRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

/** The id of the request being served here, if any. */
export function currentRequestId(): string | undefined {
  return scopes.getStore()?.requestId;
}

/** An error as fields a log reader can use: its message and stack, not "[object Object]". */
export function errorFields(error: unknown): Fields {
  if (error instanceof Error) {
    return { err: { name: error.name, message: error.message, stack: error.stack } };
  }
  return { err: { message: String(error) } };
}

/** The line for one event: time, level, message, the request's id, then the rest. */
export function formatLine(level: LogLevel, msg: string, fields: Fields = {}, now = new Date()) {
  const { requestId = currentRequestId(), ...rest } = fields;
  return `${JSON.stringify({ time: now.toISOString(), level, msg, requestId, ...rest })}\n`;
}

// stdout is synchronous on Linux when it is a pipe or a file, so a write per request costs a
// system call on the request's path: lines are gathered and written together, every 250 ms
// or 64 KB, and at once for an error (it may be the last thing this process says).
const FLUSH_MS = 250;
const FLUSH_BYTES = 64 * 1024;
let pending: string[] = [];
let pendingBytes = 0;
let timer: NodeJS.Timeout | undefined;

/** Writes what is gathered. Called before the process exits. */
export function flushLog(): void {
  if (pending.length === 0) return;
  const text = pending.join("");
  pending = [];
  pendingBytes = 0;
  sink(text);
}

let sink: (text: string) => void = (text) => process.stdout.write(text);

/** Tests: where lines go instead of stdout; returns the previous sink. */
export function setLogSink(next: (text: string) => void): (text: string) => void {
  const previous = sink;
  flushLog();
  sink = next;
  return previous;
}

function write(level: LogLevel, line: string): void {
  pending.push(line);
  pendingBytes += line.length;
  if (level === "error" || pendingBytes >= FLUSH_BYTES) {
    flushLog();
    return;
  }
  if (!timer) {
    timer = setInterval(flushLog, FLUSH_MS).unref();
    process.once("exit", flushLog);
  }
}

// Tests keep quiet about what went well (as the access log always did under NODE_ENV=test);
// warnings and errors still show.
const quietInfo = () => process.env.NODE_ENV === "test";

function emit(level: LogLevel, msg: string, fields?: Fields): void {
  if (level === "info" && quietInfo()) return;
  write(level, formatLine(level, msg, fields));
}

export const log = {
  info: (msg: string, fields?: Fields) => emit("info", msg, fields),
  warn: (msg: string, fields?: Fields) => emit("warn", msg, fields),
  /** `error` becomes `err: {name, message, stack}` */
  error: (msg: string, error?: unknown, fields?: Fields) =>
    emit("error", msg, { ...fields, ...(error === undefined ? {} : errorFields(error)) }),
};
