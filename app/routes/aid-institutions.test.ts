// /aid/institutions and its CSV: the officer's table of every institution's reserved share,
// sortable, with those behind marked; shoppers are refused.
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "#db/schema";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createInstitutionWith } from "#tests/factories/institutions";
import { createPaidOrder } from "#tests/factories/orders";
import { createUserWithSession } from "#tests/factories/users";
import { browserWithSession, call } from "#tests/http";
import { getDb } from "~/utils/db.server";
import { shanghaiYear } from "~/utils/time";
import * as page from "./aid.institutions";
import * as csv from "./aid.institutions[.]csv";

async function signedIn(role: Role) {
  const { token } = await createUserWithSession(await getDb(), { role });
  const browser = await browserWithSession(token);
  return browser;
}

type Row = { name: string; spentFen: number; reservedFen: number | null; behind: boolean };

beforeAll(async () => {
  const db = await getDb();
  const { datong } = await createBasicCatalog(db);
  const yak = await createProduct(db, { cooperativeId: datong, priceFen: 12800, stock: 100 });
  // 1 yuan of share: met by any purchase, so never behind; 10 million: behind all year
  const done = await createInstitutionWith(db, {
    name: "已完成单位",
    reservedShareFen: 100,
    purchaserPhones: ["13900000021"],
  });
  await createInstitutionWith(db, { name: "落后单位", reservedShareFen: 1_000_000_000 });
  for (const userId of [done.adminId, done.purchaserIds[0]!]) {
    await createPaidOrder(db, [{ productId: yak, quantity: 1 }], {
      userId,
      input: { buyAs: "institution" },
    });
  }
});

describe("/aid/institutions", () => {
  it("shows the officer every institution, both purchasers in one share, those behind marked", async () => {
    const officer = await signedIn("aid_officer");
    const response = await call(page.loader, officer.get("/aid/institutions?sort=spent&dir=desc"));
    expect(response.status).toBe(200);
    const data = (await response.json()) as { rows: Row[]; behind: number; sort: string };
    expect(data.sort).toBe("spent");
    expect(data.rows.map((r) => [r.name, r.spentFen, r.behind])).toEqual([
      ["已完成单位", 25600, false],
      ["落后单位", 0, true],
    ]);
    expect(data.behind).toBe(1);
    // odd parameters fall back to this year, by name
    const odd = await call(page.loader, officer.get("/aid/institutions?year=abc&sort=drop&dir=x"));
    expect(await odd.json()).toMatchObject({
      year: shanghaiYear(),
      sort: "name",
      descending: false,
    });
  });

  it("exports the same table as CSV with Chinese headers", async () => {
    const officer = await signedIn("aid_officer");
    const response = await call(csv.loader, officer.get("/aid/institutions.csv?sort=name"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/text\/csv/);
    const text = await response.text();
    const lines = text
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines[0]).toBe(
      "单位名称,统一社会信用代码,单位类型,采购人数,年度预留份额（元）,已采购（元）,尚差（元）,完成比例（%）,按进度应完成（元）,进度落后",
    );
    expect(lines.find((l) => l.startsWith("已完成单位"))).toMatch(
      /,预算单位,2,1\.00,256\.00,0\.00,25600,[\d.]+,否$/,
    );
    expect(lines.find((l) => l.startsWith("落后单位"))).toMatch(
      /,1,10000000\.00,0\.00,10000000\.00,0,[\d.]+,是$/,
    );
  });

  it("refuses shoppers", async () => {
    const shopper = await signedIn("shopper");
    expect((await call(page.loader, shopper.get("/aid/institutions"))).status).toBe(403);
    expect((await call(csv.loader, shopper.get("/aid/institutions.csv"))).status).toBe(403);
  });
});
