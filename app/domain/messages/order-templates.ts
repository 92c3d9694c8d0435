// The texts of the messages an order sends its buyer, in both languages. They live on the
// server (no page shows them): one function per event, a short SMS and a fuller e-mail.
import type { Locale } from "~/i18n/config";
import { fulfil as fulfilEn } from "~/i18n/en/fulfil";
import { fulfil as fulfilZh } from "~/i18n/zh-CN/fulfil";
import { formatFen } from "~/utils/money";
import { formatPickupCode, UNCOLLECTED_DAYS } from "../pickup/pickup-code";

export type OrderEvent =
  | { kind: "placed" }
  | { kind: "paid" }
  | { kind: "shipped"; shipmentId: number }
  | { kind: "delivered"; shipmentId: number }
  | { kind: "refunded"; refundId: number }
  | { kind: "after_sales"; requestId: number; decision: "approved" | "rejected" }
  | { kind: "invoice_issued"; requestId: number }
  | { kind: "collected" };

/** What a template may say, read from the database by the notifier. */
export interface MessageFacts {
  number: string;
  link: string;
  totalFen: number;
  cooperative?: string;
  carrier?: string | null;
  trackingNumber?: string | null;
  amountFen?: number;
  reason?: string;
  product?: string;
  invoiceNumber?: string;
  /** a pickup order's counter and code, told once it is paid (ADR 048) */
  pickup?: { code: string; counter: string; address: string; hours: string };
  /** the counter where a pickup order was collected */
  counter?: string;
}

export interface MessageText {
  subject: string;
  sms: string;
  email: string;
}

/** The key that makes each event tell the buyer once (order_messages' unique index). */
export function eventKey(event: OrderEvent): string {
  switch (event.kind) {
    case "placed":
    case "paid":
    case "collected":
      return event.kind;
    case "shipped":
    case "delivered":
      return `${event.kind}:${event.shipmentId}`;
    case "refunded":
      return `refunded:${event.refundId}`;
    case "after_sales":
      return `after_sales:${event.requestId}:${event.decision}`;
    case "invoice_issued":
      return `invoice_issued:${event.requestId}`;
  }
}

function carrierName(code: string | null | undefined, locale: Locale): string {
  if (!code) return "";
  const names: Record<string, string> = locale === "en" ? fulfilEn.carriers : fulfilZh.carriers;
  return names[code] ?? code;
}

type Lines = { subject: string; lead: string };

function zh(event: OrderEvent, f: MessageFacts): Lines {
  const money = (fen = 0) => formatFen(fen, "zh-CN");
  switch (event.kind) {
    case "placed":
      return {
        subject: `订单 ${f.number} 已提交`,
        lead: `您的订单 ${f.number} 已提交，应付 ${money(f.totalFen)}。请在订单页面完成付款。`,
      };
    case "paid":
      return f.pickup
        ? {
            subject: `订单 ${f.number} 付款成功，请到店取货`,
            lead: `订单 ${f.number} 已付款 ${money(f.totalFen)}。取货码 ${formatPickupCode(f.pickup.code)}，请凭取货码到${f.pickup.counter}（${f.pickup.address}，营业时间 ${f.pickup.hours}）取货，${UNCOLLECTED_DAYS} 天内未取将为您退款。感谢您的消费帮扶！`,
          }
        : {
            subject: `订单 ${f.number} 付款成功`,
            lead: `订单 ${f.number} 已付款 ${money(f.totalFen)}，合作社正在备货。感谢您的消费帮扶！`,
          };
    case "shipped":
      return {
        subject: `订单 ${f.number} 已发货`,
        lead: `${f.cooperative ?? ""}的包裹已发出：${carrierName(f.carrier, "zh-CN")}，运单号 ${f.trackingNumber ?? ""}。`,
      };
    case "delivered":
      return {
        subject: `订单 ${f.number} 已送达`,
        lead: `${f.cooperative ?? ""}的包裹已送达。如有问题，可在订单页面申请售后。`,
      };
    case "refunded":
      return {
        subject: `订单 ${f.number} 已退款`,
        lead: `订单 ${f.number} 已退款 ${money(f.amountFen)}（原因：${f.reason ?? ""}），款项将原路退回；这部分帮扶金额已相应冲减。`,
      };
    case "after_sales":
      return event.decision === "approved"
        ? {
            subject: `订单 ${f.number} 售后申请已同意`,
            lead: `您对“${f.product ?? ""}”的售后申请已同意，退款 ${money(f.amountFen)} 正在办理。`,
          }
        : {
            subject: `订单 ${f.number} 售后申请未通过`,
            lead: `您对“${f.product ?? ""}”的售后申请未通过，原因：${f.reason ?? ""}`,
          };
    case "invoice_issued":
      return {
        subject: `订单 ${f.number} 发票已开具`,
        lead: `订单 ${f.number} 的发票已开具，发票号码 ${f.invoiceNumber ?? ""}，金额 ${money(f.amountFen)}。`,
      };
    case "collected":
      return {
        subject: `订单 ${f.number} 已取货`,
        lead: `订单 ${f.number} 已在${f.counter ?? "专柜"}取货。感谢您的消费帮扶！`,
      };
  }
}

function en(event: OrderEvent, f: MessageFacts): Lines {
  const money = (fen = 0) => formatFen(fen, "en");
  switch (event.kind) {
    case "placed":
      return {
        subject: `Order ${f.number} placed`,
        lead: `Your order ${f.number} has been placed: ${money(f.totalFen)} to pay. You can pay on the order page.`,
      };
    case "paid":
      return f.pickup
        ? {
            subject: `Order ${f.number} paid: ready for pickup`,
            lead: `We received ${money(f.totalFen)} for order ${f.number}. Your pickup code is ${formatPickupCode(f.pickup.code)}: show it at ${f.pickup.counter} (${f.pickup.address}; ${f.pickup.hours}) to collect your goods. Orders not collected within ${UNCOLLECTED_DAYS} days are refunded. Thank you for your aid purchase!`,
          }
        : {
            subject: `Order ${f.number} paid`,
            lead: `We received ${money(f.totalFen)} for order ${f.number}; the cooperatives are packing it. Thank you for your aid purchase!`,
          };
    case "shipped":
      return {
        subject: `Order ${f.number} shipped`,
        lead: `The parcel from ${f.cooperative ?? ""} is on its way: ${carrierName(f.carrier, "en")}, tracking number ${f.trackingNumber ?? ""}.`,
      };
    case "delivered":
      return {
        subject: `Order ${f.number} delivered`,
        lead: `The parcel from ${f.cooperative ?? ""} has been delivered. If anything is wrong, you can ask for after-sales help on the order page.`,
      };
    case "refunded":
      return {
        subject: `Order ${f.number} refunded`,
        lead: `${money(f.amountFen)} of order ${f.number} has been refunded (reason: ${f.reason ?? ""}) to the way you paid; the aid it carried has been reversed.`,
      };
    case "after_sales":
      return event.decision === "approved"
        ? {
            subject: `Order ${f.number}: after-sales request approved`,
            lead: `Your request about "${f.product ?? ""}" was approved; a refund of ${money(f.amountFen)} is on its way.`,
          }
        : {
            subject: `Order ${f.number}: after-sales request declined`,
            lead: `Your request about "${f.product ?? ""}" was declined. Reason: ${f.reason ?? ""}`,
          };
    case "invoice_issued":
      return {
        subject: `Order ${f.number}: invoice issued`,
        lead: `The invoice for order ${f.number} has been issued: number ${f.invoiceNumber ?? ""}, amount ${money(f.amountFen)}.`,
      };
    case "collected":
      return {
        subject: `Order ${f.number} collected`,
        lead: `Order ${f.number} was collected at ${f.counter ?? "the counter"}. Thank you for your aid purchase!`,
      };
  }
}

/** The subject, SMS and e-mail for one event in the buyer's language. */
export function orderMessage(event: OrderEvent, facts: MessageFacts, locale: Locale): MessageText {
  const { subject, lead } = locale === "en" ? en(event, facts) : zh(event, facts);
  const brand = locale === "en" ? "Shanhai" : "山海";
  const more = locale === "en" ? "Order details" : "订单详情";
  return {
    subject: `${brand}: ${subject}`,
    sms: `【${brand}】${lead} ${more}: ${facts.link}`,
    email: `${lead}\n\n${more}: ${facts.link}\n\n${brand}`,
  };
}
