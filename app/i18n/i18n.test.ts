import i18next from "i18next";
import { describe, expect, it, vi } from "vitest";
import { LOCALES } from "./config";
import en from "./en";
import { createI18next, serverI18n } from "./i18n";
import { partOf, partsFor, translatorFor } from "./messages";
import { createTranslate, flatten } from "./translate";
import zhCN from "./zh-CN";

const keys = [...flatten(zhCN).keys()];

/** Sample values for every placeholder a message has, plus a count. */
function samples(count: number) {
  return {
    count,
    name: "牦牛 & <Yak>",
    amount: "¥12.50",
    year: 2026,
    value: null,
    title: "$& $1 标题",
  };
}

describe("the store's t() (browser and server)", () => {
  it("gives i18next's string for every key in both languages, with values and counts", async () => {
    for (const locale of LOCALES) {
      const reference = createI18next(locale).getFixedT(locale);
      const [server, fast] = [(await serverI18n(locale)).t, translatorFor(locale)];
      for (const key of keys) {
        const placeholders = [...(flatten(zhCN).get(key) ?? "").matchAll(/{{\s*(\w+)\s*}}/g)];
        const values = Object.fromEntries(placeholders.map((m, i) => [m[1], `v${i}-${key}`]));
        for (const options of [
          undefined,
          values,
          ...[0, 1, 2, 5].map((n) => ({ ...values, ...samples(n) })),
        ]) {
          const expected = reference(key as never, options as never) as unknown as string;
          expect(fast(key, options), `${locale} ${key}`).toBe(expected);
          expect((server as (k: string, o?: object) => string)(key, options)).toBe(expected);
        }
      }
    }
  });

  it("matches i18next for plural suffixes, _zero, missing values, unknown keys and fallback", () => {
    const zh = { n: { items: "{{count}} 件", items_other: "共 {{count}} 件", only: "中文" } };
    const english = {
      n: {
        items: "{{count}} items?",
        items_zero: "no items",
        items_one: "one item",
        items_other: "{{count}} items",
        hi: "Hi {{ who }}, {{ missing }} {{nested.deep}} {{-raw}}",
      },
    };
    const reference = i18next.createInstance();
    void reference.init({
      lng: "en",
      fallbackLng: "zh-CN",
      initAsync: false,
      resources: { "zh-CN": { translation: zh }, en: { translation: english } },
      interpolation: { escapeValue: false },
      showSupportNotice: false,
    });
    const maps = { "zh-CN": flatten(zh), en: flatten(english) };
    for (const locale of LOCALES) {
      const fast = createTranslate(maps, locale);
      const slow = reference.getFixedT(locale) as unknown as typeof fast;
      for (const key of ["n.items", "n.only", "n.hi", "n.absent", "absent"]) {
        for (const options of [
          undefined,
          { who: "Ann", nested: { deep: 3 }, raw: "<b>" },
          { who: undefined, count: 1 },
          ...[0, 1, 2, 5, 1.5].map((count) => ({ count, who: null })),
        ]) {
          expect(fast(key, options), `${locale} ${key} ${JSON.stringify(options)}`).toBe(
            slow(key, options),
          );
        }
      }
    }
  });
});

describe("catalogue parts", () => {
  it("put every key in exactly one part, and the parts make up the catalogue", async () => {
    vi.resetModules(); // a fresh registry, as in a browser tab
    const fresh = await import("./messages");
    for (const locale of LOCALES) {
      // the product page: the storefront's part and the small one of buyer ratings
      expect(fresh.partsFor(["root", "routes/products.$slug"])).toEqual(["shop", "buyerRatings"]);
      await fresh.loadParts(locale, ["shop"]);
      expect(fresh.hasParts(locale, ["shop"])).toBe(true);
      expect(fresh.hasParts(locale, ["shop", "dash"])).toBe(false);
      const shop = fresh.catalogues[locale].size;
      await fresh.loadParts(locale, fresh.SECTION_PARTS);
      expect(new Set(fresh.catalogues[locale].keys())).toEqual(new Set(keys));
      for (const part of fresh.SECTION_PARTS) {
        expect(keys.filter((k) => partOf(k) === part).length, part).toBeGreaterThan(0);
      }
      expect(keys.filter((k) => partOf(k) === "shop").length).toBe(shop);
    }
    expect(partOf("dash.labels.unknown")).toBe("dash");
    expect(partOf("nav.cart")).toBe("shop");
    expect(partsFor(["root", "routes/aid", "routes/aid.report"]).sort()).toEqual([
      "aidExtra",
      "buyerRatings",
      "dash",
      "shop",
    ]);
  });

  it("keep the English catalogue whole on the server", async () => {
    const i18n = await serverI18n("en");
    expect(i18n.t("layout.skipToContent")).toBe(en.layout.skipToContent);
    expect(await serverI18n("en")).toBe(i18n);
    expect(i18n.getFixedT("zh-CN")("layout.skipToContent")).toBe(zhCN.layout.skipToContent);
  });
});
