import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { aidCatalog, JUNE, LAST_YEAR, MAY, NOV, refundAid } from "#tests/factories/aid";
import { createPaidOrder } from "#tests/factories/orders";
import { createUser } from "#tests/factories/users";
import { buyerKeysOf } from "./buyer-profile.server";
import { myAid } from "./my-aid.server";

let db: DB;
let cleanup: () => Promise<void>;
let yak: number;
let milk: number;
let craft: number;
beforeEach(async () => {
  ({ db, cleanup, yak, milk, craft } = await aidCatalog());
});
afterEach(() => cleanup());

describe("whose entries are a person's", () => {
  it("is the account, plus the phone only once it is verified", () => {
    expect(buyerKeysOf({ id: 7, phone: "13900001111", phoneVerified: false })).toEqual(["user:7"]);
    expect(buyerKeysOf({ id: 7, phone: "13900001111", phoneVerified: true })).toEqual([
      "user:7",
      "phone:13900001111",
    ]);
    expect(buyerKeysOf({ id: 7, phone: null, phoneVerified: true })).toEqual(["user:7"]);
  });

  it("counts signed-in orders and guest orders with the verified phone, by year and county", async () => {
    const userId = await createUser(db, {
      name: "王小明",
      phone: "13812345678",
      phoneVerified: true,
    });
    await createPaidOrder(db, [{ productId: yak, quantity: 2 }], { userId, now: MAY });
    await createPaidOrder(
      db,
      [
        { productId: milk, quantity: 3 },
        { productId: craft, quantity: 1 },
      ],
      { userId, now: JUNE },
    );
    // a guest order with the person's phone (claimed or not, it keeps buyer_key phone:…)
    await createPaidOrder(db, [{ productId: milk, quantity: 1 }], { now: NOV });
    await createPaidOrder(db, [{ productId: yak, quantity: 1 }], { userId, now: LAST_YEAR });
    // someone else's order
    await createPaidOrder(db, [{ productId: yak, quantity: 5 }], {
      now: MAY,
      input: { phone: "13700000000" },
    });

    const aid = await myAid(db, { id: userId });
    expect(aid.totalFen).toBe(2 * 12800 + 4 * 1580 + 12800);
    expect(aid.years).toEqual([
      { year: 2026, fen: 2 * 12800 + 4 * 1580 },
      { year: 2025, fen: 12800 },
    ]);
    expect(aid.counties).toEqual([
      { code: "datong", name: "大通县", pairedDistrict: "雨花台区", fen: 3 * 12800 },
      { code: "huangzhong", name: "湟中区", pairedDistrict: "栖霞区", fen: 4 * 1580 },
    ]);
    expect(aid.yearCounties).toEqual([
      expect.objectContaining({ year: 2026, code: "datong", fen: 2 * 12800 }),
      expect.objectContaining({ year: 2026, code: "huangzhong", fen: 4 * 1580 }),
      expect.objectContaining({ year: 2025, code: "datong", fen: 12800 }),
    ]);
    // the uncertified craft never shows
    expect(aid.recent.map((r) => r.amountFen)).not.toContain(6800);
    expect(aid.recent).toHaveLength(4);

    const en = await myAid(db, { id: userId }, { locale: "en" });
    expect(en.counties[0]).toMatchObject({
      name: "Datong County",
      pairedDistrict: "Yuhuatai District",
    });
  });

  it("leaves out guest orders while the phone is unverified, and subtracts refunds", async () => {
    const userId = await createUser(db, { phone: "13812345678", phoneVerified: false });
    await createPaidOrder(db, [{ productId: milk, quantity: 1 }], { now: MAY });
    const order = await createPaidOrder(db, [{ productId: yak, quantity: 1 }], {
      userId,
      now: MAY,
    });
    expect((await myAid(db, { id: userId })).totalFen).toBe(12800);
    await refundAid(db, order.id, 12800, JUNE);
    const aid = await myAid(db, { id: userId });
    expect(aid.totalFen).toBe(0);
    expect(aid.recent[0]).toMatchObject({ type: "refund", amountFen: -12800 });
  });
});
