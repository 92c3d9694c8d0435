import type { TypedResponse } from "@remix-run/node";
import { json } from "@remix-run/react";
import { z } from "zod";
import { DomainError } from "~/domain/errors";

export type FieldErrors = Record<string, string>;

/** What an action answers to a form it could not take: shown beside the fields, typing kept. */
export interface FormReply {
  errors: FieldErrors;
  values: Record<string, string>;
  /** A message for the whole form, when no one field is at fault. */
  formError?: string;
  /** Parameters of the messages, by field (`_form` for formError). */
  params?: Record<string, Record<string, string | number>>;
}

export type Parsed<T> =
  { ok: true; data: T } | { ok: false; errors: FieldErrors; values: Record<string, string> };

export interface FormOptions {
  /** Fields typed in a text area, where tab, line feed and carriage return are text. */
  multiline?: readonly string[];
  /**
   * Hidden fields that a rule of their own already refuses when odd (a redirect path falls
   * back home): refusing the whole form for them would show a message beside nothing.
   */
  unscreened?: readonly string[];
}

/** The message beside a field that held control characters. */
export const CONTROL_CHARACTERS = "security.controlCharacters";
/** The message beside a field that held bytes that were not UTF-8 (read as U+FFFD). */
export const UNREADABLE_CHARACTERS = "security.unreadableCharacters";

// C0 controls and DEL: invisible, never typed on purpose (a NUL truncates text in C
// libraries and logs, an escape sequence repaints a terminal reading the log), and a line
// break in a one-line field splits whatever reads the value line by line.
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL = /[\u0000-\u001f\u007f]/g;
// eslint-disable-next-line no-control-regex -- finding them is the point
const CONTROL_BUT_LINES = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;
// What the decoder put where the bytes sent were not UTF-8: a browser never sends those,
// and stored it looks just like the damage `npm run text:check` looks for.
const REPLACEMENT = /\ufffd/g;

/**
 * Every field that holds a control character (CONTROL_CHARACTERS) or U+FFFD
 * (UNREADABLE_CHARACTERS), and the values with those characters removed: what the page
 * shows again, so the person sees what would be saved and sends it once more.
 */
export function screenControlCharacters(
  values: Record<string, string>,
  options: FormOptions = {},
): { errors: FieldErrors; values: Record<string, string> } {
  const errors: FieldErrors = {};
  const cleaned: Record<string, string> = {};
  for (const [key, value] of Object.entries(values)) {
    if (options.unscreened?.includes(key)) {
      cleaned[key] = value;
      continue;
    }
    const pattern = options.multiline?.includes(key) ? CONTROL_BUT_LINES : CONTROL;
    const readable = value.replace(REPLACEMENT, "");
    const stripped = readable.replace(pattern, "");
    if (stripped !== readable) errors[key] = CONTROL_CHARACTERS;
    else if (readable !== value) errors[key] = UNREADABLE_CHARACTERS;
    cleaned[key] = stripped;
  }
  return { errors, values: cleaned };
}

/** The text fields of a submitted form by name; files are left to their own readers. */
export function formValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) if (typeof value === "string") values[key] = value;
  return values;
}

/** The first message key per field of a failed zod parse (`_form` when no field is named). */
export function zodFieldErrors(error: z.ZodError | undefined): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error?.issues ?? []) {
    const field = String(issue.path[0] ?? "_form");
    errors[field] ??= issue.message;
  }
  return errors;
}

/** The 400 answer to a form that did not parse: every message, and what was typed. */
export function invalidForm<Extra extends Partial<FormReply> & Record<string, unknown>>(
  parsed: { errors: FieldErrors; values: Record<string, string> },
  extra: Extra = {} as Extra,
): TypedResponse<FormReply & Extra> {
  return json({ errors: parsed.errors, values: parsed.values, ...extra }, { status: 400 });
}

/**
 * The answer when a rule of the business said no: its message beside its field, or for the
 * whole form, with what was typed, and the rule's status. A 403 is not a mistake to show
 * beside a field but a page the person may not use; anything not a DomainError is a fault
 * and is thrown on. Use in an action's `catch`.
 */
export function domainErrorReply<Extra extends Record<string, unknown> = Record<never, never>>(
  error: unknown,
  values: Record<string, string>,
  /** fields the page needs beside the reply, such as which of its forms it answers */
  extra: Extra = {} as Extra,
): TypedResponse<FormReply & Extra> {
  if (!(error instanceof DomainError)) throw error;
  if (error.status === 403) throw new Response("Forbidden", { status: 403 });
  const field = error.field ?? "_form";
  const reply: FormReply = error.field
    ? { errors: { [field]: error.code }, values }
    : { errors: {}, values, formError: error.code };
  if (Object.keys(error.params).length > 0) reply.params = { [field]: error.params };
  return json({ ...extra, ...reply }, { status: error.status });
}

/**
 * Validates a submitted form; on failure returns the first message key per field and what
 * was typed. Control characters are refused in every field (see screenControlCharacters).
 */
export function parseForm<S extends z.ZodType>(
  schema: S,
  formData: FormData,
  options: FormOptions = {},
): Parsed<z.output<S>> {
  const screened = screenControlCharacters(formValues(formData), options);
  const result = schema.safeParse(screened.values);
  if (result.success && Object.keys(screened.errors).length === 0) {
    return { ok: true, data: result.data };
  }
  const errors: FieldErrors = { ...zodFieldErrors(result.error), ...screened.errors };
  return { ok: false, errors, values: screened.values };
}

/**
 * A whole number written in decimal digits, surrounding spaces forgiven; NaN otherwise.
 * Number() and z.coerce.number read "0x10" as 16, "1e3" as 1000 and "" as 0, but a form
 * field means what it shows.
 */
export function decimalInteger(text: string): number {
  const trimmed = text.trim();
  return /^\d{1,15}$/.test(trimmed) ? Number(trimmed) : NaN;
}

/** A form field holding a whole number in decimal digits (see decimalInteger). */
export function wholeNumber(message?: string) {
  return z.string({ error: message }).transform((text, ctx) => {
    const n = decimalInteger(text);
    if (Number.isNaN(n)) {
      ctx.addIssue({ code: "custom", message: message ?? "forms.invalid" });
      return z.NEVER;
    }
    return n;
  });
}
