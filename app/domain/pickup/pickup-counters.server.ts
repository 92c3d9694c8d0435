// Which counters a cart may be collected at (ADR 048): every counter, each with the lines
// of the cart its shelf cannot cover now. Two queries, whatever the number of lines.
import type { DB } from "#db/connection";
import type { PickupCounterChoice } from "~/domain/checkout/checkout-input";
import { lang, type Locale } from "~/i18n/config";
import { listCounters } from "../counters/counters.server";

export interface CartLineNeed {
  productId: number;
  quantity: number;
  name: string;
}

export interface PickupOption {
  id: number;
  name: string;
  address: string;
  hours: string;
  mapUrl: string;
  /** the lines this counter cannot cover now, by name; none means it may be chosen */
  missing: string[];
  /** what the schema needs to fill the order's address (always the Chinese address) */
  districtZh: string;
  addressZh: string;
}

/** Every counter with the cart lines it lacks (quantities of one product added together). */
export async function pickupOptions(
  db: DB,
  lines: readonly CartLineNeed[],
  locale: Locale,
): Promise<PickupOption[]> {
  if (!lines.length) return [];
  const l = lang(locale);
  const needed = new Map<number, { quantity: number; name: string }>();
  for (const line of lines) {
    const n = needed.get(line.productId) ?? { quantity: 0, name: line.name };
    n.quantity += line.quantity;
    needed.set(line.productId, n);
  }
  const [counters, shelves] = await Promise.all([
    listCounters(db),
    db
      .selectFrom("counter_stock")
      .select(["counter_id", "product_id", "quantity"])
      .where("product_id", "in", [...needed.keys()])
      .execute(),
  ]);
  return counters.map((c) => {
    const missing = [...needed]
      .filter(([productId, need]) => {
        const have = shelves.find((s) => s.counter_id === c.id && s.product_id === productId);
        return (have?.quantity ?? 0) < need.quantity;
      })
      .map(([, need]) => need.name);
    return {
      id: c.id,
      name: l === "en" ? c.name_en : c.name_zh,
      address: l === "en" ? c.address_en : c.address_zh,
      hours: l === "en" ? c.hours_en : c.hours_zh,
      mapUrl: c.map_url,
      missing,
      districtZh: c.district_zh,
      addressZh: c.address_zh,
    };
  });
}

/** The counters the schema accepts: those that hold every line. */
export function pickupChoices(options: readonly PickupOption[]): PickupCounterChoice[] {
  return options
    .filter((o) => o.missing.length === 0)
    .map((o) => ({ id: o.id, districtZh: o.districtZh, addressZh: o.addressZh }));
}
