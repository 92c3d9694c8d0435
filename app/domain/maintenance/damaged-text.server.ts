// Finds stored text that a browser damaged, and restores product texts from the audit log.
// Until the renderer fix (docs/decisions/017-render-with-web-streams.md) pages carried NUL
// bytes inside form defaults; a browser turns each into U+FFFD, so saving such a form
// without JavaScript wrote "草场自由��放牧" back. No one types U+FFFD on purpose.
import type { DB } from "#db/connection";
import type { Database } from "#db/schema";
import { nameSearchKeys } from "../catalog/pinyin.server";
import { writeAudit } from "../coop/audit.server";

export const REPLACEMENT_CHAR = "\uFFFD";

/** The free-text columns people fill in through forms, table by table. */
const FORM_TEXT = {
  products: [
    "name_zh",
    "name_en",
    "summary_zh",
    "summary_en",
    "story_zh",
    "story_en",
    "unit_zh",
    "unit_en",
    "storage_zh",
    "storage_en",
    "harvest_season_zh",
    "harvest_season_en",
  ],
  product_certifications: ["number", "issued_by"],
  cooperatives: ["name_zh", "name_en", "story_zh", "story_en"],
  users: ["name"],
  orders: [
    "contact_name",
    "province",
    "city",
    "district",
    "street",
    "org_name",
    "invoice_title",
    "tax_id",
    "note",
  ],
  shipments: ["carrier", "tracking_number"],
} as const satisfies { [T in keyof Database]?: ReadonlyArray<keyof Database[T] & string> };

type Table = keyof typeof FORM_TEXT;

/** The product fields the audit log names, by column (see TRACKED in coop/products). */
const PRODUCT_AUDIT_FIELD: Partial<Record<string, string>> = {
  name_zh: "nameZh",
  name_en: "nameEn",
  summary_zh: "summaryZh",
  summary_en: "summaryEn",
  story_zh: "storyZh",
  story_en: "storyEn",
  unit_zh: "unitZh",
  unit_en: "unitEn",
  storage_zh: "storageZh",
  storage_en: "storageEn",
  harvest_season_zh: "harvestSeasonZh",
  harvest_season_en: "harvestSeasonEn",
};

export interface DamagedText {
  table: Table;
  id: number;
  column: string;
  value: string;
  /** the last value the audit log saw before the damage, when there is one */
  restoreTo: string | null;
}

function isDamaged(value: unknown): value is string {
  return typeof value === "string" && value.includes(REPLACEMENT_CHAR);
}

/** Every stored form text with U+FFFD in it, with what it can be restored to. */
export async function findDamagedText(db: DB): Promise<DamagedText[]> {
  const found: DamagedText[] = [];
  for (const [table, columns] of Object.entries(FORM_TEXT) as Array<[Table, readonly string[]]>) {
    // Column names known only at run time: Kysely's dynamic references, one query shape for
    // every table in the list above.
    const ref = (column: string) => db.dynamic.ref<string>(column);
    const rows: Array<Record<string, unknown>> = await db
      .selectFrom(table)
      .select([ref("id"), ...columns.map(ref)])
      .where((eb) => eb.or(columns.map((c) => eb(ref(c), "like", `%${REPLACEMENT_CHAR}%`))))
      .execute();
    for (const row of rows) {
      for (const column of columns) {
        const value = row[column];
        if (!isDamaged(value)) continue;
        found.push({ table, id: Number(row.id), column, value, restoreTo: null });
      }
    }
  }
  await attachProductHistory(db, found);
  return found;
}

/**
 * For each damaged product text, the value the field had just before the audit log first
 * saw it damaged (the `before` of the edit that wrote the U+FFFD).
 */
async function attachProductHistory(db: DB, found: DamagedText[]): Promise<void> {
  const products = [...new Set(found.filter((d) => d.table === "products").map((d) => d.id))];
  if (!products.length) return;
  const history = await db
    .selectFrom("audit_log")
    .select(["entity_id", "before", "after"])
    .where("entity", "=", "product")
    .where("entity_id", "in", products)
    .where("action", "=", "update")
    .orderBy("id", "asc")
    .execute();
  for (const damage of found) {
    const field = damage.table === "products" ? PRODUCT_AUDIT_FIELD[damage.column] : undefined;
    if (!field) continue;
    for (const entry of history) {
      if (entry.entity_id !== damage.id) continue;
      const before = parseJson(entry.before)[field];
      const after = parseJson(entry.after)[field];
      if (isDamaged(after) && typeof before === "string" && !isDamaged(before)) {
        damage.restoreTo = before;
        break;
      }
    }
  }
}

function parseJson(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export interface RepairReport {
  found: DamagedText[];
  restored: DamagedText[];
  /** damaged, with no clean earlier value on record: for a person to correct */
  left: DamagedText[];
}

/**
 * Restores each damaged product text that has a clean earlier value, in one transaction,
 * with a `text_repair` line in the product's audit log; reports the rest.
 */
export async function repairDamagedText(db: DB, now = new Date()): Promise<RepairReport> {
  return db.transaction().execute(async (trx) => {
    const found = await findDamagedText(trx);
    const restored = found.filter((d) => d.restoreTo !== null);
    const byProduct = new Map<number, DamagedText[]>();
    for (const d of restored) byProduct.set(d.id, [...(byProduct.get(d.id) ?? []), d]);
    for (const [productId, fields] of byProduct) {
      const product = await trx
        .selectFrom("products")
        .select("cooperative_id")
        .where("id", "=", productId)
        .executeTakeFirstOrThrow();
      const set = Object.fromEntries(fields.map((d) => [d.column, d.restoreTo]));
      // a restored name gets its pinyin again, as any saved name does
      const keys = typeof set.name_zh === "string" ? nameSearchKeys(set.name_zh) : {};
      await trx
        .updateTable("products")
        .set({ ...set, ...keys })
        .where("id", "=", productId)
        .execute();
      await writeAudit(trx, {
        actor: { id: null, name: "system" },
        entity: "product",
        entityId: productId,
        cooperativeId: product.cooperative_id,
        action: "text_repair",
        before: Object.fromEntries(fields.map((d) => [PRODUCT_AUDIT_FIELD[d.column], d.value])),
        after: Object.fromEntries(fields.map((d) => [PRODUCT_AUDIT_FIELD[d.column], d.restoreTo])),
        why: "U+FFFD written back by a page with NUL bytes; restored from the audit log",
        now,
      });
    }
    return { found, restored, left: found.filter((d) => d.restoreTo === null) };
  });
}

export function formatRepairReport(report: RepairReport, repaired: boolean): string {
  const lines = [
    `damaged texts (U+FFFD): ${report.found.length}`,
    `${repaired ? "restored" : "restorable"} from the audit log: ${report.restored.length}`,
    `left for a person to correct: ${report.left.length}`,
  ];
  for (const d of report.found) {
    const what =
      d.restoreTo === null ? "no clean earlier value" : `→ ${JSON.stringify(d.restoreTo)}`;
    lines.push(`  ${d.table}#${d.id}.${d.column}: ${JSON.stringify(d.value)} ${what}`);
  }
  return lines.join("\n");
}
