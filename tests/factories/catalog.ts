// Data factories: the demo seed and the tests insert rows through the same functions.
import type { DB } from "#db/connection";
import { nameSearchKeys } from "~/domain/catalog/pinyin.server";
import type {
  SeedCategory,
  SeedCertification,
  SeedCooperative,
  SeedCounty,
  SeedProduct,
} from "#db/seed-data/types";

let serial = 0;
const next = () => ++serial;

export async function createCounty(
  db: DB,
  county: Partial<SeedCounty> & { code: string },
  sort = 0,
) {
  await db
    .insertInto("counties")
    .values({
      code: county.code,
      name_zh: county.nameZh ?? `县${county.code}`,
      name_en: county.nameEn ?? `County ${county.code}`,
      paired_district_zh: county.pairedDistrictZh === undefined ? "某区" : county.pairedDistrictZh,
      paired_district_en:
        county.pairedDistrictEn === undefined ? "Some District" : county.pairedDistrictEn,
      story_zh: county.storyZh ?? "",
      story_en: county.storyEn ?? "",
      sort,
    })
    .execute();
  return county.code;
}

export async function createCategory(
  db: DB,
  category: Partial<Omit<SeedCategory, "code">> & { code: string },
  sort = 0,
) {
  await db
    .insertInto("categories")
    .values({
      code: category.code,
      name_zh: category.nameZh ?? category.code,
      name_en: category.nameEn ?? category.code,
      group: category.group ?? "agri",
      sort,
    })
    .execute();
  return category.code;
}

export async function createCooperative(
  db: DB,
  coop: Partial<SeedCooperative> & { county: string },
): Promise<number> {
  const n = next();
  const row = await db
    .insertInto("cooperatives")
    .values({
      slug: coop.slug ?? `coop-${n}`,
      county_code: coop.county,
      kind: coop.kind ?? "cooperative",
      name_zh: coop.nameZh ?? `合作社${n}`,
      name_en: coop.nameEn ?? `Cooperative ${n}`,
      story_zh: coop.storyZh ?? "",
      story_en: coop.storyEn ?? "",
      farmers_reached: coop.farmersReached ?? 50,
      founded_year: coop.foundedYear ?? 2018,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export const aidCert = (overrides: Partial<SeedCertification> = {}): SeedCertification => ({
  kind: "aid",
  number: `XNXFBF-2026-${String(next()).padStart(4, "0")}`,
  issuedBy: "西宁市乡村振兴局",
  expiresOn: "2099-12-31",
  ...overrides,
});

export type ProductInput = Partial<Omit<SeedProduct, "cooperative" | "category">> & {
  category?: string;
  cooperativeId: number;
  status?: "draft" | "pending_review" | "active" | "archived";
  createdAt?: string;
};

export async function createProduct(db: DB, p: ProductInput): Promise<number> {
  const n = next();
  const now = new Date().toISOString();
  const nameZh = p.nameZh ?? `商品${n}`;
  const row = await db
    .insertInto("products")
    .values({
      slug: p.slug ?? `product-${n}`,
      cooperative_id: p.cooperativeId,
      category_code: p.category ?? "grain",
      name_zh: nameZh,
      ...nameSearchKeys(nameZh),
      name_en: p.nameEn ?? `Product ${n}`,
      summary_zh: p.summaryZh ?? "",
      summary_en: p.summaryEn ?? "",
      story_zh: p.storyZh ?? "",
      story_en: p.storyEn ?? "",
      unit_zh: p.unitZh ?? "1 件",
      unit_en: p.unitEn ?? "1 piece",
      price_fen: p.priceFen ?? 3900,
      reference_price_fen: p.referencePriceFen ?? null,
      stock: p.stock ?? 100,
      status: p.status ?? "active",
      cold_chain: p.coldChain ? 1 : 0,
      storage_zh: p.storageZh ?? "",
      storage_en: p.storageEn ?? "",
      shelf_life_days: p.shelfLifeDays ?? 365,
      image: p.image ?? "/images/placeholder.svg",
      featured: p.featured ? 1 : 0,
      created_at: p.createdAt ?? now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const certs = p.certifications ?? [aidCert()];
  if (certs.length) {
    await db
      .insertInto("product_certifications")
      .values(
        certs.map((c) => ({
          product_id: row.id,
          kind: c.kind,
          number: c.number,
          issued_by: c.issuedBy,
          expires_on: c.expiresOn,
        })),
      )
      .execute();
  }
  return row.id;
}

/** A small catalogue for tests: two paired counties, one cooperative each. */
export async function createBasicCatalog(db: DB) {
  await createCounty(
    db,
    {
      code: "datong",
      nameZh: "大通县",
      nameEn: "Datong County",
      pairedDistrictZh: "雨花台区",
      pairedDistrictEn: "Yuhuatai District",
    },
    1,
  );
  await createCounty(
    db,
    {
      code: "huangzhong",
      nameZh: "湟中区",
      nameEn: "Huangzhong District",
      pairedDistrictZh: "栖霞区",
      pairedDistrictEn: "Qixia District",
    },
    2,
  );
  for (const code of ["meat", "dairy", "grain", "handicraft"]) {
    await createCategory(db, { code, group: code === "handicraft" ? "handicraft" : "agri" });
  }
  const datong = await createCooperative(db, { county: "datong", nameZh: "大通牦牛合作社" });
  const huangzhong = await createCooperative(db, {
    county: "huangzhong",
    nameZh: "湟中鲜奶合作社",
  });
  return { datong, huangzhong };
}

/**
 * A gift box sold by `sellerId`, holding the given components with their shares of its
 * price (basis points adding up to 10000), as the catalogue's 三县帮扶礼包.
 */
export async function createGiftBox(
  db: DB,
  box: {
    sellerId: number;
    priceFen: number;
    nameZh?: string;
    nameEn?: string;
    components: Array<{ productId: number; quantity: number; shareBp: number }>;
  },
): Promise<number> {
  const bundle = await db
    .selectFrom("categories")
    .select("code")
    .where("code", "=", "bundle")
    .executeTakeFirst();
  if (!bundle) await createCategory(db, { code: "bundle", group: "agri" });
  const id = await createProduct(db, {
    cooperativeId: box.sellerId,
    category: "bundle",
    priceFen: box.priceFen,
    nameZh: box.nameZh ?? "三县帮扶礼包",
    nameEn: box.nameEn ?? "Three-county aid gift box",
  });
  await db
    .insertInto("product_components")
    .values(
      box.components.map((c) => ({
        bundle_product_id: id,
        component_product_id: c.productId,
        quantity: c.quantity,
        share_bp: c.shareBp,
      })),
    )
    .execute();
  return id;
}
