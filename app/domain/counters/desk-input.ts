// The counter desk's forms read on the server (ADR 049): the lines of a transfer sent,
// received or counted arrive as one field per product (`qty-12`, `reason-12`, `shown-12`),
// so they are read here rather than by a fixed zod shape. Plain module: routes and the
// domain both use it; nothing here touches the database.
import { z } from "zod";
import { decimalInteger, type FieldErrors, type Parsed } from "~/utils/forms";

import { QUERY_MAX, REASON_MAX, NOTE_MAX, TRANSFER_MAX_LINE } from "./desk-fields";

export * from "./desk-fields";

export interface TransferLineInput {
  productId: number;
  quantity: number;
}

export interface ReceivedLine {
  productId: number;
  quantity: number;
  reason: string;
}

export interface CountedLine {
  productId: number;
  /** what the form showed as the shelf's quantity when it was loaded */
  shown: number;
  counted: number;
  reason: string;
}

/** The product ids named by fields `<prefix>-<id>`, in the order they came. */
function productIds(values: Record<string, string>, prefix: string): number[] {
  const ids: number[] = [];
  const pattern = new RegExp(`^${prefix}-(\\d{1,9})$`);
  for (const key of Object.keys(values)) {
    const match = pattern.exec(key);
    if (match) ids.push(Number(match[1]));
  }
  return ids;
}

/** A quantity field: whole, 0 to TRANSFER_MAX_LINE; empty is `empty`. */
function quantity(
  text: string | undefined,
  empty: number | null,
): { ok: true; value: number | null } | { ok: false; error: string } {
  const trimmed = (text ?? "").trim();
  if (!trimmed) return { ok: true, value: empty };
  const n = decimalInteger(trimmed);
  if (Number.isNaN(n)) return { ok: false, error: "counterDesk.form.wholeNumber" };
  if (n > TRANSFER_MAX_LINE) return { ok: false, error: "counterDesk.form.tooMany" };
  return { ok: true, value: n };
}

function reasonOf(values: Record<string, string>, id: number, errors: FieldErrors): string {
  const reason = (values[`reason-${id}`] ?? "").trim();
  if (reason.length > REASON_MAX) errors[`reason-${id}`] = "counterDesk.form.reasonTooLong";
  return reason;
}

export const idSchema = z.object({
  id: z
    .string()
    .regex(/^\d{1,9}$/, "counterDesk.form.badId")
    .transform(Number),
});

export const searchSchema = z.object({
  q: z.string().trim().max(QUERY_MAX, "counterDesk.form.queryTooLong"),
});

/** A transfer sent by a cooperative: the counter, a quantity per product, a note. */
export function parseSend(
  values: Record<string, string>,
): Parsed<{ counterId: number; lines: TransferLineInput[]; note: string | null }> {
  const errors: FieldErrors = {};
  const counter = (values.counter ?? "").trim();
  if (!/^\d{1,9}$/.test(counter)) errors.counter = "counterDesk.transfer.chooseCounter";
  const lines: TransferLineInput[] = [];
  for (const id of productIds(values, "qty")) {
    const q = quantity(values[`qty-${id}`], 0);
    if (!q.ok) errors[`qty-${id}`] = q.error;
    else if (q.value) lines.push({ productId: id, quantity: q.value });
  }
  if (lines.length === 0 && Object.keys(errors).every((k) => !k.startsWith("qty-"))) {
    errors.lines = "counterDesk.transfer.noLines";
  }
  const note = (values.note ?? "").trim();
  if (note.length > NOTE_MAX) errors.note = "counterDesk.form.noteTooLong";
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return { ok: true, data: { counterId: Number(counter), lines, note: note || null } };
}

/**
 * A transfer received: each line's quantity (empty is "as sent", given in `sent`) and, when
 * it differs from what was sent, a reason.
 */
export function parseReceive(
  values: Record<string, string>,
  sent: ReadonlyMap<number, number>,
): Parsed<{ lines: ReceivedLine[] }> {
  const errors: FieldErrors = {};
  const lines: ReceivedLine[] = [];
  for (const [id, quantitySent] of sent) {
    const q = quantity(values[`qty-${id}`], quantitySent);
    const reason = reasonOf(values, id, errors);
    if (!q.ok) {
      errors[`qty-${id}`] = q.error;
      continue;
    }
    const received = q.value ?? quantitySent;
    if (received !== quantitySent && !reason)
      errors[`reason-${id}`] = "counterDesk.form.reasonNeeded";
    lines.push({ productId: id, quantity: received, reason });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return { ok: true, data: { lines } };
}

/** A stock count: per product the quantity shown, the quantity counted and a reason. */
export function parseCount(values: Record<string, string>): Parsed<{ lines: CountedLine[] }> {
  const errors: FieldErrors = {};
  const lines: CountedLine[] = [];
  for (const id of productIds(values, "shown")) {
    const shown = decimalInteger(values[`shown-${id}`] ?? "");
    if (Number.isNaN(shown)) {
      errors._form = "counterDesk.stock.reload";
      continue;
    }
    const q = quantity(values[`counted-${id}`], shown);
    const reason = reasonOf(values, id, errors);
    if (!q.ok) {
      errors[`counted-${id}`] = q.error;
      continue;
    }
    const counted = q.value ?? shown;
    if (counted !== shown && !reason) errors[`reason-${id}`] = "counterDesk.form.reasonNeeded";
    lines.push({ productId: id, shown, counted, reason });
  }
  if (lines.length === 0 && !errors._form) errors._form = "counterDesk.stock.nothing";
  if (Object.keys(errors).length > 0) return { ok: false, errors, values };
  return { ok: true, data: { lines } };
}
