import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { aidCatalog, LAST_YEAR, MAY } from "#tests/factories/aid";
import { createPaidOrder } from "#tests/factories/orders";
import { createUser } from "#tests/factories/users";
import { createInstitutionWith } from "#tests/factories/institutions";
import { updateThanks } from "./buyer-profile.server";
import { thanksBoard } from "./thanks-board.server";

let db: DB;
let cleanup: () => Promise<void>;
let yak: number;
let milk: number;
let craft: number;
beforeEach(async () => {
  ({ db, cleanup, yak, milk, craft } = await aidCatalog());
});
afterEach(() => cleanup());

describe("the thanks board", () => {
  it("lists only buyers who opted in, by their eligible total this year", async () => {
    const a = await createUser(db, { name: "王小明" });
    const b = await createUser(db, { name: "陈静" });
    const hidden = await createUser(db, { name: "张三" });
    const nothing = await createUser(db, { name: "赵四" });
    await updateThanks(db, { id: a }, { optIn: true, thanksName: null });
    await updateThanks(db, { id: b }, { optIn: true, thanksName: "雨花台的陈老师" });
    await updateThanks(db, { id: nothing }, { optIn: true, thanksName: null });
    // an institution is listed under its own name when it chose to be
    const { adminId: org } = await createInstitutionWith(db, {
      name: "雨花台区机关事务管理局",
      thanksOptIn: true,
    });
    const { adminId: shy } = await createInstitutionWith(db, { name: "不上榜的单位" });
    await createPaidOrder(db, [{ productId: milk, quantity: 1 }], { userId: a, now: MAY });
    await createPaidOrder(db, [{ productId: yak, quantity: 1 }], { userId: b, now: MAY });
    await createPaidOrder(db, [{ productId: yak, quantity: 3 }], { userId: hidden, now: MAY });
    for (const userId of [org, shy]) {
      await createPaidOrder(db, [{ productId: yak, quantity: 2 }], {
        userId,
        now: MAY,
        input: { buyAs: "institution" },
      });
    }
    await createPaidOrder(db, [{ productId: craft, quantity: 9 }], { userId: a, now: MAY });
    await createPaidOrder(db, [{ productId: yak, quantity: 9 }], { userId: a, now: LAST_YEAR });

    expect(await thanksBoard(db, 2026)).toEqual([
      { rank: 1, name: "雨花台区机关事务管理局", institution: true, fen: 25600 },
      { rank: 2, name: "雨花台的陈老师", institution: false, fen: 12800 },
      { rank: 3, name: "王**", institution: false, fen: 1580 },
    ]);
    expect(await thanksBoard(db, 2026, 1)).toHaveLength(1);
    expect((await thanksBoard(db, 2025))[0]).toMatchObject({ name: "王**", fen: 9 * 12800 });

    await updateThanks(db, { id: b }, { optIn: false, thanksName: "雨花台的陈老师" });
    expect((await thanksBoard(db, 2026)).map((r) => r.name)).toEqual([
      "雨花台区机关事务管理局",
      "王**",
    ]);
  });
});
