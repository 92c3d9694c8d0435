// /products?q=…: pinyin searches, relevance and suggestions through the route, as a
// browser calls it (the page itself is checked in tests/e2e/search.test.ts).
import { beforeAll, describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed";
import { Browser, call } from "#tests/http";
import { getDb } from "~/utils/db.server";
import * as products from "./products._index/route";

beforeAll(async () => {
  await seedDemo(await getDb());
}, 60_000);

async function search(query: string, b = new Browser()) {
  const response = await call(products.loader, b.get(`/products?${query}`));
  expect(response.status).toBe(200);
  return (await response.json()) as {
    items: Array<{ name: string }>;
    total: number;
    suggestions: string[];
  };
}

describe("/products?q=", () => {
  it("finds 牦牛 goods for maoniu, mn and 'Mao Niu', named ones first", async () => {
    for (const q of ["maoniu", "mn", "Mao%20Niu"]) {
      const { items, suggestions } = await search(`q=${q}`);
      expect(items.length, q).toBeGreaterThanOrEqual(2);
      expect(
        items.every((i) => i.name.includes("牦牛")),
        q,
      ).toBe(true);
      expect(suggestions).toEqual([]);
    }
    const yak = await search(`q=${encodeURIComponent("牦牛")}`);
    expect(yak.items.at(-1)!.name).toBe("藏羊排");
  });

  it("keeps the other filters with a pinyin search", async () => {
    expect((await search("q=maoniu&category=meat")).total).toBeGreaterThanOrEqual(2);
    expect((await search("q=maoniu&category=fruit")).total).toBe(0);
  });

  it("offers 草莓 when 草梅 finds nothing, in either language", async () => {
    const zh = await search(`q=${encodeURIComponent("草梅")}`);
    expect(zh.items).toEqual([]);
    expect(zh.suggestions).toEqual(["草莓"]);
    const b = new Browser();
    b.cookies.set("shanhai_lng", "en");
    const en = await search("q=caomie", b);
    expect(en.total).toBe(0);
    expect(en.suggestions).toEqual(["草莓"]);
  });

  it("offers nothing when the search finds plenty, or for nonsense", async () => {
    expect((await search("q=qingke")).suggestions).toEqual([]);
    expect((await search("q=zzzzqqq")).suggestions).toEqual([]);
    expect((await search("")).suggestions).toEqual([]);
  });
});
