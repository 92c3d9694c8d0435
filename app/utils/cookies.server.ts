import { createCookie } from "@remix-run/node";
import { z } from "zod";
import { env } from "./env.server";

const base = () => ({
  httpOnly: true,
  sameSite: "lax" as const,
  secure: env().NODE_ENV === "production",
  path: "/",
  secrets: [env().SESSION_SECRET],
});

let cart: ReturnType<typeof createCookie> | undefined;
let orders: ReturnType<typeof createCookie> | undefined;
let cartNotice: ReturnType<typeof createCookie> | undefined;

/** The guest's cart id. Signed, so nobody can step into another person's cart by guessing. */
export function cartCookie() {
  cart ??= createCookie("shanhai_cart", { ...base(), maxAge: 60 * 60 * 24 * 30 });
  return cart;
}

/** Order numbers this browser has proven it may see: placed here, or looked up with the phone. */
export function orderAccessCookie() {
  orders ??= createCookie("shanhai_orders", { ...base(), maxAge: 60 * 60 * 24 * 90 });
  return orders;
}

export const languageCookie = createCookie("shanhai_lng", {
  httpOnly: true,
  sameSite: "lax",
  secure: process.env.NODE_ENV === "production",
  path: "/",
  maxAge: 60 * 60 * 24 * 365,
});

export async function readCartId(request: Request): Promise<string | null> {
  const value = await cartCookie().parse(request.headers.get("Cookie"));
  return typeof value === "string" && value.length >= 16 ? value : null;
}

export async function readGrantedOrders(request: Request): Promise<string[]> {
  const value = await orderAccessCookie().parse(request.headers.get("Cookie"));
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** Adds an order to this browser's list (newest first, at most 20 kept). */
export async function grantOrder(request: Request, number: string): Promise<string> {
  const current = await readGrantedOrders(request);
  const next = [number, ...current.filter((n) => n !== number)].slice(0, 20);
  return orderAccessCookie().serialize(next);
}

const cartNoticeSchema = z.object({
  intent: z.enum(["add", "update", "remove"]),
  productId: z.number().int().nullable(),
  /** a catalogue key: why the change was refused */
  error: z.string().max(80).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** what was typed (put back into the field), or what the cart holds after a trim */
  quantity: z.union([z.string().max(20), z.number()]).optional(),
  /** an addition was cut down to the stock there is */
  trimmed: z.literal(true).optional(),
});

/** What a cart form post came to, carried across its redirect to /cart and shown once. */
export type CartNotice = z.infer<typeof cartNoticeSchema>;

/**
 * Lives a minute, on /cart only: /cart answers every form post with a redirect (a reload
 * must not post again), so whatever the post has to say waits here for the next page.
 */
function cartNoticeCookie() {
  cartNotice ??= createCookie("shanhai_cart_notice", { ...base(), path: "/cart", maxAge: 60 });
  return cartNotice;
}

/** The Set-Cookie that carries a notice to the next /cart page, or clears an old one. */
export async function cartNoticeHeader(notice: CartNotice | null): Promise<string> {
  return notice
    ? cartNoticeCookie().serialize(notice)
    : cartNoticeCookie().serialize("", { maxAge: 0 });
}

/** The notice waiting for this /cart page, if any (anything malformed is no notice). */
export async function readCartNotice(request: Request): Promise<CartNotice | null> {
  const value: unknown = await cartNoticeCookie().parse(request.headers.get("Cookie"));
  const parsed = cartNoticeSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
