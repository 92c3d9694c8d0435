// Where the orders named on the integrity flags were sold (ADR 051): the online store or a
// counter's till. One indexed read of the named orders (orders.number is unique), after the
// rules have run, so the rules' own queries and plans stay as they are.
import { sql } from "kysely";
import type { DB } from "#db/connection";
import { lang, type Locale } from "~/i18n/config";
import type { IntegrityReport } from "./integrity.server";

/** An order named on a flag, sold at a counter: the counter's name. */
export interface FlagOrderChannel {
  channel: "online" | "counter";
  /** the counter's name, for a till sale */
  counter: string | null;
}

/** The channel of every order named on the report's flags, by order number. */
export async function flagOrderChannels(
  db: DB,
  report: IntegrityReport,
  locale: Locale = "zh-CN",
): Promise<Record<string, FlagOrderChannel>> {
  const numbers = [
    ...new Set(
      Object.values(report).flatMap((rule) =>
        rule.flags.flatMap((flag) => flag.orders.map((o) => o.number)),
      ),
    ),
  ];
  const out: Record<string, FlagOrderChannel> = {};
  for (let i = 0; i < numbers.length; i += 500) {
    const rows = await db
      .selectFrom("orders as o")
      .leftJoin("counters as k", "k.id", "o.counter_id")
      .select([
        "o.number",
        "o.channel",
        sql.ref<string | null>(`k.name_${lang(locale)}`).as("counter"),
      ])
      .where("o.number", "in", numbers.slice(i, i + 500))
      .execute();
    for (const r of rows) {
      // a pickup order names a counter too, but was sold online
      out[r.number] =
        r.channel === "counter"
          ? { channel: "counter", counter: r.counter }
          : { channel: "online", counter: null };
    }
  }
  return out;
}
