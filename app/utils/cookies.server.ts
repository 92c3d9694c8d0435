import { createCookie } from "@remix-run/node";
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
