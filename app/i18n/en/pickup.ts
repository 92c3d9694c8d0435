// Collect at a counter: choosing a counter at checkout, the pickup code and QR code, uncollected orders.
import type { Shape } from "../shape";
import type { pickup as zh } from "../zh-CN/pickup";

export const pickup: Shape<typeof zh> = {
  title: "Collect at a counter",
  legend: "Delivery or collection",
  delivery: "Delivery by courier",
  deliveryHint: "Packed and sent by the cooperatives in Qinghai; shipping is charged per parcel.",
  atCounter: "Collect at {{name}}",
  free: "No shipping fee",
  hours: "Opening hours: {{hours}}",
  map: "Map",
  missing: "Not in stock here: {{names}}",
  noneHold: "No counter has everything in your cart right now, so it can only be delivered.",
  addressSkipped:
    "Collecting at a counter needs no delivery address: just the name and mobile of whoever collects.",
  summary: "Collected at a counter, no shipping fee: total",
  errors: {
    counterUnavailable:
      "The counter you chose does not have everything in your cart right now. Choose another counter or delivery.",
    notAtCounter:
      "{{counter}} has only {{stock}} of “{{name}}” left. No order was placed and nothing was charged; your cart is kept. Choose another counter or delivery.",
  },
  order: {
    title: "Collect at the counter",
    thanks:
      "Payment received. Thank you for supporting Xining's farmers! Show the pickup code below at the counter.",
    counter: "Where",
    code: "Pickup code",
    show: "Show the pickup code or the QR code at the counter; the staff check it and hand over your goods.",
    keep: "Please collect within {{days}} days of payment; orders not collected by then are refunded.",
    afterPayment: "Your pickup code appears here once the order is paid; we also send it by SMS.",
    qrAlt: "QR code of pickup code {{code}}",
    collected: "Collected at {{counter}} on {{at}}",
    collectedBy: "Handed over by {{name}}",
    phone: "Counter phone: {{phone}}",
  },
  status: {
    ready: "Ready for pickup",
    collected: "Collected",
  },
  timeline: {
    collected: "Collected at {{counter}}",
  },
  uncollected: {
    tab: "Uncollected pickup orders",
    title: "Uncollected pickup orders",
    lead: "Orders paid more than {{days}} days ago and not yet collected. Open one to refund it in full; with “return to stock” the goods go back on the counter's shelf.",
    count: "Orders: {{count}}",
    empty: "No pickup order is overdue.",
    counter: "Counter",
    waiting: "Days waiting",
    all: "All orders",
    homeStat: "Uncollected pickup orders",
    homeLink: "Review and refund",
  },
};
