import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder, createPaidOrder } from "#tests/factories/orders";
import { DomainError } from "../errors";
import { requestRefund } from "../orders/refunds.server";
import { demoGateway } from "../payments/demo-gateway.server";
import {
  normalizeVoucherCode,
  purchaseVoucher,
  verifyVoucher,
  voucherCode,
} from "./voucher.server";

const SECRET = "s".repeat(40);
let db: DB;
let cleanup: () => Promise<void>;
let yak: number;
let craft: number;
beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  const coops = await createBasicCatalog(db);
  yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 12800, stock: 50 });
  craft = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 6800,
    stock: 50,
    category: "handicraft",
    certifications: [],
  });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

const figures = {
  number: "SH-20261201-7K3Q",
  paidFen: 20000,
  refundedFen: 0,
  aidFen: 12800,
  paidAt: "2026-12-01T02:00:00.000Z",
};

describe("voucher verification code", () => {
  it("is stable for the same figures and changes with any of them or the secret", () => {
    const code = voucherCode(SECRET, figures);
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    expect(voucherCode(SECRET, { ...figures })).toBe(code);
    for (const changed of [
      { paidFen: 20001 },
      { refundedFen: 100 },
      { aidFen: 12700 },
      { paidAt: "2026-12-01T02:00:01.000Z" },
      { number: "SH-20261201-7K3R" },
    ]) {
      expect(voucherCode(SECRET, { ...figures, ...changed })).not.toBe(code);
    }
    expect(voucherCode("t".repeat(40), figures)).not.toBe(code);
    expect(normalizeVoucherCode(code.toLowerCase().replace("-", " "))).toBe(code);
  });
});

describe("purchase voucher", () => {
  it("shows lines, totals and the aid share; its code verifies until a refund changes the amounts", async () => {
    const order = await createPaidOrder(
      db,
      [
        { productId: yak, quantity: 2 },
        { productId: craft, quantity: 1 },
      ],
      { input: { buyerType: "union", orgName: "南京地铁集团工会", fundingSource: "union_funds" } },
    );
    const voucher = await purchaseVoucher(db, order.id, "en", SECRET);
    expect(voucher).toMatchObject({
      voucherNumber: order.number.replace("SH-", "PZ-"),
      buyerName: "南京地铁集团工会",
      buyerType: "union",
      fundingSource: "union_funds",
      subtotalFen: 2 * 12800 + 6800,
      paidFen: order.totalFen,
      refundedFen: 0,
      netFen: order.totalFen,
      aidFen: 2 * 12800,
    });
    expect(voucher.lines.map((l) => [l.quantity, l.aidEligible])).toEqual([
      [2, true],
      [1, false],
    ]);
    expect(voucher.aidPercent).toBe(Math.round((25600 * 1000) / order.totalFen) / 10);

    const check = await verifyVoucher(
      db,
      order.number.toLowerCase(),
      voucher.code.toLowerCase(),
      SECRET,
    );
    expect(check).toMatchObject({ matches: true, netFen: order.totalFen, aidFen: 25600 });
    expect(JSON.stringify(check)).not.toContain("工会");
    expect(await verifyVoucher(db, order.number, "00000-00000", SECRET)).toEqual({
      matches: false,
    });
    expect(await verifyVoucher(db, "SH-20260101-ZZZZ", voucher.code, SECRET)).toEqual({
      matches: false,
    });
    expect(await verifyVoucher(db, order.number, voucher.code, "t".repeat(40))).toEqual({
      matches: false,
    });

    // a refund changes the amounts: the old paper voucher no longer matches, the new one does
    const line = await db
      .selectFrom("order_lines")
      .select("id")
      .where("order_id", "=", order.id)
      .orderBy("id")
      .executeTakeFirstOrThrow();
    await requestRefund(
      db,
      {
        orderId: order.id,
        selection: { mode: "lines", lines: [{ orderLineId: line.id, quantity: 1 }] },
        restock: false,
        reason: "少发一件牦牛肉",
        actor: { id: null, name: "admin" },
      },
      { gatewayFor: () => demoGateway },
    );
    expect(await verifyVoucher(db, order.number, voucher.code, SECRET)).toEqual({ matches: false });
    const after = await purchaseVoucher(db, order.id, "zh-CN", SECRET);
    expect(after).toMatchObject({
      refundedFen: 12800,
      netFen: order.totalFen - 12800,
      aidFen: 12800,
    });
    expect((await verifyVoucher(db, order.number, after.code, SECRET)).matches).toBe(true);
  });

  it("an unpaid order has no voucher", async () => {
    const order = await createOrder(db, [{ productId: yak, quantity: 1 }]);
    await expect(purchaseVoucher(db, order.id, "zh-CN", SECRET)).rejects.toBeInstanceOf(
      DomainError,
    );
    expect(await verifyVoucher(db, order.number, "00000-00000", SECRET)).toEqual({
      matches: false,
    });
  });
});
