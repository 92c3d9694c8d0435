// The rows of an export, one array per line in the order of its columns: entries straight
// off a SQLite cursor (constant memory), or a breakdown (a few rows) ending with 合计.
// Amount columns hold integer fen; labels are the dashboard's own Chinese ones. See
// docs/decisions/016-aid-exports-and-integrity.md.
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { engineOf, type DB } from "#db/connection";
import { dash } from "~/i18n/zh-CN/dash";
import { breakdown as dashboardBreakdown } from "../dashboard/breakdowns.server";
import type { Dimension } from "../dimensions";
import type { Period } from "../periods";
import { TOTAL_LABEL, type Breakdown, type ExportValue } from "./columns.server";

// the dashboard's own Chinese labels, so a file says what the page says
const labels = dash.labels;
const pick = (map: Record<string, string>, value: string) =>
  map[value] ?? labels.unknown.replace("{{value}}", value);
const bucketLabel = (v: string) => pick(labels.bucket, v);
const groupLabel = (v: string) => pick(labels.category_group, v);
const buyerLabel = (v: string) => pick(labels.buyer_type, v);
/** "" (individuals) and "none" both mean no funding source */
const fundingLabel = (v: string) => pick(labels.funding_source, v || "none");

// Breakdowns: the dashboard's own figures (same rollups, same order), labelled in Chinese

export interface BreakdownLine {
  /** the dimension's value: county code, cooperative id, bucket, "none" for no funding… */
  value: string;
  label: string;
  aidFen: number;
  otherFen: number;
  /** ledger entries: each paid line (or bundle component) and each refund is one */
  entries: number;
}

export async function breakdownRows(
  db: DB,
  period: Period,
  dimension: Dimension,
): Promise<BreakdownLine[]> {
  const rows = await dashboardBreakdown(db, period, dimension, "zh-CN");
  return rows.map((r) => ({
    value: r.value,
    label: labelFor(dimension, r.value, r.name, r.detail),
    aidFen: r.aidFen,
    otherFen: r.otherFen,
    entries: r.aidEntries + r.otherEntries,
  }));
}

function labelFor(
  dimension: Dimension,
  value: string,
  name: string | null,
  detail: string | null,
): string {
  switch (dimension) {
    case "bucket":
      return bucketLabel(value);
    case "buyer_type":
      return buyerLabel(value);
    case "funding_source":
      return fundingLabel(value);
    case "category_group":
      return groupLabel(value);
    case "month":
      return `${value.slice(0, 4)}年${Number(value.slice(5, 7))}月`;
    case "cooperative":
      return name ?? `#${value}`;
    case "channel":
      // the online store, or a counter with its district
      return value === "online"
        ? labels.channel.online
        : `${name ?? value}${detail ? `（${detail}）` : ""}`;
    default:
      // county with its paired district, product with its cooperative
      return `${name ?? value}${detail ? `（${detail}）` : ""}`;
  }
}

export function sumRows(rows: BreakdownLine[]): Omit<BreakdownLine, "value" | "label"> {
  return rows.reduce(
    (t, r) => ({
      aidFen: t.aidFen + r.aidFen,
      otherFen: t.otherFen + r.otherFen,
      entries: t.entries + r.entries,
    }),
    { aidFen: 0, otherFen: 0, entries: 0 },
  );
}

/**
 * The rows of an export, one array per line in the order of exportColumns(breakdown).
 * Entries come straight off a SQLite cursor (constant memory); a breakdown is small and
 * ends with a 合计 row. Amount columns hold integer fen.
 */
export async function* exportRows(
  db: DB,
  options: { period: Period; breakdown?: Breakdown },
): AsyncGenerator<ExportValue[]> {
  const breakdown = options.breakdown ?? "entries";
  if (breakdown !== "entries") {
    const rows = await breakdownRows(db, options.period, breakdown);
    for (const r of rows) yield [r.label, r.aidFen, r.aidFen, r.otherFen, r.entries];
    const t = sumRows(rows);
    yield [TOTAL_LABEL, t.aidFen, t.aidFen, t.otherFen, t.entries];
    return;
  }
  for await (const row of entriesQuery(db, options.period).stream()) {
    yield entryValues(Object.values(row));
  }
}

/** An entries row, in entriesQuery's column order, as export values with Chinese labels. */
function entryValues(row: unknown[]): ExportValue[] {
  const [day, number, county, paired, cooperative, product, group, bucket, buyer, funding] =
    row as string[];
  const [eligible, quantity, amount] = row.slice(10, 13) as number[];
  const [box, seller, channel, counter] = row.slice(13) as Array<string | null>;
  return [
    day!,
    number!,
    county!,
    paired ?? "",
    cooperative!,
    product!,
    groupLabel(group!),
    bucketLabel(bucket!),
    buyerLabel(buyer!),
    fundingLabel(funding!),
    eligible ? "是" : "否",
    quantity!,
    amount!,
    amount!,
    box ?? "",
    seller ?? "",
    channel === "counter" ? (counter ?? labels.channel.counter) : labels.channel.online,
  ];
}

/**
 * Every ledger entry of the period, by day on the (day, eligible) index so SQLite hands
 * rows over as it walks the index, with no sort to materialise first. Names are the ones
 * frozen on the order line, except for bundle components, which have no line of their own;
 * for those the line is the gift box, named in the last columns with its seller (ADR 044).
 */
export function entriesQuery(db: DB, period: Period) {
  return db
    .selectFrom("aid_ledger as a")
    .innerJoin("orders as o", "o.id", "a.order_id")
    .leftJoin("order_lines as l", "l.id", "a.order_line_id")
    .leftJoin("counties as c", "c.code", "a.county_code")
    .leftJoin("cooperatives as co", "co.id", "a.cooperative_id")
    .leftJoin("products as p", "p.id", "a.product_id")
    .leftJoin("counters as k", "k.id", "a.counter_id")
    .select([
      "a.day",
      "o.number",
      sql<string>`coalesce(c.name_zh, a.county_code)`.as("county"),
      "a.paired_district_zh as paired_district",
      sql<string>`case when l.cooperative_id = a.cooperative_id then l.cooperative_name_zh
        else coalesce(co.name_zh, '') end`.as("cooperative"),
      sql<string>`case when l.product_id = a.product_id then l.product_name_zh
        else coalesce(p.name_zh, '') end`.as("product"),
      "a.category_group",
      "a.bucket",
      "a.buyer_type",
      "a.funding_source",
      "a.eligible",
      "a.quantity",
      "a.amount_fen",
      sql<string | null>`case when a.bundle_product_id is not null then l.product_name_zh end`.as(
        "gift_box",
      ),
      "l.cooperative_name_zh as seller",
      "a.channel",
      "k.name_zh as counter",
    ])
    .where("a.day", ">=", period.start)
    .where("a.day", "<=", period.end)
    .orderBy("a.day")
    .orderBy("a.eligible")
    .orderBy("a.id");
}

/**
 * exportRows, with the entries read on a read-only connection of its own to the database
 * file, through a raw better-sqlite3 cursor (arrays, not objects: half the cost per row).
 * The cursor reads one consistent snapshot (WAL) and leaves the app's single connection
 * free, so a download of a year's entries never holds up checkout; it opens on the first
 * row and closes when the rows are done with: finished, failed or abandoned. Breakdowns
 * are a few rows and use `db`; so does ":memory:", which has no file to share, and
 * PostgreSQL, where `db` is a pool.
 */
export async function* exportRowsFromFile(
  file: string,
  db: DB,
  options: { period: Period; breakdown?: Breakdown },
): AsyncGenerator<ExportValue[]> {
  // PostgreSQL streams through a cursor on one of the pool's connections (a single query
  // reads one consistent snapshot there too)
  const onPool = engineOf(db) === "postgres" || file === ":memory:";
  if (onPool || (options.breakdown ?? "entries") !== "entries") {
    yield* exportRows(db, options);
    return;
  }
  const reader = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    reader.pragma("busy_timeout = 5000");
    const query = entriesQuery(db, options.period).compile();
    const cursor = reader
      .prepare(query.sql)
      .raw(true)
      .iterate(...query.parameters) as IterableIterator<unknown[]>;
    for (const row of cursor) yield entryValues(row);
  } finally {
    reader.close();
  }
}
