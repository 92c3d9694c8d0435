// A catalogue at scale for the benchmark: variants of the demo products (a select pack, a
// family size, …) written through the same factory the seed and the tests use, so a
// generated row is what the store itself would hold. Each variant stays with its demo
// product's cooperative, county, category and picture, so a search for 牦牛 finds the yak
// goods of the yak cooperatives, as it would in a real catalogue of that size.
import { createDatabase, type DB } from "../db/connection";
import { products as demoProducts } from "../db/seed-data/catalog";
import type { SeedProduct } from "../db/seed-data/types";
import { aidCert, createProduct, type ProductInput } from "../tests/factories/catalog";
import { createRng } from "../scripts/seed-volume";

const STYLES = [
  { zh: "精选", en: "Select" },
  { zh: "家庭装", en: "Family-pack" },
  { zh: "礼盒装", en: "Gift-boxed" },
  { zh: "特级", en: "Premium" },
  { zh: "农家", en: "Farmhouse" },
  { zh: "新季", en: "New-season" },
  { zh: "高原", en: "Highland" },
  { zh: "原产地直发", en: "Direct-from-farm" },
] as const;

const SIZES = [
  { zh: "尝鲜装", en: "taster", factor: 0.5 },
  { zh: "标准装", en: "standard", factor: 1 },
  { zh: "加量装", en: "large", factor: 2 },
  { zh: "量贩装", en: "bulk", factor: 4 },
] as const;

/** A variant as the factory takes it, with its cooperative still named by slug. */
export type ProductVariant = Omit<ProductInput, "cooperativeId"> & {
  slug: string;
  nameZh: string;
  nameEn: string;
  priceFen: number;
  stock: number;
  cooperative: string;
};

/** Demo products a shopper could buy on their own (not gift boxes, not awaiting review). */
export const VARIANT_BASES: readonly SeedProduct[] = demoProducts.filter(
  (p) => p.category !== "bundle" && !p.pendingReview,
);

const roundTo10 = (fen: number) => Math.max(10, Math.round(fen / 10) * 10);

/**
 * The `n`th generated product (0-based). Style and size follow `n`, so every base gets every
 * combination; price and stock come from `random`, so one seed gives one catalogue.
 */
export function productVariant(n: number, random: () => number): ProductVariant {
  const base = VARIANT_BASES[n % VARIANT_BASES.length]!;
  const round = Math.floor(n / VARIANT_BASES.length);
  const style = STYLES[round % STYLES.length]!;
  const size = SIZES[Math.floor(round / STYLES.length) % SIZES.length]!;
  const priceFen = roundTo10(base.priceFen * size.factor * (0.85 + 0.35 * random()));
  // about one in twenty is sold out, as on a real shelf
  const stock = random() < 0.05 ? 0 : 5 + Math.floor(random() * 400);
  const { collections: _collections, pendingReview: _pending, ...fields } = base;
  return {
    ...fields,
    slug: `${base.slug}-v${n + 1}`,
    nameZh: `${style.zh}${base.nameZh}（${size.zh}）`,
    nameEn: `${style.en} ${base.nameEn} (${size.en})`,
    priceFen,
    referencePriceFen: roundTo10(priceFen * (1.05 + 0.25 * random())),
    stock,
    featured: false,
    // each listing has its own aid certificate number; the other certificates are the farm's
    certifications: base.certifications.map((c) =>
      c.kind === "aid" ? aidCert({ issuedBy: c.issuedBy, expiresOn: c.expiresOn }) : c,
    ),
    // older than the demo listings (from 2026-09-01), one every 50 minutes
    createdAt: new Date(Date.UTC(2025, 0, 1) + n * 50 * 60_000).toISOString(),
  };
}

/** A product whose stock the checkout benchmark sells out of, and what it started with. */
export interface LimitedProduct {
  id: number;
  slug: string;
  nameZh: string;
  stock: number;
}

/** One checkout run's goods: everyone buys `main`; every fifth buyer also tries `scarce`. */
export interface CheckoutStock {
  main: LimitedProduct;
  scarce: LimitedProduct;
}

export interface GenerateOptions {
  count: number;
  seed?: string;
  /** how many separate checkout runs to stock (one pair of limited products each) */
  checkoutRuns?: number;
  limitedStock?: number;
  /** small enough to sell out within a run, so the sold-out race is exercised */
  scarceStock?: number;
}

async function limitedPair(db: DB, coops: Map<string, number>, run: number, o: GenerateOptions) {
  // shipped at room temperature, so any address will do
  const base = VARIANT_BASES.find((p) => p.slug === "yak-jerky") ?? VARIANT_BASES[0]!;
  const make = async (kind: "checkout" | "scarce", stock: number): Promise<LimitedProduct> => {
    const slug = `bench-${kind}-${run}`;
    const nameZh = `限量${base.nameZh}（${kind === "checkout" ? "压测" : "稀缺"} ${run}）`;
    const { collections: _c, pendingReview: _p, ...fields } = base;
    const id = await createProduct(db, {
      ...fields,
      slug,
      nameZh,
      nameEn: `Limited ${base.nameEn} (${kind} ${run})`,
      stock,
      featured: false,
      certifications: [aidCert()],
      cooperativeId: coops.get(base.cooperative)!,
    });
    return { id, slug, nameZh, stock };
  };
  return {
    main: await make("checkout", o.limitedStock ?? 5000),
    scarce: await make("scarce", o.scarceStock ?? 20),
  };
}

/** Writes `count` variants and the checkout stock into a migrated, seeded database. */
export async function generateProducts(
  db: DB,
  options: GenerateOptions,
): Promise<{ products: number; checkout: CheckoutStock[] }> {
  const random = createRng(options.seed ?? "shanhai-bench");
  return db.transaction().execute(async (trx) => {
    const rows = await trx.selectFrom("cooperatives").select(["id", "slug"]).execute();
    const coops = new Map(rows.map((r) => [r.slug, r.id]));
    for (let n = 0; n < options.count; n++) {
      const { cooperative, ...variant } = productVariant(n, random);
      const cooperativeId = coops.get(cooperative);
      if (!cooperativeId) throw new Error(`no cooperative ${cooperative}: is the demo seeded?`);
      await createProduct(trx, { ...variant, cooperativeId });
    }
    const checkout: CheckoutStock[] = [];
    for (let run = 1; run <= (options.checkoutRuns ?? 0); run++) {
      checkout.push(await limitedPair(trx, coops, run, options));
    }
    return { products: options.count, checkout };
  });
}

/** The same, on a database file (the store's, before it starts). */
export async function generateIntoFile(file: string, options: GenerateOptions) {
  const db = createDatabase(file);
  try {
    return await generateProducts(db, options);
  } catch (error) {
    throw new Error(
      `bench: could not write generated products into ${file}. If the store under test is ` +
        `another checkout (--root), its schema may differ from this one's ` +
        `(tests/factories/catalog.ts writes the rows): ${(error as Error).message}`,
      { cause: error },
    );
  } finally {
    await db.destroy();
  }
}
