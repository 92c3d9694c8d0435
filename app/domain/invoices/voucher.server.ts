// The purchase voucher (采购凭证) of a paid order and its verification code (ADR 043).
//
// The code is an HMAC over what an auditor compares: the order number, the amounts (paid,
// refunded, aid-eligible after refunds) and the time of payment. It is printed on the
// voucher; /vouchers/verify recomputes it. A voucher printed before a later refund no longer
// matches, which is right: its amounts are no longer the order's.
import crypto from "node:crypto";
import { sql } from "kysely";
import type { DB } from "#db/connection";
import { NotFoundError } from "~/domain/errors";
import type { Locale } from "~/i18n/config";
import { env } from "~/utils/env.server";
import { netPaidFen } from "./invoices.server";

export interface VoucherFigures {
  number: string;
  paidFen: number;
  refundedFen: number;
  aidFen: number;
  paidAt: string;
}

// Crockford's base32: no I, L, O, U, so a code read off paper is typed back right.
const BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_CHARS = 10; // 50 bits

/** "7K3QX-2M9PA": the first 50 bits of HMAC-SHA256 over the figures, in two groups of five. */
export function voucherCode(secret: string, f: VoucherFigures): string {
  const message = ["shanhai-voucher-v1", f.number, f.paidFen, f.refundedFen, f.aidFen, f.paidAt];
  const digest = crypto.createHmac("sha256", secret).update(message.join("|")).digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 7)) bits = (bits << 8n) | BigInt(byte);
  bits >>= 6n; // 56 → 50 bits
  let out = "";
  for (let i = CODE_CHARS - 1; i >= 0; i--) out += BASE32[Number((bits >> BigInt(i * 5)) & 31n)];
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

/** What a person may type for a code: case, spaces, dashes and look-alike letters forgiven. */
export function normalizeVoucherCode(raw: string): string {
  const plain = raw.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  return plain.length === CODE_CHARS ? `${plain.slice(0, 5)}-${plain.slice(5)}` : plain;
}

/** PZ-20261128-7K3Q for order SH-20261128-7K3Q: one voucher per order, named after it. */
export function voucherNumber(orderNumber: string): string {
  return orderNumber.replace(/^SH-/, "PZ-");
}

const percentOf = (part: number, whole: number) =>
  whole > 0 ? Math.round((part * 1000) / whole) / 10 : 0;

/** The aid-eligible amount after refunds, read from the aid ledger (its reversals included). */
async function aidAfterRefunds(db: DB, orderId: number): Promise<number> {
  const row = await db
    .selectFrom("aid_ledger")
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("amount_fen"), eb.lit(0)).as("fen"))
    .where("order_id", "=", orderId)
    .where("eligible", "=", 1)
    .executeTakeFirstOrThrow();
  return Number(row.fen);
}

async function figuresOf(
  db: DB,
  order: { id: number; number: string; total_fen: number; paid_at: string },
): Promise<VoucherFigures> {
  const net = await netPaidFen(db, order.id);
  return {
    number: order.number,
    paidFen: order.total_fen,
    refundedFen: order.total_fen - net,
    aidFen: await aidAfterRefunds(db, order.id),
    paidAt: order.paid_at,
  };
}

/** The voucher of a paid order, in the page's language. An unpaid order has none (404). */
export async function purchaseVoucher(
  db: DB,
  orderId: number,
  locale: Locale,
  secret = env().VOUCHER_SECRET,
) {
  const order = await db
    .selectFrom("orders")
    .select([
      "id",
      "number",
      "status",
      "contact_name",
      "org_name",
      "buyer_type",
      "funding_source",
      "subtotal_fen",
      "shipping_fen",
      "total_fen",
      "created_at",
      "paid_at",
    ])
    .where("id", "=", orderId)
    .executeTakeFirstOrThrow();
  const paidAt = order.paid_at;
  if (!paidAt) throw new NotFoundError("voucher");
  const l = locale === "en" ? "en" : "zh";
  const lines = await db
    .selectFrom("order_lines")
    .select([
      "id",
      sql.ref<string>(`product_name_${l}`).as("name"),
      sql.ref<string>(`unit_${l}`).as("unit"),
      "quantity",
      "unit_price_fen as unitPriceFen",
      "line_total_fen as lineTotalFen",
      "aid_eligible as aidEligible",
    ])
    .where("order_id", "=", orderId)
    .orderBy("id")
    .execute();
  const figures = await figuresOf(db, { ...order, paid_at: paidAt });
  const netFen = figures.paidFen - figures.refundedFen;
  return {
    voucherNumber: voucherNumber(order.number),
    orderNumber: order.number,
    placedAt: order.created_at,
    paidAt,
    buyerName: order.org_name ?? order.contact_name,
    buyerType: order.buyer_type,
    fundingSource: order.funding_source,
    lines: lines.map((line) => ({ ...line, aidEligible: line.aidEligible === 1 })),
    subtotalFen: order.subtotal_fen,
    shippingFen: order.shipping_fen,
    paidFen: figures.paidFen,
    refundedFen: figures.refundedFen,
    netFen,
    aidFen: figures.aidFen,
    aidPercent: percentOf(figures.aidFen, netFen),
    code: voucherCode(secret, figures),
  };
}

export type PurchaseVoucher = Awaited<ReturnType<typeof purchaseVoucher>>;

/**
 * The public check of a paper voucher: does this code belong to this order as it stands?
 * On a match, only the figures (never a name, phone or address); otherwise just "no", the
 * same for an unknown order as for a wrong code, so order numbers cannot be probed.
 */
export async function verifyVoucher(
  db: DB,
  number: string,
  code: string,
  secret = env().VOUCHER_SECRET,
) {
  const order = await db
    .selectFrom("orders")
    .select(["id", "number", "total_fen", "paid_at"])
    .where("number", "=", number.trim().toUpperCase())
    .where("paid_at", "is not", null)
    .executeTakeFirst();
  const expected = order ? await figuresOf(db, { ...order, paid_at: order.paid_at! }) : null;
  const typed = Buffer.from(normalizeVoucherCode(code));
  const right = Buffer.from(expected ? voucherCode(secret, expected) : "-".repeat(11));
  const matches =
    expected !== null && typed.length === right.length && crypto.timingSafeEqual(typed, right);
  if (!matches || !expected) return { matches: false as const };
  const netFen = expected.paidFen - expected.refundedFen;
  return {
    matches: true as const,
    number: expected.number,
    voucherNumber: voucherNumber(expected.number),
    paidAt: expected.paidAt,
    paidFen: expected.paidFen,
    refundedFen: expected.refundedFen,
    netFen,
    aidFen: expected.aidFen,
    aidPercent: percentOf(expected.aidFen, netFen),
  };
}
