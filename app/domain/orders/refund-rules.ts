import type { OrderStatus, RefundStatus } from "#db/schema";
import { DomainError } from "../errors";
import { quantityField, REFUNDABLE_STATUSES } from "./refund-input";

// What can still be refunded, decided from what the database already said. Pure, so the
// refund page and requestRefund answer from the same rules, and both are tested without a
// database. Refusals are DomainErrors whose `field` is the form field to show them beside.

/** One order line as far as a refund is concerned. */
export interface RefundLineState {
  id: number;
  cooperativeId: number;
  unitPriceFen: number;
  quantity: number;
  /** units whose refund the gateway confirmed */
  refundedQuantity: number;
  /** units not yet refunded nor asked for */
  refundableQuantity: number;
}

export type RefundSelection =
  { mode: "all" } | { mode: "lines"; lines: Array<{ orderLineId: number; quantity: number }> };

export type RefundBlock = "fullyRefunded" | "notRefundable" | "nothingLeft";

/**
 * Why no refund can be started on an order now, or null when one can: the admin is told
 * the real reason (a refunded order is not "in the wrong state", it is done).
 */
export function refundBlock(
  status: OrderStatus,
  lines: ReadonlyArray<{ refundableQuantity: number }>,
): RefundBlock | null {
  if (status === "refunded") return "fullyRefunded";
  if (!REFUNDABLE_STATUSES.includes(status)) return "notRefundable";
  if (!lines.some((line) => line.refundableQuantity > 0)) return "nothingLeft";
  return null;
}

/**
 * The shipping fee a refund may still return: all of it, until a refund asked for or made
 * has taken it (a failed refund gave nothing back, so it takes nothing).
 */
export function refundableShippingFen(
  shippingFen: number,
  refunds: ReadonlyArray<{ status: RefundStatus; shippingFen: number }>,
): number {
  return refunds.some((r) => r.status !== "failed" && r.shippingFen > 0) ? 0 : shippingFen;
}

export interface PickedLine<L> {
  line: L;
  quantity: number;
}

function pickEverything<L extends RefundLineState>(lines: readonly L[]): PickedLine<L>[] {
  const picked = lines
    .filter((line) => line.refundableQuantity > 0)
    .map((line) => ({ line, quantity: line.refundableQuantity }));
  if (!picked.length) throw new DomainError("refund.errors.nothingLeft", 409);
  return picked;
}

function pickChosen<L extends RefundLineState>(
  lines: readonly L[],
  wanted: ReadonlyArray<{ orderLineId: number; quantity: number }>,
): PickedLine<L>[] {
  const picked: PickedLine<L>[] = [];
  for (const { orderLineId, quantity } of wanted) {
    const field = quantityField(orderLineId);
    const line = lines.find((l) => l.id === orderLineId);
    if (!line) throw new DomainError("refund.errors.unknownLine", 400, {}, field);
    const repeated = picked.some((p) => p.line.id === line.id);
    if (repeated || !Number.isSafeInteger(quantity) || quantity < 0) {
      throw new DomainError("refund.errors.quantity", 400, {}, field);
    }
    if (quantity === 0) continue;
    if (quantity > line.refundableQuantity) {
      const max = line.refundableQuantity;
      throw new DomainError("refund.errors.overRefund", 409, { max }, field);
    }
    picked.push({ line, quantity });
  }
  if (!picked.length) throw new DomainError("refund.errors.nothingSelected", 400, {}, "lines");
  return picked;
}

/** The units a selection takes: every unit left, or the chosen ones if that many are left. */
export function pickRefundLines<L extends RefundLineState>(
  lines: readonly L[],
  selection: RefundSelection,
): PickedLine<L>[] {
  return selection.mode === "all" ? pickEverything(lines) : pickChosen(lines, selection.lines);
}

export interface RefundPlan<L> {
  picked: PickedLine<L>[];
  /** the shipping fee returned with these units */
  shippingFen: number;
  amountFen: number;
}

/**
 * What a refund returns: the units picked at their price, and the shipping fee still owed
 * (`shippingLeftFen`) when these units are the last ones left to refund.
 */
export function planRefund<L extends RefundLineState>(
  lines: readonly L[],
  selection: RefundSelection,
  shippingLeftFen: number,
): RefundPlan<L> {
  const picked = pickRefundLines(lines, selection);
  const linesFen = picked.reduce((s, p) => s + p.line.unitPriceFen * p.quantity, 0);
  const leavesNothing = lines.every(
    (l) => l.refundableQuantity === (picked.find((p) => p.line.id === l.id)?.quantity ?? 0),
  );
  const shippingFen = leavesNothing ? shippingLeftFen : 0;
  const amountFen = linesFen + shippingFen;
  if (amountFen <= 0) throw new DomainError("refund.errors.nothingSelected", 400, {}, "lines");
  return { picked, shippingFen, amountFen };
}

const fullyRefunded = (line: RefundLineState) => line.refundedQuantity >= line.quantity;

/** After a confirmed refund: refunded once every unit of every line is, else partly. */
export function orderStatusAfterRefund(lines: readonly RefundLineState[]): OrderStatus {
  return lines.every(fullyRefunded) ? "refunded" : "partially_refunded";
}

/** Cooperatives whose every line is refunded: their parcel has nothing left to send. */
export function emptiedCooperatives(lines: readonly RefundLineState[]): number[] {
  return [...new Set(lines.map((l) => l.cooperativeId))].filter((coopId) =>
    lines.filter((l) => l.cooperativeId === coopId).every(fullyRefunded),
  );
}
