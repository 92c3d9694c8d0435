// A realistic year of orders for scale work: `npm run seed:volume -- --orders 1000000`.
//
// Builds a separate SQLite file (never the store's own): migrations and the demo catalogue
// first, then a year of buyers, orders, payments, refunds and the aid ledger exactly as the
// store writes them (recordSale/appendLedger), then the rollups derived from the ledger.
// Everything random comes from one seeded PRNG, so the same options give the same file.
//
//   --orders N   orders to generate (default 1000000)
//   --out FILE   where (default data/volume.sqlite); an existing file is refused without --force.
//                A postgres:// URL names an empty PostgreSQL database: the year is built in a
//                scratch SQLite file as below, then copied across by db:copy-to-pg's code
//                (db/copy-to-postgres.ts), which refuses a database with rows in it
//   --seed S     PRNG seed (default "shanhai")
//   --year YYYY  Shanghai calendar year (default: the last full one; the current year stops
//                at yesterday)
//   --force      overwrite FILE
//
// Speed: raw better-sqlite3 prepared statements in large transactions, no journal and no
// fsync while loading, secondary indexes dropped during the load and rebuilt after it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import os from "node:os";
import { createDatabase, isPostgresUrl, migrateToLatest } from "../db/connection";
import {
  copyToPostgres,
  CopyRefused,
  formatCopyReport,
  refuseUnlessEmpty,
} from "../db/copy-to-postgres";
import { describeTarget } from "../db/script-target";
import { seedDemo } from "../db/seed";
import { aidCertification } from "../app/domain/catalog/eligibility";
import { quoteShipping } from "../app/domain/checkout/shipping";
import { addressKeyOf } from "../app/domain/orders/address-key";
import { randomSuffix } from "../app/domain/orders/order-number";
import { bucketFor, splitByShares } from "../app/domain/aid/ledger.server";
import {
  CHAIN_FORM,
  CHAINED_FIELDS,
  entryHash,
  GENESIS_HASH,
  type ChainedEntry,
} from "../app/domain/aid/ledger-chain.server";
import { shanghaiYear } from "../app/utils/time";

// ─── options ──────────────────────────────────────────────────────────────────────────────

export interface VolumeOptions {
  orders: number;
  out: string;
  seed: string;
  year: number;
  force: boolean;
  /** the clock: nothing is dated after it (tests pin it) */
  now?: Date;
  /** orders per transaction */
  batch?: number;
  log?: (line: string) => void;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
const SHANGHAI_OFFSET = 8 * HOUR; // no daylight saving since 1991

/** YYYY-MM-DD in Shanghai; Intl-free because it runs millions of times. */
export function shanghaiDay(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET).toISOString().slice(0, 10);
}

/** The last full Shanghai calendar year before `now`. */
export function defaultYear(now = new Date()): number {
  return shanghaiYear(now) - 1;
}

export function parseArgs(argv: string[], now = new Date()): VolumeOptions {
  const options: VolumeOptions = {
    orders: 1_000_000,
    out: "data/volume.sqlite",
    seed: "shanhai",
    year: defaultYear(now),
    force: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case "--orders":
        options.orders = Number(value().replaceAll("_", ""));
        break;
      case "--out":
        options.out = value();
        break;
      case "--seed":
        options.seed = value();
        break;
      case "--year":
        options.year = Number(value());
        break;
      case "--force":
        options.force = true;
        break;
      case "--help":
      case "-h":
        throw new UsageError("");
      default:
        throw new UsageError(`unknown option ${arg}`);
    }
  }
  if (!Number.isInteger(options.orders) || options.orders < 1) {
    throw new UsageError("--orders must be a positive whole number");
  }
  const thisYear = shanghaiYear(now);
  if (!Number.isInteger(options.year) || options.year < 2017 || options.year > thisYear) {
    throw new UsageError(`--year must be between 2017 and ${thisYear}`);
  }
  return options;
}

export class UsageError extends Error {}

const USAGE = `usage: npm run seed:volume -- [--orders N] [--out FILE] [--seed S] [--year YYYY] [--force]`;

// ─── seeded randomness ────────────────────────────────────────────────────────────────────

/** cyrb128: four 32-bit words from a string, to seed sfc32. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/** sfc32 (Small Fast Counter): a seeded PRNG giving floats in [0, 1). */
export function createRng(seed: string): () => number {
  let [a, b, c, d] = cyrb128(seed);
  const next = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** A stable 32-bit hash of (seed, n, salt): per-buyer traits without storing them. */
function mix(seed: number, n: number, salt: number): number {
  let h = Math.imul(seed ^ Math.imul(n, 0x9e3779b1), 0x85ebca6b) ^ Math.imul(salt, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
const unit = (h: number) => h / 4294967296;

class Random {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  /** index into a cumulative weight table */
  weighted(cumulative: Float64Array | number[]): number {
    const total = cumulative[cumulative.length - 1]!;
    const x = this.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
  /** heavy-tailed whole numbers ≥ min, median about min·2^(1/alpha) */
  pareto(min: number, alpha: number, max: number): number {
    return Math.min(max, Math.floor(min / Math.pow(1 - this.next(), 1 / alpha)));
  }
}

/** index into a cumulative weight table, chosen by a hash rather than the PRNG */
function byHash(cumulativeWeights: number[], h: number): number {
  const x = unit(h) * cumulativeWeights[cumulativeWeights.length - 1]!;
  const i = cumulativeWeights.findIndex((c) => c > x);
  return i < 0 ? cumulativeWeights.length - 1 : i;
}

function cumulative(weights: number[]): number[] {
  let sum = 0;
  return weights.map((w) => (sum += Math.max(0, w)));
}

// ─── the calendar ─────────────────────────────────────────────────────────────────────────

/** Spring Festival (春节) and Mid-Autumn (中秋) move with the lunar calendar. */
const LUNAR: Record<number, { springFestival: string; midAutumn: string }> = {
  2017: { springFestival: "2017-01-28", midAutumn: "2017-10-04" },
  2018: { springFestival: "2018-02-16", midAutumn: "2018-09-24" },
  2019: { springFestival: "2019-02-05", midAutumn: "2019-09-13" },
  2020: { springFestival: "2020-01-25", midAutumn: "2020-10-01" },
  2021: { springFestival: "2021-02-12", midAutumn: "2021-09-21" },
  2022: { springFestival: "2022-02-01", midAutumn: "2022-09-10" },
  2023: { springFestival: "2023-01-22", midAutumn: "2023-09-29" },
  2024: { springFestival: "2024-02-10", midAutumn: "2024-09-17" },
  2025: { springFestival: "2025-01-29", midAutumn: "2025-10-06" },
  2026: { springFestival: "2026-02-17", midAutumn: "2026-09-25" },
  2027: { springFestival: "2027-02-06", midAutumn: "2027-09-15" },
  2028: { springFestival: "2028-01-26", midAutumn: "2028-10-03" },
  2029: { springFestival: "2029-02-13", midAutumn: "2029-09-22" },
  2030: { springFestival: "2030-02-03", midAutumn: "2030-09-12" },
};

const dayIndexOf = (ymd: string) => Math.round(Date.parse(`${ymd}T00:00:00Z`) / DAY);

interface DayInfo {
  /** UTC ms of Shanghai midnight */
  start: number;
  ymd: string;
  month: number; // 1–12
  weekday: number; // 0 Sunday
  /** days from Spring Festival (春节) / Mid-Autumn / 11 November / 18 June, by calendar day */
  toSpring: number;
  toNextSpring: number;
  toMidAutumn: number;
  toDouble11: number;
  to618: number;
}

function calendar(year: number): DayInfo[] {
  const lunar = LUNAR[year] ?? {
    springFestival: `${year}-02-05`,
    midAutumn: `${year}-09-20`,
  };
  const nextSpring = LUNAR[year + 1]?.springFestival ?? `${year + 1}-02-05`;
  const days: DayInfo[] = [];
  for (let d = Date.UTC(year, 0, 1); d < Date.UTC(year + 1, 0, 1); d += DAY) {
    const ymd = new Date(d).toISOString().slice(0, 10);
    const index = Math.round(d / DAY);
    days.push({
      start: d - SHANGHAI_OFFSET,
      ymd,
      month: new Date(d).getUTCMonth() + 1,
      weekday: new Date(d).getUTCDay(),
      toSpring: index - dayIndexOf(lunar.springFestival),
      toNextSpring: index - dayIndexOf(nextSpring),
      toMidAutumn: index - dayIndexOf(lunar.midAutumn),
      toDouble11: index - dayIndexOf(`${year}-11-11`),
      to618: index - dayIndexOf(`${year}-06-18`),
    });
  }
  return days;
}

const between = (x: number, lo: number, hi: number) => x >= lo && x <= hi;

/** Before the Spring Festival people stock up and send gifts; during it couriers stop. */
function springFactor(t: number): number {
  if (between(t, -25, -5)) return 1 + 1.6 * (1 - Math.abs(t + 12) / 14);
  if (between(t, -4, 6)) return 0.35;
  if (between(t, 7, 14)) return 0.8;
  return 1;
}

const INDIVIDUAL_MONTH = [1.0, 0.9, 1.0, 0.95, 1.0, 1.1, 0.82, 0.76, 0.95, 0.95, 1.2, 1.15];

/** How busy a day is for each kind of buyer (relative weights). */
function dayWeights(day: DayInfo): Record<BuyerKind, number> {
  const weekend = day.weekday === 0 || day.weekday === 6;
  const spring = Math.min(springFactor(day.toSpring), springFactor(day.toNextSpring));
  const springGifts = between(day.toSpring, -30, -6) || between(day.toNextSpring, -30, -6);
  const holiday = between(day.toSpring, -3, 6) || between(day.toNextSpring, -3, 6);
  const goldenWeek = day.month === 10 && Number(day.ymd.slice(8)) <= 7;
  const midAutumnGifts = between(day.toMidAutumn, -28, -3);

  let individual = INDIVIDUAL_MONTH[day.month - 1]! * (weekend ? 1.15 : 0.95) * spring;
  if (between(day.to618, -17, -1)) individual *= 1 + 0.9 * ((day.to618 + 17) / 17);
  if (day.to618 === 0) individual *= 3.2;
  if (between(day.to618, 1, 2)) individual *= 1.3;
  if (between(day.toDouble11, -18, -1)) individual *= 1.35;
  if (day.toDouble11 === 0) individual *= 5;
  if (between(day.toDouble11, 1, 2)) individual *= 1.6;
  if (day.ymd.endsWith("-12-12")) individual *= 1.8;
  if (between(day.toMidAutumn, -14, -2)) individual *= 1.4;
  if (goldenWeek) individual *= 0.8;

  const workday = weekend || holiday || goldenWeek ? 0.04 : 1;
  // Government canteens: steady on workdays, thin in school holidays, a year-end spend.
  let gov = workday * (day.month === 12 ? 1.7 : day.month === 11 ? 1.2 : 1);
  if (day.month === 7 || day.month === 8) gov *= 0.6;
  // Unions: gift boxes before Mid-Autumn, before the Spring Festival and at year end;
  // Women's Day (8 March) gifts; little otherwise.
  let union = workday * 0.35;
  if (midAutumnGifts) union += workday * 6 * (1 - Math.abs(day.toMidAutumn + 14) / 16);
  if (springGifts) union += workday * 4;
  if (day.month === 12) union += workday * (Number(day.ymd.slice(8)) >= 10 ? 5 : 2.5);
  if (day.ymd >= `${day.ymd.slice(0, 4)}-02-24` && day.ymd <= `${day.ymd.slice(0, 4)}-03-07`) {
    union += workday * 2;
  }
  const soe = 0.5 * gov + 0.5 * union;
  let privateFirm = (weekend ? 0.3 : 1) * (holiday ? 0.1 : 1);
  if (midAutumnGifts || springGifts) privateFirm *= 3;
  if (between(day.toDouble11, -10, 0)) privateFirm *= 1.8;
  return { individual, gov_unit: gov, union, soe, private_enterprise: privateFirm };
}

// ─── what is sold when ────────────────────────────────────────────────────────────────────

type BuyerKind = "individual" | "gov_unit" | "soe" | "private_enterprise" | "union";
const BUYER_KINDS: BuyerKind[] = ["individual", "gov_unit", "soe", "private_enterprise", "union"];
/** shares of all orders */
const KIND_SHARE: Record<BuyerKind, number> = {
  individual: 0.85,
  gov_unit: 0.06,
  soe: 0.025,
  private_enterprise: 0.025,
  union: 0.04,
};

const flat = Array<number>(12).fill(1);
const months = (...m: number[]) => m;
/** popularity with shoppers, month by month (Jan..Dec); unknown products get 1, flat */
const SEASONS: Record<string, { base: number; months: number[]; gift?: boolean }> = {
  "fresh-milk": { base: 10, months: flat },
  "set-yogurt": { base: 6, months: months(0.9, 0.9, 1, 1, 1.1, 1.3, 1.35, 1.3, 1, 0.9, 0.9, 0.9) },
  "plateau-strawberries": { base: 7, months: months(1.4, 1.4, 1.2, 1, 0.6, 0, 0, 0, 0, 0, 0, 1) },
  "dried-morels": {
    base: 4,
    months: months(1, 0.9, 1.3, 1.5, 1.5, 1.2, 0.8, 0.8, 0.9, 0.9, 1, 1),
    gift: true,
  },
  "oyster-mushrooms": { base: 4, months: flat },
  "yak-shank": {
    base: 5,
    months: months(1.6, 1.5, 1, 0.9, 0.8, 0.6, 0.6, 0.6, 0.9, 1.3, 1.6, 1.7),
  },
  "yak-jerky": { base: 6, months: flat, gift: true },
  "tibetan-mutton-ribs": {
    base: 4,
    months: months(1.8, 1.5, 0.9, 0.7, 0.6, 0.5, 0.5, 0.5, 0.8, 1.2, 1.8, 2),
  },
  "maya-broad-beans": { base: 3, months: flat },
  "aged-vinegar": { base: 3, months: flat },
  "barley-rice": { base: 5, months: flat },
  "barley-noodles": { base: 4, months: flat },
  "potato-vermicelli": {
    base: 3,
    months: months(1.3, 1.3, 1, 0.9, 0.8, 0.8, 0.8, 0.8, 0.9, 1, 1.2, 1.3),
  },
  "roasted-barley-flour": { base: 2, months: flat },
  "rapeseed-oil": { base: 3, months: flat },
  carrots: { base: 3, months: months(1, 0.8, 0.5, 0.5, 0.5, 0.5, 0.7, 1.4, 1.4, 1.4, 1.4, 1.2) },
  "snow-peas": { base: 3, months: months(0, 0, 0, 0, 0, 1, 1.4, 1.4, 1.2, 0.8, 0, 0) },
  "cool-vegetable-box": {
    base: 4,
    months: months(0.3, 0.3, 0.3, 0.3, 0.5, 1.6, 1.8, 1.8, 1.6, 1, 0.3, 0.3),
  },
  "highland-potatoes": {
    base: 2,
    months: months(1, 1, 0.8, 0.6, 0.6, 0.6, 0.8, 1, 1.4, 1.4, 1.4, 1.2),
  },
  "sea-buckthorn-juice": { base: 4, months: flat, gift: true },
  "goji-leaf-tea": {
    base: 3,
    months: months(0.8, 0.8, 1, 1.5, 1.5, 1.5, 1.1, 1, 0.9, 0.8, 0.8, 0.8),
    gift: true,
  },
  "black-barley-tea": { base: 2, months: flat },
  "dandelion-tea": {
    base: 2,
    months: months(0.8, 0.8, 1, 1.3, 1.3, 1.3, 1.3, 1.1, 1, 0.8, 0.8, 0.8),
  },
  "qingxiu-sachet": { base: 2, months: flat, gift: true },
  "tu-embroidery-coasters": { base: 1.5, months: flat, gift: true },
  "leather-embroidery-pendant": { base: 1.5, months: flat, gift: true },
  "duixiu-wall-panel": { base: 0.15, months: flat, gift: true },
  "jiaya-tibetan-rug": { base: 0.12, months: flat, gift: true },
  "three-county-gift-box": { base: 2, months: flat, gift: true },
  "taster-gift-box": { base: 2.5, months: flat, gift: true },
};

/** what institutions buy: canteen staples, gift boxes, office gifts */
const CANTEEN = (
  "barley-rice barley-noodles rapeseed-oil potato-vermicelli maya-broad-beans carrots " +
  "cool-vegetable-box fresh-milk yak-shank tibetan-mutton-ribs aged-vinegar " +
  "oyster-mushrooms highland-potatoes roasted-barley-flour"
).split(" ");
const GIFTS = (
  "three-county-gift-box taster-gift-box yak-jerky sea-buckthorn-juice goji-leaf-tea " +
  "dried-morels qingxiu-sachet tu-embroidery-coasters"
).split(" ");
const GIFT_WEIGHTS = [30, 22, 10, 10, 8, 6, 4, 3];
const PRICEY = new Set(["duixiu-wall-panel", "jiaya-tibetan-rug"]);

// ─── people and places ────────────────────────────────────────────────────────────────────

const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN =
  "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国晓红文博宇浩然欣怡子涵梓轩一诺雨桐思远佳琪俊杰婷婷晨阳海燕玉兰志强建华";
const DISTRICTS =
  "玄武区 秦淮区 建邺区 鼓楼区 浦口区 栖霞区 雨花台区 江宁区 六合区 溧水区 高淳区".split(" ");
const DISTRICT_WEIGHTS = cumulative([9, 9, 8, 12, 7, 8, 7, 16, 6, 4, 3]);
const STREETS = (
  "中山路 珠江路 汉中路 龙蟠中路 江东中路 集庆门大街 软件大道 仙林大道 双龙大道 天元中路 雄州街道龙池路 浦珠路 中央路 北京东路 应天大街 清凉门大街 卡子门大街 " +
  "文靖路 秣陵街道胜太路 淳溪街道宝塔路"
).split(" ");
const PHONE_PREFIXES = (
  "138 139 137 136 135 150 151 152 157 158 159 182 183 187 188 130 131 132 155 156 186 " +
  "133 153 180 181 189 177 199"
).split(" ");
const GOV_UNITS = (
  "教育局 卫生健康委员会 人民医院 中医院 妇幼保健院 机关事务管理局 财政局 税务局 公安分局 " +
  "人民法院 人民检察院 疾病预防控制中心 图书馆 农业农村局 市场监督管理局 职业技术学校 " +
  "文化馆 社区卫生服务中心 住房和城乡建设局 交通运输局 民政局 人力资源和社会保障局"
).split(" ");
const ORDINALS = (
  "第一 第二 第三 第四 第五 第六 第七 第八 第九 第十 第十一 第十二 第十三 第十四 第十五 " +
  "第十六 第十七 第十八 第十九 第二十 实验 育才 育英 外国语 东山 天润城 莲花 仙林 紫金 金陵"
).split(" ");
const FIRM_WORDS = "金陵钟山紫金秦淮扬子石城江宁仙林栖霞雨花六合浦江玄武建邺鼓楼高淳溧水";
const SOE_INDUSTRIES =
  "地铁集团 交通集团 公用控股集团 城建集团 旅游集团 水务集团 燃气集团 粮食集团 医药集团 港口集团 新工投资集团 国有资产投资管理控股集团".split(
    " ",
  );
const PRIVATE_INDUSTRIES =
  "软件科技 电子商务 建设工程 医疗器械 餐饮管理 物流 新能源科技 信息技术 文化传媒 生物科技 智能制造 贸易".split(
    " ",
  );
const REFUND_REASONS = [
  "冷链包装破损，商品变质",
  "买家不想要了",
  "发错规格",
  "物流超时未送达",
  "商品与描述不符",
  "重复下单",
];

function personName(h: number): string {
  const surname = SURNAMES[h % SURNAMES.length]!;
  const a = GIVEN[(h >>> 8) % GIVEN.length]!;
  const b = (h >>> 20) % 3 === 0 ? "" : GIVEN[(h >>> 14) % GIVEN.length]!;
  return surname + a + b;
}

/** 统一社会信用代码 shape: 18 characters; 11 government, 91 company, 81 union. */
function creditCode(prefix: string, h1: number, h2: number): string {
  const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  let out = prefix + "3201";
  let h = h1;
  for (let i = 0; out.length < 18; i++) {
    if (i === 6) h = h2;
    out += chars[h % chars.length];
    h = Math.floor(h / chars.length) || mix(h1, i, h2);
  }
  return out;
}

// ─── the catalogue as sold ────────────────────────────────────────────────────────────────

interface ProductInfo {
  id: number;
  slug: string;
  nameZh: string;
  nameEn: string;
  unitZh: string;
  unitEn: string;
  image: string;
  priceFen: number;
  cooperativeId: number;
  cooperativeNameZh: string;
  countyCode: string;
  pairedDistrictZh: string | null;
  categoryCode: string;
  group: "agri" | "handicraft";
  coldChain: 0 | 1;
  certs: Array<{ kind: string; number: string; expires_on: string }>;
  components: Array<{
    productId: number;
    quantity: number;
    shareBp: number;
    cooperativeId: number;
    countyCode: string;
    pairedDistrictZh: string | null;
    group: "agri" | "handicraft";
  }>;
}

function loadCatalogue(sqlite: SQLite.Database): ProductInfo[] {
  const rows = sqlite
    .prepare(
      `select p.id, p.slug, p.name_zh, p.name_en, p.unit_zh, p.unit_en, p.image, p.price_fen,
         p.cold_chain, p.category_code, k."group" as grp, c.id as coop_id, c.name_zh as coop_name,
         y.code as county_code, y.paired_district_zh
       from products p
       join cooperatives c on c.id = p.cooperative_id
       join counties y on y.code = c.county_code
       join categories k on k.code = p.category_code
       where p.status = 'active'
       order by p.id`,
    )
    .all() as Array<Record<string, string | number | null>>;
  const certs = sqlite
    .prepare(`select product_id, kind, number, expires_on from product_certifications`)
    .all() as Array<{ product_id: number; kind: string; number: string; expires_on: string }>;
  // the same components, in the same order, as componentsOf in ledger.server.ts
  const parts = sqlite
    .prepare(
      `select pc.bundle_product_id, pc.component_product_id, pc.quantity, pc.share_bp,
         c.id as cooperative_id, y.code as county_code, y.paired_district_zh, k."group" as grp
       from product_components pc
       join products p on p.id = pc.component_product_id
       join cooperatives c on c.id = p.cooperative_id
       join counties y on y.code = c.county_code
       join categories k on k.code = p.category_code
       order by pc.component_product_id`,
    )
    .all() as Array<Record<string, string | number | null>>;
  return rows.map((r) => ({
    id: Number(r.id),
    slug: String(r.slug),
    nameZh: String(r.name_zh),
    nameEn: String(r.name_en),
    unitZh: String(r.unit_zh),
    unitEn: String(r.unit_en),
    image: String(r.image),
    priceFen: Number(r.price_fen),
    cooperativeId: Number(r.coop_id),
    cooperativeNameZh: String(r.coop_name),
    countyCode: String(r.county_code),
    pairedDistrictZh: r.paired_district_zh == null ? null : String(r.paired_district_zh),
    categoryCode: String(r.category_code),
    group: r.grp === "handicraft" ? "handicraft" : "agri",
    coldChain: Number(r.cold_chain) ? 1 : 0,
    certs: certs.filter((c) => c.product_id === Number(r.id)),
    components: parts
      .filter((p) => Number(p.bundle_product_id) === Number(r.id))
      .map((p) => ({
        productId: Number(p.component_product_id),
        quantity: Number(p.quantity),
        shareBp: Number(p.share_bp),
        cooperativeId: Number(p.cooperative_id),
        countyCode: String(p.county_code),
        pairedDistrictZh: p.paired_district_zh == null ? null : String(p.paired_district_zh),
        group: p.grp === "handicraft" ? "handicraft" : "agri",
      })),
  }));
}

// ─── buyers ───────────────────────────────────────────────────────────────────────────────

interface Institution {
  kind: Exclude<BuyerKind, "individual">;
  orgName: string;
  funding: "canteen" | "union_funds" | "welfare" | "other";
  taxId: string;
  email: string;
  staffName: string;
  staffPhone: string;
  district: string;
  street: string;
  reservedShareFen: number | null;
  userId: number;
}

const INSTITUTIONS_PER_MILLION: Record<Exclude<BuyerKind, "individual">, number> = {
  gov_unit: 1800,
  soe: 500,
  private_enterprise: 1500,
  union: 1200,
};

// ─── statements ───────────────────────────────────────────────────────────────────────────

const ORDER_COLUMNS = (
  "id user_id number access_token_hash status contact_name phone email province city " +
  "district street address_key buyer_type org_name funding_source invoice_title tax_id note " +
  "subtotal_fen shipping_fen total_fen aid_eligible_fen locale payment_gateway " +
  "expires_at paid_at closed_at stock_released created_at updated_at"
).split(" ");
const LINE_COLUMNS = (
  "id order_id product_id product_slug product_name_zh product_name_en unit_zh unit_en " +
  "image unit_price_fen quantity line_total_fen cooperative_id cooperative_name_zh " +
  "county_code paired_district_zh category_code category_group cold_chain aid_eligible " +
  "aid_cert_number"
).split(" ");
const LEDGER_COLUMNS = (
  "entry_type order_id order_line_id refund_id amount_fen quantity county_code " +
  "paired_district_zh cooperative_id product_id category_group bucket buyer_type " +
  "funding_source buyer_key eligible occurred_at day month recorded_at bundle_product_id " +
  "seller_cooperative_id channel counter_id chain_form prev_hash hash"
).split(" ");
/** The columns the hash chain seals (ledger-chain.server.ts), by their place in a ledger row. */
const CHAINED_AT = CHAINED_FIELDS.map(([name]) => [name, LEDGER_COLUMNS.indexOf(name)] as const);
const USER_COLUMNS = (
  "id email phone name password_hash role email_verified_at phone_verified_at buyer_type " +
  "org_name funding_source reserved_share_fen thanks_opt_in thanks_name created_at " +
  "updated_at"
).split(" ");
const PAYMENT_COLUMNS =
  "id order_id gateway status amount_fen attempt external_url created_at updated_at".split(" ");
const REFUND_COLUMNS = (
  "id order_id status amount_fen restock reason idempotency_key gateway " +
  "gateway_refund_id requested_by requested_by_name requested_at confirmed_at " +
  "failure_reason"
).split(" ");

const insertSql = (table: string, columns: string[]) =>
  `insert into ${table} (${columns.map((c) => `"${c}"`).join(", ")}) values (${columns
    .map(() => "?")
    .join(", ")})`;

/**
 * The rollups appendLedger maintains, rebuilt from the ledger in one statement each.
 * Keep in step with appendLedger (ledger.server.ts, rollups.server.ts): the test replays a
 * small year through recordSale/recordRefund and compares every one of these tables.
 */
/**
 * products.units_sold, which recordSale and recordRefund keep as orders are paid and
 * refunded: paid units less refunded ones (the product page's 已售).
 */
const UNITS_SOLD = `
  update products set units_sold = max(0,
    coalesce((select sum(l.quantity) from order_lines l join orders o on o.id = l.order_id
              where l.product_id = products.id and o.paid_at is not null), 0)
    - coalesce((select sum(rl.quantity) from refund_lines rl
                join refunds r on r.id = rl.refund_id
                join order_lines l on l.id = rl.order_line_id
                where l.product_id = products.id and r.status = 'succeeded'), 0))`;

export const DERIVED_TABLES: Record<string, string> = {
  aid_rollup_daily: `
    insert into aid_rollup_daily (day, month, county_code, cooperative_id, product_id,
      category_group, bucket, buyer_type, funding_source, eligible, amount_fen, quantity, entries)
    select day, month, county_code, cooperative_id, product_id, category_group, bucket,
      buyer_type, funding_source, eligible, sum(amount_fen), sum(quantity), count(*)
    from aid_ledger
    group by day, month, county_code, cooperative_id, product_id, category_group, bucket,
      buyer_type, funding_source, eligible`,
  // rollups.server.ts (addToDashboardTables), as back-filled by 20261129T0100_aid_counts;
  // summed from the daily rollup, which has the same keys plus the day (≈ 100× fewer rows
  // to read than the ledger, same sums)
  aid_rollup_monthly: `
    insert into aid_rollup_monthly (month, county_code, cooperative_id, product_id,
      category_group, bucket, buyer_type, funding_source, eligible, amount_fen, quantity, entries)
    select month, county_code, cooperative_id, product_id, category_group, bucket, buyer_type,
      funding_source, eligible, sum(amount_fen), sum(quantity), sum(entries)
    from aid_rollup_daily
    group by month, county_code, cooperative_id, product_id, category_group, bucket,
      buyer_type, funding_source, eligible`,
  // after aid_rollup_monthly: one-dimensional monthly sums (monthTotalValues)
  aid_month_totals: `
    insert into aid_month_totals (dimension, month, value, eligible, amount_fen, quantity, entries)
    ${Object.entries({
      all: "''",
      county: "county_code",
      bucket: "bucket",
      buyer_type: "buyer_type",
      funding_source: "funding_source",
      category_group: "category_group",
      cooperative: "cast(cooperative_id as text)",
      product: "cast(product_id as text)",
      month: "month",
      // every generated sale is an online one (ADR 051's channel dimension)
      channel: "'online'",
    })
      .map(
        ([dimension, value]) => `select '${dimension}', month, ${value}, eligible,
             sum(amount_fen), sum(quantity), sum(entries)
           from aid_rollup_monthly group by month, ${value}, eligible`,
      )
      .join("\n    union all ")}`,
  // after aid_rollup_daily: one-dimensional daily sums (the same values as by month)
  aid_day_totals: `
    insert into aid_day_totals (dimension, day, value, eligible, amount_fen, quantity, entries)
    ${Object.entries({
      all: "''",
      county: "county_code",
      bucket: "bucket",
      buyer_type: "buyer_type",
      funding_source: "funding_source",
      category_group: "category_group",
      cooperative: "cast(cooperative_id as text)",
      product: "cast(product_id as text)",
      month: "month",
      // every generated sale is an online one (ADR 051's channel dimension)
      channel: "'online'",
    })
      .map(
        ([dimension, value]) => `select '${dimension}', day, ${value}, eligible,
             sum(amount_fen), sum(quantity), sum(entries)
           from aid_rollup_daily group by day, ${value}, eligible`,
      )
      .join("\n    union all ")}`,
  aid_orders_daily: `
    insert into aid_orders_daily (day, eligible, month, orders)
    select day, eligible, min(month), count(distinct order_id)
    from aid_ledger where entry_type = 'sale'
    group by day, eligible`,
  aid_coop_days: `
    insert into aid_coop_days (day, cooperative_id)
    select distinct day, cooperative_id
    from aid_ledger where entry_type = 'sale' and eligible = 1`,
  aid_buyer_days: `
    insert into aid_buyer_days (day, buyer_key)
    select distinct day, buyer_key
    from aid_ledger where entry_type = 'sale' and eligible = 1`,
  // after aid_buyer_days: each buyer day by the buyer's previous day
  aid_buyer_gaps: `
    insert into aid_buyer_gaps (day, prev_day, buyers)
    select day, prev_day, count(*) from (
      select day, coalesce(lag(day) over (partition by buyer_key order by day), '') as prev_day
      from aid_buyer_days
    )
    group by day, prev_day`,
  // paid orders per Shanghai day and phone or address key (split-orders.server.ts), from
  // the orders (recordSale counts them with the sale)
  aid_split_order_counts: `
    insert into aid_split_order_counts (day, via, subject, orders)
    select strftime('%Y-%m-%d', paid_at, '+8 hours'), 'phone', phone, count(*)
    from orders where paid_at is not null and phone <> '' group by 1, 3
    union all
    select strftime('%Y-%m-%d', paid_at, '+8 hours'), 'address', address_key, count(*)
    from orders where paid_at is not null and address_key <> '' group by 1, 3`,
  // paid lines per Shanghai day, product, bucket and quantity (quantity-flags.server.ts), from
  // the orders and their lines (recordSale counts them with the sale)
  aid_quantity_days: `
    insert into aid_quantity_days (day, product_id, bucket, quantity, lines)
    select strftime('%Y-%m-%d', o.paid_at, '+8 hours'), l.product_id,
      case when o.buyer_type = 'individual' then 'assisted_sales' else 'procurement' end,
      l.quantity, count(*)
    from orders o join order_lines l on l.order_id = o.id
    where o.paid_at is not null group by 1, 2, 3, 4`,
  // buyers per month, quarter and year: from the buyer days (day → month is day[0:7])
  aid_buyer_periods: `
    insert into aid_buyer_periods (period, buyer_key)
    select substr(day, 1, 7), buyer_key from aid_buyer_days
    union
    select substr(day, 1, 4) || '-Q' || ((cast(substr(day, 6, 2) as integer) + 2) / 3),
      buyer_key
    from aid_buyer_days
    union
    select substr(day, 1, 4), buyer_key from aid_buyer_days`,
  // after aid_buyer_periods (object keys keep this order)
  aid_buyer_counts: `
    insert into aid_buyer_counts (period, buyers)
    select period, count(*) from aid_buyer_periods group by period`,
};
/** aid_* tables that are not derived from the ledger */
// aid_month_digests: sealed when a month is reported, and the generator reports none
const NOT_DERIVED = new Set(["aid_ledger", "aid_targets", "aid_month_digests"]);

// ─── the generator ────────────────────────────────────────────────────────────────────────

interface Place {
  countyCode: string;
  pairedDistrictZh: string | null;
  cooperativeId: number;
  productId: number;
  group: string;
  /** the gift box a component's share comes from, and who sold the line (ADR 044) */
  bundleProductId: number | null;
  sellerCooperativeId: number;
}

interface SalePart {
  amountFen: number;
  quantity: number;
  place: Place;
}

interface LineGen {
  id: number;
  product: ProductInfo;
  quantity: number;
  totalFen: number;
  eligible: 0 | 1;
  /** its sale entries, once paid */
  sale: SalePart[];
}

interface OrderGen {
  kind: BuyerKind;
  created: number;
  buyerIndex: number; // individual index or institution index
}

interface LedgerEvent {
  at: number;
  seq: number;
  values: unknown[][];
}

interface PendingRefund {
  at: number;
  requestedAt: number;
  orderId: number;
  kind: BuyerKind;
  funding: string;
  buyerKey: string;
  lines: Array<{ line: LineGen; quantity: number; amountFen: number }>;
  /** every unit of every line: the refund also returns the shipping fee */
  full: boolean;
  shippingFen: number;
  failedFirst: boolean;
  reason: string;
}

export interface VolumeSummary {
  file: string;
  year: number;
  orders: number;
  paidOrders: number;
  orderLines: number;
  ledgerEntries: number;
  refunds: number;
  users: number;
  distinctBuyers: number;
  seconds: number;
  bytes: number;
}

export async function generateVolume(options: VolumeOptions): Promise<VolumeSummary> {
  if (isPostgresUrl(options.out)) return generateIntoPostgres(options);
  const log = options.log ?? ((line: string) => console.log(line));
  const started = Date.now();
  const file = path.resolve(options.out);
  const now = options.now ?? new Date();
  if (fs.existsSync(file) && !options.force) {
    throw new UsageError(`${options.out} exists; pass --force to overwrite it`);
  }

  // Built under another name and renamed at the end: an interrupted run never leaves a
  // file that looks like a volume database.
  const work = `${file}.partial`;
  removeDatabase(work);
  try {
    // 1. schema and demo catalogue, through the app's own code
    const kdb = createDatabase(work);
    await migrateToLatest(kdb);
    await seedDemo(kdb);
    await kdb.destroy();
    log(`seed-volume: schema and demo catalogue ready (${secondsSince(started)} s)`);

    // 2. bulk load on a raw connection
    const sqlite = new SQLite(work);
    // better-sqlite3 opens in defensive mode, which refuses journal_mode=OFF (silently: it
    // stays WAL); the file is scratch until renamed, so turn that off for the load.
    sqlite.unsafeMode(true);
    const mode = sqlite.pragma("journal_mode = OFF", { simple: true });
    if (mode !== "off") throw new Error(`could not turn the journal off (still ${String(mode)})`);
    sqlite.pragma("synchronous = OFF");
    sqlite.pragma("foreign_keys = OFF");
    sqlite.pragma("locking_mode = EXCLUSIVE");
    // Memory stays bounded: 128 MiB of page cache, and the sorts behind index builds and
    // GROUP BYs spill to temporary files rather than growing in memory.
    sqlite.pragma("temp_store = FILE");
    sqlite.pragma("cache_size = -131072");

    const derivedTables = checkDerivedTables(sqlite);
    const loaded = [
      "users",
      "orders",
      "order_lines",
      "payments",
      "aid_ledger",
      "refunds",
      "refund_lines",
      ...derivedTables,
    ];
    const indexes = sqlite
      .prepare(
        `select name, sql from sqlite_master where type = 'index' and sql is not null
           and tbl_name in (${loaded.map(() => "?").join(", ")})`,
      )
      .all(...loaded) as Array<{ name: string; sql: string }>;
    for (const index of indexes) sqlite.exec(`drop index "${index.name}"`);

    const catalogue = loadCatalogue(sqlite);
    if (!catalogue.length) throw new Error("no active products to sell");
    const bySlug = new Map(catalogue.map((p) => [p.slug, p]));
    const maxId = (table: string) =>
      Number(
        (sqlite.prepare(`select coalesce(max(id), 0) as n from ${table}`).get() as { n: number }).n,
      );
    let orderSeq = maxId("orders");
    let lineSeq = maxId("order_lines");
    let userSeq = maxId("users");
    let refundSeq = maxId("refunds");
    const existingPhones = new Set(
      (
        sqlite.prepare(`select phone from users where phone is not null`).all() as Array<{
          phone: string;
        }>
      ).map((r) => r.phone),
    );
    const admin = sqlite
      .prepare(`select id, name from users where role = 'admin' order by id limit 1`)
      .get() as { id: number; name: string } | undefined;

    const stmt = {
      order: sqlite.prepare(insertSql("orders", ORDER_COLUMNS)),
      line: sqlite.prepare(insertSql("order_lines", LINE_COLUMNS)),
      ledger: sqlite.prepare(insertSql("aid_ledger", LEDGER_COLUMNS)),
      user: sqlite.prepare(insertSql("users", USER_COLUMNS)),
      payment: sqlite.prepare(insertSql("payments", PAYMENT_COLUMNS)),
      refund: sqlite.prepare(insertSql("refunds", REFUND_COLUMNS)),
      refundLine: sqlite.prepare(
        `insert into refund_lines (refund_id, order_line_id, quantity, amount_fen) values (?, ?, ?, ?)`,
      ),
    };

    const rng = new Random(createRng(`${options.seed}:${options.year}:${options.orders}`));
    const seedHash = cyrb128(options.seed)[0];
    // Generated accounts cannot sign in: the hash matches no password.
    const noPassword = "!volume-seed:no-password";

    // ── the days and how many orders each gets
    const today = shanghaiDay(now.getTime());
    const days = calendar(options.year).filter((d) => d.ymd < today);
    if (!days.length) throw new UsageError(`no full day of ${options.year} has passed yet`);
    const windowEnd = now.getTime();
    const perDay = allocate(options.orders, days);

    // ── buyers
    const individualOrders = Math.round(options.orders * KIND_SHARE.individual);
    const individualPool = Math.max(50, Math.round(individualOrders / 2.6));
    const individualUser = new Int32Array(individualPool); // 0: no account yet
    const seenIndividual = new Uint8Array(individualPool);
    let distinctBuyers = 0;
    const institutions = makeInstitutions(options.orders, seedHash, rng);
    const institutionCumulative = Object.fromEntries(
      (Object.keys(INSTITUTIONS_PER_MILLION) as Array<Exclude<BuyerKind, "individual">>).map(
        (kind) => {
          const members = institutions.filter((i) => i.kind === kind);
          // heavy-tailed activity: a few canteens and unions buy all year round
          const weights = members.map((_, j) => 1 / Math.pow(j + 1, 0.6));
          return [kind, { members, cumulative: cumulative(weights) }];
        },
      ),
    ) as Record<Exclude<BuyerKind, "individual">, { members: Institution[]; cumulative: number[] }>;

    const phoneOf = (index: number): string => {
      const prefix = PHONE_PREFIXES[mix(seedHash, index, 7) % PHONE_PREFIXES.length]!;
      // (index · odd multiplier coprime to 10^8) mod 10^8 is a bijection: phones never repeat
      let body = ((index * 48271 + 10_000_019) % 100_000_000).toString().padStart(8, "0");
      let phone = prefix + body;
      while (existingPhones.has(phone)) {
        body = ((Number(body) + 99_999_989) % 100_000_000).toString().padStart(8, "0");
        phone = prefix + body;
      }
      return phone;
    };

    const ensureUser = (
      values: Omit<
        Record<(typeof USER_COLUMNS)[number], unknown>,
        "id" | "created_at" | "updated_at"
      >,
      firstOrderAt: number,
    ): number => {
      const id = ++userSeq;
      const created = new Date(
        firstOrderAt - (1 + rng.int(0, 400)) * DAY - rng.int(0, DAY),
      ).toISOString();
      stmt.user.run(
        USER_COLUMNS.map((c) =>
          c === "id"
            ? id
            : c === "created_at" || c === "updated_at"
              ? created
              : (values[c] ?? null),
        ),
      );
      return id;
    };

    // ── state across days
    const refundQueue = new Map<number, PendingRefund[]>(); // by day index in `days` (may run past)
    const counts = { orders: 0, paid: 0, lines: 0, ledger: 0, refunds: 0, users: 0 };
    let eventSeq = 0;
    const dayIndexOfMs = (ms: number) => Math.floor((ms - days[0]!.start) / DAY);
    const batch = options.batch ?? 10_000;
    let sinceCommit = 0;
    let lastReport = Date.now();
    const loadStarted = Date.now();
    sqlite.exec("begin");

    // the hash chain goes on from the last entry already in the file (ADR 040)
    let chainHead =
      (
        sqlite.prepare(`select hash from aid_ledger order by id desc limit 1`).get() as
          { hash: string } | undefined
      )?.hash ?? GENESIS_HASH;
    const writeLedger = (events: LedgerEvent[]) => {
      events.sort((a, b) => a.at - b.at || a.seq - b.seq);
      for (const event of events) {
        for (const values of event.values) {
          const entry: ChainedEntry = {};
          for (const [name, at] of CHAINED_AT) entry[name] = values[at];
          const hash = entryHash(chainHead, entry);
          values.push(chainHead, hash);
          chainHead = hash;
          stmt.ledger.run(values);
          counts.ledger++;
        }
      }
    };

    const ledgerRow = (
      type: "sale" | "refund",
      orderId: number,
      lineId: number,
      refundId: number | null,
      amountFen: number,
      quantity: number,
      part: Place,
      kind: BuyerKind,
      funding: string,
      buyerKey: string,
      eligible: 0 | 1,
      at: number,
    ): unknown[] => {
      const occurred = new Date(at).toISOString();
      const day = shanghaiDay(at);
      return [
        type,
        orderId,
        lineId,
        refundId,
        amountFen,
        quantity,
        part.countyCode,
        part.pairedDistrictZh,
        part.cooperativeId,
        part.productId,
        part.group,
        bucketFor(kind),
        kind,
        funding,
        buyerKey,
        eligible,
        occurred,
        day,
        day.slice(0, 7),
        occurred,
        part.bundleProductId,
        part.sellerCooperativeId,
        "online",
        null,
        CHAIN_FORM,
      ];
    };

    /** a line's sale entries: one, or one per bundle component, split as recordSale does */
    const salePartsOf = (line: LineGen): SalePart[] => {
      const p = line.product;
      if (!p.components.length) {
        return [
          {
            amountFen: line.totalFen,
            quantity: line.quantity,
            place: {
              ...p,
              productId: p.id,
              bundleProductId: null,
              sellerCooperativeId: p.cooperativeId,
            },
          },
        ];
      }
      const amounts = splitByShares(
        line.totalFen,
        p.components.map((c) => c.shareBp),
      );
      return p.components.map((c, i) => ({
        amountFen: amounts[i]!,
        quantity: line.quantity * c.quantity,
        place: { ...c, bundleProductId: p.id, sellerCooperativeId: p.cooperativeId },
      }));
    };

    /**
     * A refund's reversing entries as recordRefund writes them: each mirrors a sale entry of
     * the line; a fully refunded line is reversed by exactly its sale entries, a partial one by
     * the refunded amount split in proportion to them. (One succeeded refund per order here,
     * so "refunded so far" is this refund.)
     */
    const refundRows = (r: PendingRefund, refundId: number): unknown[][] =>
      r.lines.flatMap(({ line, quantity, amountFen }) => {
        const parts = line.sale;
        const full = quantity >= line.quantity;
        const saleTotal = parts.reduce((s, p) => s + p.amountFen, 0);
        const targets = full
          ? parts.map((p) => p.amountFen)
          : saleTotal > 0
            ? splitByShares(
                amountFen,
                parts.map((p) => p.amountFen),
              )
            : parts.map((_, i) => (i === parts.length - 1 ? amountFen : 0));
        const rows: unknown[][] = [];
        parts.forEach((part, i) => {
          const q = full ? part.quantity : Math.round((part.quantity * quantity) / line.quantity);
          if (targets[i] === 0 && q === 0) return;
          rows.push(
            ledgerRow(
              "refund",
              r.orderId,
              line.id,
              refundId,
              -targets[i]!,
              -q,
              part.place,
              r.kind,
              r.funding,
              r.buyerKey,
              line.eligible,
              r.at,
            ),
          );
        });
        return rows;
      });

    const totalDays = days.length;
    for (let dayIndex = 0; ; dayIndex++) {
      const inYear = dayIndex < totalDays;
      if (!inYear && !refundQueue.size) break;
      const dayStart = days[0]!.start + dayIndex * DAY;
      if (dayStart > windowEnd) break;
      const day = inYear ? days[dayIndex]! : null;
      const ymd = shanghaiDay(dayStart);
      const events: LedgerEvent[] = [];

      if (day) {
        // this day's orders, in the order they were placed
        const plan: OrderGen[] = [];
        for (const kind of BUYER_KINDS) {
          const n = perDay[kind][dayIndex]!;
          for (let k = 0; k < n; k++) {
            const created = dayStart + timeOfDay(rng, kind, day);
            const buyerIndex =
              kind === "individual"
                ? Math.floor(individualPool * Math.pow(rng.next(), 1.9))
                : rng.weighted(institutionCumulative[kind].cumulative);
            plan.push({ kind, created, buyerIndex });
          }
        }
        plan.sort((a, b) => a.created - b.created);
        const usedNumbers = new Set<string>();
        const eligibleToday = new Map(
          catalogue.map((p) => [p.id, aidCertification(p.certs, ymd)?.number ?? null]),
        );
        const month = day.month - 1;
        const individualWeights = cumulative(
          catalogue.map((p) => {
            const s = SEASONS[p.slug];
            const base = (s?.base ?? 1) * (s?.months[month] ?? 1);
            const giftSeason =
              between(day.toSpring, -25, -5) ||
              between(day.toNextSpring, -25, -5) ||
              between(day.toMidAutumn, -20, -2) ||
              between(day.toDouble11, -10, 0);
            return s?.gift && giftSeason ? base * 2 : base;
          }),
        );
        const available = (slugs: string[], weights?: number[]) => {
          const list: ProductInfo[] = [];
          const w: number[] = [];
          slugs.forEach((slug, i) => {
            const p = bySlug.get(slug);
            const s = SEASONS[slug];
            if (p && (s?.months[month] ?? 1) > 0) {
              list.push(p);
              w.push(weights?.[i] ?? 1);
            }
          });
          if (!list.length) return { list: catalogue, cumulative: individualWeights };
          return { list, cumulative: cumulative(w) };
        };
        const canteen = available(CANTEEN);
        const gifts = available(GIFTS, GIFT_WEIGHTS);

        for (const o of plan) {
          const orderId = ++orderSeq;
          counts.orders++;
          // who
          let userId: number | null = null;
          let contactName: string;
          let phone: string;
          let email: string | null = null;
          let district: string;
          let street: string;
          let orgName: string | null = null;
          let funding: Institution["funding"] | null = null;
          let invoiceTitle: string | null = null;
          let taxId: string | null = null;
          let note: string | null = null;
          if (o.kind === "individual") {
            const i = o.buyerIndex;
            const h = mix(seedHash, i, 1);
            contactName = personName(h);
            phone = phoneOf(i);
            district = DISTRICTS[byHash(DISTRICT_WEIGHTS, mix(seedHash, i, 2))]!;
            street = `${STREETS[mix(seedHash, i, 3) % STREETS.length]!}${(mix(seedHash, i, 4) % 300) + 1}号${(mix(seedHash, i, 5) % 30) + 1}栋`;
            if (h % 100 < 30) email = `buyer${i}@example.com`;
            const hasAccount = mix(seedHash, i, 6) % 100 < 40;
            if (hasAccount) {
              if (!individualUser[i]) {
                individualUser[i] = ensureUser(
                  {
                    email,
                    phone,
                    name: contactName,
                    password_hash: noPassword,
                    role: "shopper",
                    email_verified_at: null,
                    phone_verified_at: new Date(o.created - 30 * DAY).toISOString(),
                    buyer_type: "individual",
                    org_name: null,
                    funding_source: null,
                    reserved_share_fen: null,
                    thanks_opt_in: h % 7 === 0 ? 1 : 0,
                    thanks_name: h % 7 === 0 ? `${contactName.slice(0, 1)}**` : null,
                  },
                  o.created,
                );
                counts.users++;
              }
              userId = individualUser[i]!;
            }
            if (!seenIndividual[i]) {
              seenIndividual[i] = 1;
              distinctBuyers++;
            }
            if (rng.chance(0.02)) note = rng.pick(["工作日送货", "请放快递柜", "送礼，勿放价签"]);
          } else {
            const inst = institutionCumulative[o.kind].members[o.buyerIndex]!;
            if (!inst.userId) {
              inst.userId = ensureUser(
                {
                  email: inst.email,
                  phone: inst.staffPhone,
                  name: inst.orgName,
                  password_hash: noPassword,
                  role: "shopper",
                  email_verified_at: new Date(o.created - 60 * DAY).toISOString(),
                  phone_verified_at: null,
                  buyer_type: inst.kind,
                  org_name: inst.orgName,
                  funding_source: inst.funding,
                  reserved_share_fen: inst.reservedShareFen,
                  thanks_opt_in: inst.kind === "private_enterprise" || rng.chance(0.3) ? 1 : 0,
                  thanks_name: inst.orgName,
                },
                o.created,
              );
              counts.users++;
              distinctBuyers++;
            }
            userId = inst.userId;
            contactName = inst.staffName;
            phone = inst.staffPhone;
            email = inst.email;
            district = inst.district;
            street = inst.street;
            orgName = inst.orgName;
            funding = rng.chance(0.85) ? inst.funding : rng.pick(["canteen", "welfare", "other"]);
            if (rng.chance(0.9)) {
              invoiceTitle = inst.orgName;
              taxId = inst.taxId;
            }
            if (rng.chance(0.1)) note = "请开具增值税普通发票";
          }

          // what
          const lines: LineGen[] = [];
          const add = (product: ProductInfo, quantity: number) => {
            const existing = lines.find((l) => l.product.id === product.id);
            if (existing) {
              existing.quantity += quantity;
              existing.totalFen = existing.quantity * product.priceFen;
              return;
            }
            lines.push({
              id: 0,
              product,
              quantity,
              totalFen: product.priceFen * quantity,
              eligible: eligibleToday.get(product.id) ? 1 : 0,
              sale: [],
            });
          };
          if (o.kind === "individual") {
            const n = rng.weighted([50, 78, 93, 100]) + 1;
            for (let k = 0; k < n; k++) {
              const p = catalogue[rng.weighted(individualWeights)]!;
              const q = PRICEY.has(p.slug) ? 1 : rng.weighted([70, 90, 97, 100]) + 1;
              add(p, q);
            }
          } else if (o.kind === "gov_unit") {
            const n = rng.int(2, 5);
            for (let k = 0; k < n; k++)
              add(canteen.list[rng.weighted(canteen.cumulative)]!, rng.pareto(8, 1.6, 200));
          } else if (o.kind === "union") {
            add(gifts.list[rng.weighted(gifts.cumulative)]!, rng.pareto(10, 1.4, 400));
            if (rng.chance(0.3))
              add(gifts.list[rng.weighted(gifts.cumulative)]!, rng.pareto(10, 1.6, 200));
            if (rng.chance(0.01))
              add(bySlug.get("jiaya-tibetan-rug") ?? catalogue[0]!, rng.int(1, 3));
          } else {
            const gift = o.kind === "private_enterprise" ? 0.75 : 0.45;
            const n = rng.int(1, 3);
            for (let k = 0; k < n; k++) {
              const pool = rng.chance(gift) ? gifts : canteen;
              add(pool.list[rng.weighted(pool.cumulative)]!, rng.pareto(5, 1.5, 200));
            }
          }
          for (const l of lines) {
            l.id = ++lineSeq;
            l.sale = salePartsOf(l);
          }
          const subtotal = lines.reduce((s, l) => s + l.totalFen, 0);
          const shipping = quoteShipping(
            lines.map((l) => ({ lineTotalFen: l.totalFen, coldChain: l.product.coldChain === 1 })),
          ).totalFen;
          const aidEligible = lines.reduce((s, l) => s + (l.eligible ? l.totalFen : 0), 0);

          // how it went
          const buyerKey = userId != null ? `user:${userId}` : `phone:${phone}`;
          const fundingSource = funding ?? "";
          const unpaid = rng.chance(o.kind === "individual" ? 0.045 : 0.01);
          const paidAt = Math.min(
            windowEnd,
            o.created + rng.int(20, 60) * 1000 + rng.pareto(30, 1.2, 3000) * 1000,
          );
          const expiresAt = o.created + 30 * 60_000;
          let status: string;
          let closedAt: string | null = null;
          let updatedAt: number;
          let refund: PendingRefund | null = null;
          if (unpaid) {
            const cancelled = rng.chance(0.3);
            status = cancelled ? "cancelled" : "expired";
            const closed = cancelled
              ? o.created + rng.int(30, 1500) * 1000
              : expiresAt + rng.int(1, 60) * 1000;
            closedAt = new Date(closed).toISOString();
            updatedAt = closed;
          } else {
            counts.paid++;
            const age = windowEnd - paidAt;
            status =
              age > 12 * DAY
                ? "completed"
                : age > 4 * DAY
                  ? "fulfilled"
                  : age > 2 * DAY
                    ? "partially_fulfilled"
                    : "paid";
            updatedAt = paidAt + Math.min(age, 5 * DAY);
            if (rng.chance(o.kind === "individual" ? 0.032 : 0.015)) {
              const at = paidAt + rng.int(2, 20) * DAY + rng.int(0, DAY);
              if (at <= windowEnd) {
                refund = planRefund(
                  rng,
                  at,
                  orderId,
                  o.kind,
                  fundingSource,
                  buyerKey,
                  lines,
                  shipping,
                );
                status = refund.full ? "refunded" : "partially_refunded";
                updatedAt = at;
              }
            }
          }

          let number: string;
          do {
            number = `SH-${ymd.replaceAll("-", "")}-${randomSuffix(usedNumbers.size > 200_000 ? 6 : 4, (n) => Math.floor(rng.next() * n))}`;
          } while (usedNumbers.has(number));
          usedNumbers.add(number);
          const token =
            Math.floor(rng.next() * 2 ** 52).toString(36) +
            Math.floor(rng.next() * 2 ** 52).toString(36);
          const values: Record<(typeof ORDER_COLUMNS)[number], unknown> = {
            id: orderId,
            user_id: userId,
            number,
            access_token_hash: crypto.createHash("sha256").update(token).digest("hex"),
            status,
            contact_name: contactName,
            phone,
            email,
            province: "江苏省",
            city: "南京市",
            district,
            street,
            address_key: addressKeyOf({ province: "江苏省", city: "南京市", district, street }),
            buyer_type: o.kind,
            org_name: orgName,
            funding_source: funding,
            invoice_title: invoiceTitle,
            tax_id: taxId,
            note,
            subtotal_fen: subtotal,
            shipping_fen: shipping,
            total_fen: subtotal + shipping,
            aid_eligible_fen: aidEligible,
            locale: rng.chance(0.04) ? "en" : "zh-CN",
            payment_gateway: "demo",
            expires_at: new Date(expiresAt).toISOString(),
            paid_at: unpaid ? null : new Date(paidAt).toISOString(),
            closed_at: closedAt,
            stock_released: unpaid ? 1 : 0,
            created_at: new Date(o.created).toISOString(),
            updated_at: new Date(updatedAt).toISOString(),
          };
          stmt.order.run(ORDER_COLUMNS.map((c) => values[c]));
          for (const l of lines) {
            const p = l.product;
            stmt.line.run([
              l.id,
              orderId,
              p.id,
              p.slug,
              p.nameZh,
              p.nameEn,
              p.unitZh,
              p.unitEn,
              p.image,
              p.priceFen,
              l.quantity,
              l.totalFen,
              p.cooperativeId,
              p.cooperativeNameZh,
              p.countyCode,
              p.pairedDistrictZh,
              p.categoryCode,
              p.group,
              p.coldChain,
              l.eligible,
              eligibleToday.get(p.id) ?? null,
            ]);
            counts.lines++;
          }
          const started = !unpaid || rng.chance(0.6);
          if (started) {
            const payStatus = unpaid
              ? status === "cancelled"
                ? "cancelled"
                : "expired"
              : "succeeded";
            stmt.payment.run([
              `demo_pay_${crypto.createHash("md5").update(`${options.seed}:${orderId}`).digest("base64url").slice(0, 12)}`,
              orderId,
              "demo",
              payStatus,
              subtotal + shipping,
              1,
              `/pay/demo/${number}`,
              new Date(o.created + 5000).toISOString(),
              new Date(unpaid ? updatedAt : paidAt).toISOString(),
            ]);
          }
          if (!unpaid) {
            events.push({
              at: paidAt,
              seq: eventSeq++,
              values: lines.flatMap((l) =>
                l.sale.map((part) =>
                  ledgerRow(
                    "sale",
                    orderId,
                    l.id,
                    null,
                    part.amountFen,
                    part.quantity,
                    part.place,
                    o.kind,
                    fundingSource,
                    buyerKey,
                    l.eligible,
                    paidAt,
                  ),
                ),
              ),
            });
          }
          if (refund) {
            const due = dayIndexOfMs(refund.at);
            const list = refundQueue.get(due) ?? [];
            list.push(refund);
            refundQueue.set(due, list);
          }
          sinceCommit++;
        }
      }

      // refunds confirmed today, each a reversing entry dated when it happened
      const due = refundQueue.get(dayIndex) ?? [];
      refundQueue.delete(dayIndex);
      due.sort((a, b) => a.at - b.at);
      for (const r of due) {
        const amount = r.lines.reduce((s, l) => s + l.amountFen, 0) + (r.full ? r.shippingFen : 0);
        const writeRefund = (status: "failed" | "succeeded", requestedAt: number) => {
          const id = ++refundSeq;
          const key = `rf_${digest(`${options.seed}:refund:${id}`).slice(0, 24)}`;
          stmt.refund.run([
            id,
            r.orderId,
            status,
            amount,
            0,
            r.reason,
            key,
            "demo",
            `demo_re_${digest(key).slice(0, 16)}`,
            admin?.id ?? null,
            admin?.name ?? "平台管理员",
            new Date(requestedAt).toISOString(),
            status === "succeeded" ? new Date(r.at).toISOString() : null,
            status === "failed" ? "gateway did not answer in time" : null,
          ]);
          for (const l of r.lines) stmt.refundLine.run([id, l.line.id, l.quantity, l.amountFen]);
          return id;
        };
        if (r.failedFirst) writeRefund("failed", r.requestedAt - 2 * HOUR);
        const refundId = writeRefund("succeeded", r.requestedAt);
        counts.refunds++;
        events.push({
          at: r.at,
          seq: eventSeq++,
          values: refundRows(r, refundId),
        });
      }
      writeLedger(events);

      if (sinceCommit >= batch) {
        sqlite.exec("commit");
        sqlite.exec("begin");
        sinceCommit = 0;
      }
      if (Date.now() - lastReport > 5000 || (day && dayIndex === totalDays - 1)) {
        lastReport = Date.now();
        const s = (Date.now() - loadStarted) / 1000;
        log(
          `seed-volume: ${ymd}  ${counts.orders.toLocaleString("en")}/${options.orders.toLocaleString("en")} orders, ` +
            `${counts.ledger.toLocaleString("en")} ledger entries, ${Math.round(counts.orders / Math.max(s, 0.001)).toLocaleString("en")} orders/s, ` +
            `rss ${Math.round(process.memoryUsage().rss / 1048576)} MB`,
        );
      }
    }
    sqlite.exec("commit");
    log(
      `seed-volume: rows written (${secondsSince(loadStarted)} s, ${rssMb()}); rebuilding indexes`,
    );

    // 3. indexes back, rollups derived from the ledger, targets, checks
    let t = Date.now();
    for (const index of indexes) sqlite.exec(index.sql);
    log(`seed-volume: ${indexes.length} indexes rebuilt (${secondsSince(t)} s, ${rssMb()})`);
    t = Date.now();
    const derived: string[] = [];
    sqlite.transaction(() => {
      for (const table of derivedTables) {
        const started = Date.now();
        sqlite.exec(DERIVED_TABLES[table]!);
        derived.push(`${table} ${secondsSince(started)} s`);
      }
      writeTargets(sqlite, options.year, now);
      sqlite.exec(UNITS_SOLD);
    })();
    log(
      `seed-volume: derived from the ledger in ${secondsSince(t)} s (${rssMb()}): ${derived.join(", ")}`,
    );
    t = Date.now();
    const broken = sqlite.pragma("foreign_key_check") as unknown[];
    if (broken.length)
      throw new Error(`foreign key check failed: ${JSON.stringify(broken.slice(0, 5))}`);
    log(`seed-volume: foreign keys checked (${secondsSince(t)} s)`);
    sqlite.pragma("locking_mode = NORMAL");
    sqlite.pragma("journal_mode = WAL");
    sqlite.unsafeMode(false);
    sqlite.close();

    // a WAL left beside an older file must not be applied to this one
    for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
    fs.renameSync(work, file);
    const bytes = fs.statSync(file).size;
    const summary: VolumeSummary = {
      file,
      year: options.year,
      orders: counts.orders,
      paidOrders: counts.paid,
      orderLines: counts.lines,
      ledgerEntries: counts.ledger,
      refunds: counts.refunds,
      users: counts.users,
      distinctBuyers,
      seconds: (Date.now() - started) / 1000,
      bytes,
    };
    log(
      `seed-volume: ${summary.orders.toLocaleString("en")} orders (${summary.paidOrders.toLocaleString("en")} paid), ` +
        `${summary.orderLines.toLocaleString("en")} lines, ${summary.ledgerEntries.toLocaleString("en")} ledger entries, ` +
        `${summary.refunds.toLocaleString("en")} refunds, ${summary.distinctBuyers.toLocaleString("en")} buyers ` +
        `(${summary.users.toLocaleString("en")} accounts) for ${options.year} in ${summary.seconds.toFixed(1)} s; ` +
        `${options.out} is ${(bytes / 1048576).toFixed(0)} MB`,
    );
    return summary;
  } catch (error) {
    removeDatabase(work);
    throw error;
  }
}

/**
 * The PostgreSQL path: the year written to a scratch SQLite file as always (the fast bulk
 * load is SQLite's), then copied into the empty database at options.out and compared there
 * (rows, ledger check and chain, dashboard figures).
 */
async function generateIntoPostgres(options: VolumeOptions): Promise<VolumeSummary> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (options.force) {
    throw new UsageError(
      "--force does not empty a PostgreSQL database: drop and create it, then run again",
    );
  }
  // refused before a year is built for nothing (the copy checks again)
  const target = createDatabase(options.out, { poolSize: 1 });
  try {
    await refuseUnlessEmpty(target);
  } catch (error) {
    if (error instanceof CopyRefused) throw new UsageError(error.message);
    throw error;
  } finally {
    await target.destroy();
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-volume-"));
  try {
    const scratch = path.join(dir, "volume.sqlite");
    const summary = await generateVolume({ ...options, out: scratch });
    const started = Date.now();
    let report;
    try {
      report = await copyToPostgres(scratch, options.out, { log });
    } catch (error) {
      if (error instanceof CopyRefused) throw new UsageError(error.message);
      throw error;
    }
    log(formatCopyReport(report));
    if (!report.ok) throw new Error("seed-volume: the PostgreSQL copy differs from its source");
    log(`seed-volume: copied to ${describeTarget(options.out)} in ${secondsSince(started)} s`);
    return {
      ...summary,
      file: describeTarget(options.out),
      seconds: summary.seconds + (Date.now() - started) / 1000,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const digest = (text: string) => crypto.createHash("sha256").update(text).digest("base64url");

function removeDatabase(file: string) {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) fs.rmSync(file + suffix, { force: true });
}

const rssMb = () => `rss ${Math.round(process.memoryUsage().rss / 1048576)} MB`;

function secondsSince(t: number): string {
  return ((Date.now() - t) / 1000).toFixed(1);
}

/**
 * Every aid_* table other than the ledger and targets is kept by appendLedger and must be
 * rebuilt here; refusing an unknown one beats a dashboard reading an empty counter.
 */
function checkDerivedTables(sqlite: SQLite.Database): string[] {
  const tables = (
    sqlite
      .prepare(
        `select name from sqlite_master where type = 'table' and name like 'aid\\_%' escape '\\'`,
      )
      .all() as Array<{ name: string }>
  ).map((r) => r.name);
  const unknown = tables.filter((t) => !NOT_DERIVED.has(t) && !DERIVED_TABLES[t]);
  if (unknown.length) {
    throw new Error(
      `seed-volume does not know how to derive ${unknown.join(", ")} from the ledger; ` +
        `add it to DERIVED_TABLES in scripts/seed-volume.ts (see appendLedger)`,
    );
  }
  return Object.keys(DERIVED_TABLES).filter((t) => tables.includes(t));
}

/** Largest-remainder split of each buyer kind's orders over the days by their weights. */
function allocate(total: number, days: DayInfo[]): Record<BuyerKind, number[]> {
  const weights = days.map(dayWeights);
  const perKind = {} as Record<BuyerKind, number>;
  let assigned = 0;
  for (const kind of BUYER_KINDS) {
    if (kind === "individual") continue;
    perKind[kind] = Math.round(total * KIND_SHARE[kind]);
    assigned += perKind[kind];
  }
  perKind.individual = total - assigned;
  const out = {} as Record<BuyerKind, number[]>;
  for (const kind of BUYER_KINDS) {
    const w = weights.map((d) => d[kind]);
    const sum = w.reduce((a, b) => a + b, 0);
    const exact = w.map((x) => (perKind[kind] * x) / sum);
    const counts = exact.map(Math.floor);
    let rest = perKind[kind] - counts.reduce((a, b) => a + b, 0);
    const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
    for (let k = 0; rest > 0; k = (k + 1) % order.length, rest--) counts[order[k]![1]]!++;
    out[kind] = counts;
  }
  return out;
}

const INDIVIDUAL_HOURS = cumulative([
  1.2, 0.7, 0.3, 0.2, 0.15, 0.2, 0.4, 1, 1.8, 2.2, 2.4, 2.6, 3.2, 3, 2.5, 2.4, 2.5, 2.6, 2.8, 3.5,
  4.2, 4.6, 3.8, 2.4,
]);
/** Double 11 starts at midnight */
const DOUBLE11_HOURS = cumulative([
  9, 4, 1.5, 0.5, 0.3, 0.3, 0.5, 1, 1.8, 2.2, 2.4, 2.6, 3.2, 3, 2.5, 2.4, 2.5, 2.6, 2.8, 3.5, 4.5,
  5.5, 6, 5,
]);
const OFFICE_HOURS = cumulative([
  0, 0, 0, 0, 0, 0, 0, 0.2, 1, 3, 3.5, 2.5, 0.8, 1.2, 3, 3.2, 2.8, 1.5, 0.4, 0.2, 0.1, 0, 0, 0,
]);

function timeOfDay(rng: Random, kind: BuyerKind, day: DayInfo): number {
  const hours =
    kind === "individual"
      ? day.toDouble11 === 0
        ? DOUBLE11_HOURS
        : INDIVIDUAL_HOURS
      : OFFICE_HOURS;
  return rng.weighted(hours) * HOUR + Math.floor(rng.next() * HOUR);
}

function planRefund(
  rng: Random,
  at: number,
  orderId: number,
  kind: BuyerKind,
  funding: string,
  buyerKey: string,
  lines: LineGen[],
  shippingFen: number,
): PendingRefund {
  const full = rng.chance(0.55);
  let refunded: PendingRefund["lines"];
  if (full) {
    refunded = lines.map((line) => ({ line, quantity: line.quantity, amountFen: line.totalFen }));
  } else {
    // one line (cold chain first: that is what arrives damaged), all or part of it
    const cold = lines.filter((l) => l.product.coldChain);
    const line = cold.length && rng.chance(0.7) ? rng.pick(cold) : rng.pick(lines);
    const quantity =
      line.quantity > 1 && rng.chance(0.6) ? rng.int(1, line.quantity - 1) : line.quantity;
    refunded = [{ line, quantity, amountFen: line.product.priceFen * quantity }];
  }
  return {
    at,
    requestedAt: at - rng.int(1, 48) * HOUR,
    orderId,
    kind,
    funding,
    buyerKey,
    lines: refunded,
    full: full || (lines.length === 1 && refunded[0]!.quantity === lines[0]!.quantity),
    shippingFen,
    failedFirst: rng.chance(0.03),
    reason: rng.pick(REFUND_REASONS),
  };
}

type InstitutionKind = Exclude<BuyerKind, "individual">;

/** An institution's name from its hash: offices and schools, firms, unions. */
function institutionName(kind: InstitutionKind, h: number, district: string, word: string): string {
  switch (kind) {
    case "gov_unit": {
      // schools and kindergartens by number, or one of the district's offices
      const unitName = GOV_UNITS[(h >>> 12) % GOV_UNITS.length]!;
      const school = ["中学", "小学", "幼儿园"][(h >>> 16) % 3]!;
      return (h >>> 24) % 3 === 0
        ? `南京市${district}${ORDINALS[(h >>> 4) % ORDINALS.length]!}${school}`
        : `南京市${district}${unitName}`;
    }
    case "soe":
      return `南京${word}${SOE_INDUSTRIES[(h >>> 12) % SOE_INDUSTRIES.length]!}有限公司`;
    case "private_enterprise":
      return `南京${word}${PRIVATE_INDUSTRIES[(h >>> 12) % PRIVATE_INDUSTRIES.length]!}有限公司`;
    case "union":
      return h % 3 === 0
        ? `南京市${district}总工会`
        : `南京${word}${[...SOE_INDUSTRIES, ...PRIVATE_INDUSTRIES][(h >>> 12) % 24]!.replace("集团", "")}有限公司工会委员会`;
  }
}

/** How an institution of this kind usually pays (takes the RNG, so called in a fixed order). */
function institutionFunding(kind: InstitutionKind, rng: Random): Institution["funding"] {
  return kind === "gov_unit"
    ? rng.chance(0.8)
      ? "canteen"
      : rng.chance(0.5)
        ? "welfare"
        : "other"
    : kind === "union"
      ? rng.chance(0.9)
        ? "union_funds"
        : "welfare"
      : kind === "soe"
        ? rng.pick(["canteen", "welfare", "union_funds", "other"] as const)
        : rng.chance(0.6)
          ? "welfare"
          : rng.chance(0.5)
            ? "other"
            : "canteen";
}

function makeInstitutions(orders: number, seedHash: number, rng: Random): Institution[] {
  const out: Institution[] = [];
  let serial = 0;
  for (const kind of Object.keys(INSTITUTIONS_PER_MILLION) as InstitutionKind[]) {
    const n = Math.max(6, Math.round((INSTITUTIONS_PER_MILLION[kind] * orders) / 1_000_000));
    const names = new Set<string>();
    for (let j = 0; j < n; j++) {
      const s = ++serial;
      const h = mix(seedHash, s, 101);
      const district = DISTRICTS[h % DISTRICTS.length]!;
      const word = FIRM_WORDS.slice(
        ((h >>> 8) % (FIRM_WORDS.length / 2)) * 2,
        ((h >>> 8) % (FIRM_WORDS.length / 2)) * 2 + 2,
      );
      const orgName = institutionName(kind, h, district, word);
      let unique = orgName;
      for (let k = 2; names.has(unique); k++) unique = `${orgName}（${k}）`;
      names.add(unique);
      const funding = institutionFunding(kind, rng);
      const staffIndex = 90_000_000 + s;
      out.push({
        kind,
        orgName: unique,
        funding,
        taxId: creditCode(
          kind === "gov_unit" ? "11" : kind === "union" ? "81" : "91",
          h,
          mix(seedHash, s, 102),
        ),
        email: `procurement${s}@org.example.cn`,
        staffName: personName(mix(seedHash, s, 103)),
        staffPhone: `1${["39", "38", "51", "58", "89"][h % 5]}${String((staffIndex * 7919) % 100_000_000).padStart(8, "0")}`,
        district,
        street: `${STREETS[(h >>> 4) % STREETS.length]!}${((h >>> 16) % 200) + 1}号`,
        reservedShareFen: kind === "gov_unit" ? rng.int(50, 800) * 100_000 : null,
        userId: 0,
      });
    }
  }
  return out;
}

/** Yearly targets for the three paired counties, a little above what the year reached. */
function writeTargets(sqlite: SQLite.Database, year: number, now: Date) {
  const rows = sqlite
    .prepare(
      `select county_code, sum(amount_fen) as total from aid_ledger
       where eligible = 1 and day >= ? and day < ? and paired_district_zh is not null
       group by county_code`,
    )
    .all(`${year}-01-01`, `${year + 1}-01-01`) as Array<{ county_code: string; total: number }>;
  const insert = sqlite.prepare(
    `insert or replace into aid_targets (year, county_code, target_fen, set_by_name, set_at)
     values (?, ?, ?, ?, ?)`,
  );
  const setAt = new Date(
    Math.min(now.getTime(), Date.parse(`${year}-01-05T02:00:00Z`)),
  ).toISOString();
  for (const r of rows) {
    // round up to ¥10,000 (一万元) above 110 %
    const target = Math.ceil((Number(r.total) * 1.1) / 1_000_000) * 1_000_000;
    if (target > 0) insert.run(year, r.county_code, target, "帮扶办 陈立", setAt);
  }
}

async function main() {
  let options: VolumeOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (error instanceof UsageError) {
      if (error.message) console.error(`seed-volume: ${error.message}`);
      console.error(USAGE);
      process.exit(error.message ? 2 : 0);
    }
    throw error;
  }
  try {
    await generateVolume(options);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`seed-volume: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
