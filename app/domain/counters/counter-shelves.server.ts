// What /counters shows (ADR 047): each counter as a place, and what is on its shelf now.
// The same for every anonymous visitor, so it shows stock only as the storefront does
// (shownStock): a sale that leaves 39 of 40 changes nothing here, nor the page cache
// (migration 20261204T0200 compares the same buckets).
import { sql } from "kysely";
import type { DB } from "#db/connection";
import { lang, type Locale } from "~/i18n/config";
import { isLowStock, shownStock } from "~/domain/catalog/stock-shown";

export interface ShelfItem {
  slug: string;
  name: string;
  unit: string;
  priceFen: number;
  /** how many are left when few are (isLowStock of shownStock), else null: "in stock" */
  fewLeft: number | null;
}

export interface CounterPlace {
  slug: string;
  name: string;
  address: string;
  district: string;
  hours: string;
  mapUrl: string;
  phone: string | null;
  shelf: ShelfItem[];
}

// Decided here rather than in the page: the page then needs no helper module of its own in
// the browser (every module shared by routes is a chunk, and the product page is at its budget).
function fewLeft(quantity: number): number | null {
  const shown = shownStock(quantity);
  return isLowStock(shown) ? shown : null;
}

/**
 * Every counter in the store's order (sort, then id), each with the listed products it has
 * now (quantity > 0), in the catalogue's order. Two queries, whatever the number of counters.
 */
export async function countersWithShelves(db: DB, locale: Locale): Promise<CounterPlace[]> {
  const l = lang(locale);
  const counters = await db
    .selectFrom("counters")
    .select([
      "id",
      "slug",
      "map_url",
      "phone",
      sql.ref<string>(`name_${l}`).as("name"),
      sql.ref<string>(`address_${l}`).as("address"),
      sql.ref<string>(`district_${l}`).as("district"),
      sql.ref<string>(`hours_${l}`).as("hours"),
    ])
    .orderBy("sort")
    .orderBy("id")
    .execute();
  const shelves = await db
    .selectFrom("counter_stock as s")
    .innerJoin("products as p", "p.id", "s.product_id")
    .select([
      "s.counter_id",
      "s.quantity",
      "p.slug",
      "p.price_fen",
      sql.ref<string>(`p.name_${l}`).as("name"),
      sql.ref<string>(`p.unit_${l}`).as("unit"),
    ])
    .where("s.quantity", ">", 0)
    .where("p.status", "=", "active")
    .orderBy("p.id")
    .execute();
  return counters.map((c) => ({
    slug: c.slug,
    name: c.name,
    address: c.address,
    district: c.district,
    hours: c.hours,
    mapUrl: c.map_url,
    phone: c.phone,
    shelf: shelves
      .filter((s) => s.counter_id === c.id)
      .map((s) => ({
        slug: s.slug,
        name: s.name,
        unit: s.unit,
        priceFen: s.price_fen,
        fewLeft: fewLeft(s.quantity),
      })),
  }));
}
