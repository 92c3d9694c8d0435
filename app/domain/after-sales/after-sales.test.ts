import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder, createPaidOrder } from "#tests/factories/orders";
import { checkLedger } from "../aid/ledger-check.server";
import { DomainError } from "../errors";
import { demoGateway } from "../payments/demo-gateway.server";
import { RefundDeclinedError, type PaymentGateway } from "../payments/gateway";
import { coopAfterSales, orderAfterSales } from "./after-sales-queries.server";
import { canMove } from "./after-sales-rules";
import {
  addCoopNote,
  approveAfterSales,
  askAfterSales,
  rejectAfterSales,
  type AskInput,
} from "./after-sales.server";
import { filesystemFileStore, type FileStore } from "~/domain/storage/file-store.server";

let db: DB;
let cleanup: () => Promise<void>;
let coops: { datong: number; huangzhong: number };
let dir: string;
let store: FileStore;
beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coops = await createBasicCatalog(db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "after-sales-"));
  store = filesystemFileStore(dir);
});
afterEach(async () => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
  await cleanup();
});

const admin = { id: null, name: "平台管理员 周敏" };

async function paidOrder() {
  const yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 2800, stock: 20 });
  const milk = await createProduct(db, {
    cooperativeId: coops.huangzhong,
    priceFen: 1000,
    stock: 30,
    category: "dairy",
  });
  const order = await createPaidOrder(db, [
    { productId: yak, quantity: 2 },
    { productId: milk, quantity: 3 },
  ]);
  const [yakLine, milkLine] = await db
    .selectFrom("order_lines")
    .select("id")
    .where("order_id", "=", order.id)
    .orderBy("id")
    .execute();
  return { order, yakLine: yakLine!.id, milkLine: milkLine!.id };
}

const ask = (orderId: number, lineId: number, overrides: Partial<AskInput> = {}): AskInput => ({
  orderId,
  lineId,
  kind: "refund",
  reason: "damaged",
  details: "牦牛肉包装破了",
  quantity: 1,
  userId: null,
  store,
  ...overrides,
});

const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
  );

describe("after-sales requests", () => {
  it("moves only from open, to approved or rejected", () => {
    expect(canMove("open", "approved")).toBe(true);
    expect(canMove("open", "rejected")).toBe(true);
    expect(canMove("approved", "rejected")).toBe(false);
    expect(canMove("rejected", "approved")).toBe(false);
    expect(canMove("open", "open")).toBe(false);
  });

  it("refuses an unpaid order, a quantity beyond the line, and a second open request per line", async () => {
    const yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 2800, stock: 20 });
    const unpaid = await createOrder(db, [{ productId: yak, quantity: 1 }]);
    const unpaidLine = await db
      .selectFrom("order_lines")
      .select("id")
      .where("order_id", "=", unpaid.id)
      .executeTakeFirstOrThrow();
    expect(await code(askAfterSales(db, ask(unpaid.id, unpaidLine.id)))).toBe(
      "afterSales.errors.notPaid",
    );

    const { order, yakLine, milkLine } = await paidOrder();
    expect(await code(askAfterSales(db, ask(order.id, yakLine, { quantity: 3 })))).toBe(
      "afterSales.errors.quantity",
    );
    expect(await code(askAfterSales(db, ask(order.id, unpaidLine.id)))).toBe(
      "afterSales.errors.line",
    );
    await askAfterSales(db, ask(order.id, yakLine));
    expect(await code(askAfterSales(db, ask(order.id, yakLine)))).toBe(
      "afterSales.errors.alreadyOpen",
    );
    // another line of the same order is its own matter
    expect(await code(askAfterSales(db, ask(order.id, milkLine)))).toBe("ok");
    // and the database itself holds the rule, should two requests race
    await expect(
      db
        .insertInto("after_sales_requests")
        .values({
          order_id: order.id,
          order_line_id: yakLine,
          cooperative_id: coops.datong,
          kind: "return",
          reason_code: "other",
          details: "again",
          quantity: 1,
          status: "open",
          requested_by: null,
          created_at: "2026-12-01T00:00:00Z",
          updated_at: "2026-12-01T00:00:00Z",
        })
        .execute(),
    ).rejects.toThrow(/UNIQUE|duplicate key/);
  });

  it("keeps photos checked like product pictures, and none of a refused request", async () => {
    const { order, yakLine, milkLine } = await paidOrder();
    const photo = await sharp({
      create: { width: 1200, height: 900, channels: 3, background: "#c93" },
    })
      .jpeg()
      .toBuffer();
    const id = await askAfterSales(db, ask(order.id, yakLine, { photos: [new Uint8Array(photo)] }));
    const [request] = await orderAfterSales(db, order.id, "zh-CN");
    expect(request!.id).toBe(id);
    expect(request!.photos).toHaveLength(1);
    expect(request!.photos[0]!.thumb).toMatch(/^\/media\/[a-f0-9]{32}\/400\.webp$/);
    expect(fs.readdirSync(dir)).toHaveLength(1);

    const notAPicture = new TextEncoder().encode("<svg>not a photo</svg>");
    expect(await code(askAfterSales(db, ask(order.id, milkLine, { photos: [notAPicture] })))).toBe(
      "afterSales.errors.photo",
    );
    // a refused request leaves no files behind (the second one failed after writing none)
    expect(
      await code(askAfterSales(db, ask(order.id, yakLine, { photos: [new Uint8Array(photo)] }))),
    ).toBe("afterSales.errors.alreadyOpen");
    expect(fs.readdirSync(dir)).toHaveLength(1);
  });

  it("shows a cooperative only the requests on its own lines, and lets it note only those", async () => {
    const { order, yakLine, milkLine } = await paidOrder();
    const yakRequest = await askAfterSales(db, ask(order.id, yakLine));
    const milkRequest = await askAfterSales(db, ask(order.id, milkLine, { kind: "return" }));
    const datong = await coopAfterSales(db, coops.datong, "zh-CN");
    expect(datong.map((r) => r.id)).toEqual([yakRequest]);
    expect((await coopAfterSales(db, coops.huangzhong, "zh-CN")).map((r) => r.id)).toEqual([
      milkRequest,
    ]);
    await addCoopNote(db, {
      coopId: coops.datong,
      requestId: yakRequest,
      note: "已联系顾客",
      by: "李",
    });
    expect(
      await code(
        addCoopNote(db, { coopId: coops.datong, requestId: milkRequest, note: "x", by: "李" }),
      ),
    ).toBe("fulfil.errors.forbidden");
    const [noted] = await coopAfterSales(db, coops.datong, "zh-CN");
    expect(noted!.coopNote).toBe("已联系顾客");
  });

  it("approval refunds the line through the real refund path: ledger reversed, buyer told", async () => {
    const { order, yakLine } = await paidOrder();
    const id = await askAfterSales(db, ask(order.id, yakLine, { quantity: 2 }));
    const result = await approveAfterSales(db, {
      requestId: id,
      actor: admin,
      restock: false,
      gatewayFor: () => demoGateway,
    });
    expect(result).toMatchObject({ status: "succeeded", amountFen: 5600, duplicate: false });
    const [request] = await orderAfterSales(db, order.id, "zh-CN");
    expect(request).toMatchObject({ status: "approved", refundId: result.refundId });
    const reversal = await db
      .selectFrom("aid_ledger")
      .select(["amount_fen", "order_line_id"])
      .where("order_id", "=", order.id)
      .where("entry_type", "=", "refund")
      .execute();
    expect(reversal).toEqual([{ amount_fen: -5600, order_line_id: yakLine }]);
    const check = await checkLedger(db);
    expect(check.broken).toEqual([]);
    expect(check.ok).toBe(true);
    const status = await db
      .selectFrom("orders")
      .select("status")
      .where("id", "=", order.id)
      .executeTakeFirstOrThrow();
    expect(status.status).toBe("partially_refunded");
    const subjects = (await db.selectFrom("outbox").select("subject").execute()).map(
      (m) => m.subject,
    );
    expect(subjects).toContain(`山海: 订单 ${order.number} 售后申请已同意`);
    expect(subjects).toContain(`山海: 订单 ${order.number} 已退款`);
    // deciding again is refused and refunds nothing more
    expect(
      await code(
        approveAfterSales(db, {
          requestId: id,
          actor: admin,
          restock: false,
          gatewayFor: () => demoGateway,
        }),
      ),
    ).toBe("afterSales.errors.decided");
    const refunds = await db
      .selectFrom("refunds")
      .select("id")
      .where("order_id", "=", order.id)
      .execute();
    expect(refunds).toHaveLength(1);
  });

  it("a gateway that says no leaves the request open; a rejection records why and tells the buyer", async () => {
    const { order, yakLine } = await paidOrder();
    const id = await askAfterSales(db, ask(order.id, yakLine));
    const declining: PaymentGateway = {
      ...demoGateway,
      refund: () => Promise.reject(new RefundDeclinedError("insufficient balance")),
    };
    expect(
      await code(
        approveAfterSales(db, {
          requestId: id,
          actor: admin,
          restock: false,
          gatewayFor: () => declining,
        }),
      ),
    ).toBe("afterSales.errors.refundFailed");
    expect((await orderAfterSales(db, order.id, "zh-CN"))[0]!.status).toBe("open");

    await rejectAfterSales(db, { requestId: id, actor: admin, reason: "照片显示包装完好" });
    const [request] = await orderAfterSales(db, order.id, "zh-CN");
    expect(request).toMatchObject({ status: "rejected", decisionReason: "照片显示包装完好" });
    const last = await db
      .selectFrom("outbox")
      .select(["subject", "body"])
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(last.subject).toBe(`山海: 订单 ${order.number} 售后申请未通过`);
    expect(last.body).toContain("照片显示包装完好");
    expect(await code(rejectAfterSales(db, { requestId: id, actor: admin, reason: "again" }))).toBe(
      "afterSales.errors.decided",
    );
    // a new request on the line may be opened once the last one is decided
    expect(await code(askAfterSales(db, ask(order.id, yakLine)))).toBe("ok");
  });
});
