import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { aidCatalog, MAY } from "#tests/factories/aid";
import { createInstitutionWith } from "#tests/factories/institutions";
import { createPaidOrder } from "#tests/factories/orders";
import { reservedShareTable, yearElapsed } from "./reserved-shares.server";

let db: DB;
let cleanup: () => Promise<void>;
let yak: number;
beforeEach(async () => {
  ({ db, cleanup, yak } = await aidCatalog());
});
afterEach(() => cleanup());

describe("the city's reserved shares", () => {
  it("knows how far through the year a day is", () => {
    expect(yearElapsed(2026, "2025-12-31")).toBe(0);
    expect(yearElapsed(2026, "2026-01-01")).toBeCloseTo(1 / 365);
    expect(yearElapsed(2026, "2026-07-02")).toBeCloseTo(183 / 365);
    expect(yearElapsed(2026, "2026-12-31")).toBe(1);
    expect(yearElapsed(2024, "2024-12-31")).toBe(1);
    expect(yearElapsed(2026, "2027-03-01")).toBe(1);
  });

  it("shows every institution's share, spent and left, all its purchasers counted once, those behind marked", async () => {
    const ahead = await createInstitutionWith(db, {
      name: "甲单位",
      reservedShareFen: 40_000,
      purchaserPhones: ["13900000011"],
    });
    const behind = await createInstitutionWith(db, { name: "乙单位", reservedShareFen: 1_000_000 });
    await createInstitutionWith(db, { name: "丙单位", reservedShareFen: null });
    // 2 × ¥128 by the admin and 1 × ¥128 by the purchaser, both for 甲; one for 乙
    await createPaidOrder(db, [{ productId: yak, quantity: 2 }], {
      userId: ahead.adminId,
      now: MAY,
      input: { buyAs: "institution" },
    });
    await createPaidOrder(db, [{ productId: yak, quantity: 1 }], {
      userId: ahead.purchaserIds[0]!,
      now: MAY,
      input: { buyAs: "institution" },
    });
    await createPaidOrder(db, [{ productId: yak, quantity: 1 }], {
      userId: behind.adminId,
      now: MAY,
      input: { buyAs: "institution" },
    });
    // bought for himself: not 乙's
    await createPaidOrder(db, [{ productId: yak, quantity: 5 }], {
      userId: behind.adminId,
      now: MAY,
    });

    const table = await reservedShareTable(db, { year: 2026, today: "2026-07-02" });
    expect(
      table.map((r) => [
        r.name,
        r.purchasers,
        r.reservedFen,
        r.spentFen,
        r.leftFen,
        r.percent,
        r.behind,
      ]),
    ).toEqual([
      ["丙单位", 1, null, 0, null, null, false],
      ["甲单位", 2, 40_000, 38400, 1600, 96, false],
      ["乙单位", 1, 1_000_000, 12800, 987_200, 1, true],
    ]);
    // sorted by name in pinyin order: 丙 bing, 甲 jia, 乙 yi
    expect(table[2]!.expectedFen).toBe(Math.round((1_000_000 * 183) / 365));
    // before the year began nobody is behind; another year has nothing spent
    expect(
      (await reservedShareTable(db, { year: 2026, today: "2025-12-01" })).some((r) => r.behind),
    ).toBe(false);
    expect(
      (await reservedShareTable(db, { year: 2025, today: "2026-07-02" })).map((r) => r.spentFen),
    ).toEqual([0, 0, 0]);

    const byPercent = await reservedShareTable(db, {
      year: 2026,
      today: "2026-07-02",
      sort: "percent",
      descending: true,
    });
    expect(byPercent.map((r) => r.name)).toEqual(["甲单位", "乙单位", "丙单位"]);
    const bySpent = await reservedShareTable(db, {
      year: 2026,
      today: "2026-07-02",
      sort: "spent",
    });
    expect(bySpent.map((r) => r.name)).toEqual(["丙单位", "乙单位", "甲单位"]);
  });
});
