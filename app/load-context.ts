import type { AppLoadContext } from "@remix-run/node";

/** What server/index.js passes to every loader and action. */
export interface ShanhaiContext {
  clientIp: string;
}

export function clientIpOf(context: AppLoadContext): string {
  const ip = (context as Partial<ShanhaiContext>).clientIp;
  return typeof ip === "string" && ip ? ip : "unknown";
}
