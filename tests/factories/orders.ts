import type { DB } from "#db/connection";
import { addToCart, newCartId } from "~/domain/cart/cart.server";
import type { CheckoutInput } from "~/domain/checkout/checkout-input";
import { placeOrder } from "~/domain/checkout/place-order.server";
import { completeDemoPayment, demoGateway } from "~/domain/payments/demo-gateway.server";

export const checkoutInput = (overrides: Partial<CheckoutInput> = {}): CheckoutInput => ({
  contactName: "王小明",
  phone: "13812345678",
  email: null,
  province: "江苏省",
  city: "南京市",
  district: "雨花台区",
  street: "软件大道 101 号",
  buyAs: "self",
  buyerType: "individual",
  orgName: null,
  fundingSource: null,
  invoiceTitle: null,
  taxId: null,
  note: null,
  counterId: null,
  fulfilment: "delivery",
  ...overrides,
});

/** Puts the given products in a new cart and places the order. */
export async function createOrder(
  db: DB,
  items: Array<{ productId: number; quantity: number }>,
  options: {
    input?: Partial<CheckoutInput>;
    now?: Date;
    ttlMinutes?: number;
    userId?: number | null;
  } = {},
) {
  const cartId = newCartId();
  for (const item of items) await addToCart(db, cartId, item.productId, item.quantity, options.now);
  const order = await placeOrder(db, {
    cartId,
    input: checkoutInput(options.input),
    locale: "zh-CN",
    gateway: "demo",
    ttlMinutes: options.ttlMinutes ?? 30,
    userId: options.userId ?? null,
    now: options.now,
  });
  return { ...order, cartId };
}

/** Places and pays an order through the demo gateway, as a shopper would. */
export async function createPaidOrder(
  db: DB,
  items: Array<{ productId: number; quantity: number }>,
  options: { input?: Partial<CheckoutInput>; now?: Date; userId?: number | null } = {},
) {
  const order = await createOrder(db, items, options);
  await demoGateway.startPayment(
    db,
    { id: order.id, number: order.number, totalFen: order.totalFen },
    options.now,
  );
  const outcome = await completeDemoPayment(db, order.id, "succeeded", options.now);
  if (outcome !== "applied") throw new Error(`payment not applied: ${outcome}`);
  return order;
}
