// Shapes of the demo catalogue. The seed and the test factories both read these.

export type CountyCode = "datong" | "huangyuan" | "huangzhong" | "xining";

export type CategoryCode =
  | "dairy"
  | "fruit"
  | "fungi"
  | "meat"
  | "pulses"
  | "condiment"
  | "grain"
  | "oil"
  | "vegetables"
  | "drinks"
  | "tea"
  | "handicraft"
  | "bundle";

/** 农畜牧产品 farm and livestock goods / 特色手工艺产品 handicrafts */
export type CategoryGroup = "agri" | "handicraft";

export type CertificationKind =
  | "aid" // 消费帮扶产品认定 — the one that makes a sale count as aid
  | "green_food" // 绿色食品
  | "organic" // 有机产品
  | "geo_indication" // 地理标志
  | "sc_license" // 食品生产许可 SC
  | "quality" // 合格证
  | "quarantine" // 动物检疫合格证明
  | "heritage"; // 非遗

export interface SeedCounty {
  code: CountyCode;
  nameZh: string;
  nameEn: string;
  /** Paired Nanjing district; null for Xining city proper (counts to Xining, not a pairing). */
  pairedDistrictZh: string | null;
  pairedDistrictEn: string | null;
  storyZh: string;
  storyEn: string;
}

export interface SeedCategory {
  code: CategoryCode;
  nameZh: string;
  nameEn: string;
  group: CategoryGroup;
}

export interface SeedCooperative {
  slug: string;
  county: CountyCode;
  kind: "cooperative" | "enterprise" | "family_farm";
  nameZh: string;
  nameEn: string;
  storyZh: string;
  storyEn: string;
  /** 带动脱贫人口, from the cooperative's own report */
  farmersReached: number;
  foundedYear: number;
}

export interface SeedCertification {
  kind: CertificationKind;
  number: string;
  issuedBy: string;
  /** YYYY-MM-DD */
  expiresOn: string;
}

export interface SeedProduct {
  slug: string;
  cooperative: string; // SeedCooperative.slug
  category: CategoryCode;
  nameZh: string;
  nameEn: string;
  summaryZh: string;
  summaryEn: string;
  storyZh: string;
  storyEn: string;
  unitZh: string;
  unitEn: string;
  /** integer fen */
  priceFen: number;
  /** market reference price for the same spec, integer fen */
  referencePriceFen: number;
  stock: number;
  coldChain: boolean;
  storageZh: string;
  storageEn: string;
  shelfLifeDays: number;
  /** path under /public, e.g. /images/products/yak-shank.svg */
  image: string;
  featured: boolean;
  /** collection slugs this product is shown in */
  collections: Array<"green-organic-qinghai" | "datong-produce">;
  certifications: SeedCertification[];
  /** demo only: a listing still waiting for the aid office */
  pendingReview?: boolean;
}
