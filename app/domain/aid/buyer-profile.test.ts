import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { aidCatalog, JUNE, MAY } from "#tests/factories/aid";
import { createPaidOrder } from "#tests/factories/orders";
import { createUser } from "#tests/factories/users";
import { reservedShareProgress, updateAidProfile } from "./buyer-profile.server";

let db: DB;
let cleanup: () => Promise<void>;
let yak: number;
beforeEach(async () => {
  ({ db, cleanup, yak } = await aidCatalog());
});
afterEach(() => cleanup());

describe("institutions", () => {
  it("shows progress against the yearly reserved share", async () => {
    const userId = await createUser(db);
    expect(await reservedShareProgress(db, { id: userId }, 2026)).toBeNull();
    await updateAidProfile(
      db,
      { id: userId },
      {
        buyerType: "gov_unit",
        orgName: "栖霞区某街道办",
        fundingSource: "canteen",
        reservedShareFen: null,
      },
    );
    expect(await reservedShareProgress(db, { id: userId }, 2026)).toMatchObject({
      targetFen: null,
      percent: null,
    });
    await updateAidProfile(
      db,
      { id: userId },
      {
        buyerType: "gov_unit",
        orgName: "栖霞区某街道办",
        fundingSource: "canteen",
        reservedShareFen: 100_000,
      },
    );
    await createPaidOrder(db, [{ productId: yak, quantity: 3 }], {
      userId,
      now: MAY,
      input: { buyerType: "gov_unit", orgName: "栖霞区某街道办", fundingSource: "canteen" },
    });
    expect(await reservedShareProgress(db, { id: userId }, 2026)).toEqual({
      year: 2026,
      targetFen: 100_000,
      achievedFen: 38400,
      remainingFen: 61600,
      percent: 38,
    });
    await createPaidOrder(db, [{ productId: yak, quantity: 6 }], { userId, now: JUNE });
    expect(await reservedShareProgress(db, { id: userId }, 2026)).toMatchObject({
      remainingFen: 0,
      percent: 115,
    });
  });
});
