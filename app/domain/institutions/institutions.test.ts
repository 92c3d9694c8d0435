import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { aidCatalog, JUNE, MAY } from "#tests/factories/aid";
import { createInstitutionWith, validCreditCode } from "#tests/factories/institutions";
import { createOrder, createPaidOrder } from "#tests/factories/orders";
import { createUser } from "#tests/factories/users";
import { myAid } from "~/domain/aid/my-aid.server";
import {
  addPurchaser,
  createInstitution,
  institutionOf,
  leaveInstitution,
  listMembers,
  removeMember,
  reservedShareProgress,
  updateInstitution,
} from "./institutions.server";

let db: DB;
let cleanup: () => Promise<void>;
let yak: number;
beforeEach(async () => {
  ({ db, cleanup, yak } = await aidCatalog());
});
afterEach(() => cleanup());

const profile = (overrides = {}) => ({
  name: "栖霞区某街道办",
  creditCode: validCreditCode(),
  type: "gov_unit" as const,
  fundingSource: "canteen" as const,
  reservedShareFen: null,
  thanksOptIn: false,
  ...overrides,
});

describe("institution accounts", () => {
  it("count every purchaser's orders for the institution towards one reserved share", async () => {
    const { institutionId, adminId, purchaserIds } = await createInstitutionWith(db, {
      reservedShareFen: 100_000,
      purchaserPhones: ["13900000001"],
    });
    const institution = (await institutionOf(db, adminId))!;
    expect(await reservedShareProgress(db, institution, 2026)).toEqual({
      year: 2026,
      targetFen: 100_000,
      achievedFen: 0,
      remainingFen: 100_000,
      percent: 0,
    });
    // the form says 个人 and a made-up unit: the institution's own profile wins
    await createPaidOrder(db, [{ productId: yak, quantity: 2 }], {
      userId: adminId,
      now: MAY,
      input: { buyAs: "institution", buyerType: "individual", orgName: "随便写的单位" },
    });
    await createPaidOrder(db, [{ productId: yak, quantity: 1 }], {
      userId: purchaserIds[0]!,
      now: JUNE,
      input: { buyAs: "institution" },
    });
    // bought for themselves: not the institution's
    await createPaidOrder(db, [{ productId: yak, quantity: 5 }], { userId: adminId, now: JUNE });
    expect(await reservedShareProgress(db, institution, 2026)).toEqual({
      year: 2026,
      targetFen: 100_000,
      achievedFen: 38400,
      remainingFen: 61600,
      percent: 38,
    });
    const orders = await db
      .selectFrom("orders")
      .select(["institution_id", "buyer_type", "org_name", "funding_source", "tax_id"])
      .orderBy("id")
      .execute();
    expect(orders[0]).toEqual({
      institution_id: institutionId,
      buyer_type: "gov_unit",
      org_name: "雨花台区机关事务管理局",
      funding_source: "canteen",
      // the credit code stands in for a tax number not typed
      tax_id: expect.stringMatching(/^91320100MA/),
    });
    expect(orders[2]).toMatchObject({ institution_id: null, buyer_type: "individual" });
    const keys = await db.selectFrom("aid_ledger").select("buyer_key").orderBy("id").execute();
    expect(keys.map((k) => k.buyer_key)).toEqual([
      `org:${institutionId}`,
      `org:${institutionId}`,
      `user:${adminId}`,
    ]);
    // the person's own page counts only what they bought for themselves
    expect((await myAid(db, { id: adminId })).totalFen).toBe(5 * 12800);
    expect((await myAid(db, { id: purchaserIds[0]! })).totalFen).toBe(0);
    // more than the share: done, and the percentage says by how much
    await createPaidOrder(db, [{ productId: yak, quantity: 6 }], {
      userId: purchaserIds[0]!,
      now: JUNE,
      input: { buyAs: "institution" },
    });
    expect(await reservedShareProgress(db, institution, 2026)).toMatchObject({
      remainingFen: 0,
      percent: 115,
    });
  });

  it("asks for the invoice in the institution's name with its credit code when the purchaser gives only a title", async () => {
    const { institutionId, adminId } = await createInstitutionWith(db);
    const order = await createOrder(db, [{ productId: yak, quantity: 1 }], {
      userId: adminId,
      input: { buyAs: "institution", invoiceTitle: "雨花台区机关事务管理局", taxId: null },
    });
    const code = await db
      .selectFrom("institutions")
      .select("credit_code")
      .where("id", "=", institutionId)
      .executeTakeFirstOrThrow();
    const request = await db
      .selectFrom("invoice_requests")
      .select(["title", "tax_number", "status"])
      .where("order_id", "=", order.id)
      .executeTakeFirst();
    expect(request).toEqual({
      title: "雨花台区机关事务管理局",
      tax_number: code.credit_code,
      status: "requested",
    });
  });

  it("refuses an order for an institution from anyone who is not its member, writing nothing", async () => {
    const stranger = await createUser(db);
    await expect(
      createOrder(db, [{ productId: yak, quantity: 1 }], {
        userId: stranger,
        input: { buyAs: "institution" },
      }),
    ).rejects.toMatchObject({ code: "institutions.errors.notMember" });
    await expect(
      createOrder(db, [{ productId: yak, quantity: 1 }], { input: { buyAs: "institution" } }),
    ).rejects.toMatchObject({ code: "institutions.errors.notMember" });
    expect(await db.selectFrom("orders").select("id").execute()).toEqual([]);
  });

  it("keeps one institution per person and one per credit code", async () => {
    const a = await createUser(db);
    const b = await createUser(db);
    const code = validCreditCode();
    await createInstitution(db, a, profile({ creditCode: code }));
    await expect(createInstitution(db, a, profile())).rejects.toMatchObject({
      code: "institutions.errors.alreadyMember",
    });
    await expect(createInstitution(db, b, profile({ creditCode: code }))).rejects.toMatchObject({
      code: "institutions.errors.creditCodeTaken",
      field: "creditCode",
    });
    await updateInstitution(
      db,
      a,
      profile({ creditCode: code, name: "新名称", reservedShareFen: 5000 }),
    );
    expect(await institutionOf(db, a)).toMatchObject({
      name: "新名称",
      creditCode: code,
      reservedShareFen: 5000,
      role: "admin",
    });
  });

  it("lets the administrator add shoppers by their login, and says why one cannot be added", async () => {
    const { adminId } = await createInstitutionWith(db);
    const { adminId: otherAdmin } = await createInstitutionWith(db, { name: "别的单位" });
    const shopper = await createUser(db, { phone: "13900000002", name: "赵采购" });
    await createUser(db, { phone: "13900000003", role: "aid_officer" });
    await createUser(db, { email: "joined@example.com" });
    await createUser(db, { phone: "13900000004" });
    await addPurchaser(db, otherAdmin, "13900000004");

    await addPurchaser(db, adminId, "139 0000 0002");
    await addPurchaser(db, adminId, "Joined@Example.com");
    const cases: Array<[string, string]> = [
      ["13900000009", "institutions.errors.noSuchShopper"],
      ["13900000003", "institutions.errors.noSuchShopper"],
      ["13900000002", "institutions.errors.alreadyHere"],
      ["13900000004", "institutions.errors.inAnother"],
      ["not a login", "institutions.errors.login"],
    ];
    for (const [login, code] of cases) {
      await expect(addPurchaser(db, adminId, login), login).rejects.toMatchObject({
        code,
        field: "login",
      });
    }
    // a purchaser cannot add anyone
    await expect(addPurchaser(db, shopper, "13900000009")).rejects.toMatchObject({ status: 403 });
    const members = await listMembers(db, (await institutionOf(db, adminId))!.id);
    expect(members.map((m) => [m.role, m.contact])).toEqual([
      ["admin", expect.any(String)],
      ["purchaser", "139****0002"],
      ["purchaser", "j***@example.com"],
    ]);
  });

  it("never leaves an institution without an administrator", async () => {
    const { adminId, purchaserIds } = await createInstitutionWith(db, {
      purchaserPhones: ["13900000005", "13900000006"],
    });
    await expect(leaveInstitution(db, adminId)).rejects.toMatchObject({
      code: "institutions.errors.lastAdmin",
    });
    await expect(removeMember(db, adminId, adminId)).rejects.toMatchObject({
      code: "institutions.errors.lastAdmin",
    });
    await expect(removeMember(db, purchaserIds[0]!, purchaserIds[1]!)).rejects.toMatchObject({
      status: 403,
    });
    await removeMember(db, adminId, purchaserIds[0]!);
    await leaveInstitution(db, purchaserIds[1]!);
    expect(await institutionOf(db, purchaserIds[0]!)).toBeNull();
    expect(await institutionOf(db, purchaserIds[1]!)).toBeNull();
    await expect(removeMember(db, adminId, purchaserIds[0]!)).rejects.toMatchObject({
      code: "institutions.errors.notMember",
    });
  });
});
