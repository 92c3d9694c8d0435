import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { counterStockOf, createCounter, stockCounter } from "#tests/factories/counters";
import { createUser } from "#tests/factories/users";
import { DomainError } from "../errors";
import { parseReceive, parseSend } from "./desk-input";
import {
  coopTransfers,
  counterTransfers,
  quantitiesSent,
  receiveTransfer,
  sendTransfer,
  transferableProducts,
} from "./transfers.server";

let db: DB;
let cleanup: () => Promise<void>;
let coopA: number;
let coopB: number;
let jerky: number;
let barley: number;
let theirs: number;
let counterA: number;
let counterB: number;
let manager = { id: 0, name: "马经理" };
let clerk = { id: 0, name: "店员" };

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  const coops = await createBasicCatalog(db);
  coopA = coops.datong;
  coopB = coops.huangzhong;
  jerky = await createProduct(db, { cooperativeId: coopA, stock: 30 });
  barley = await createProduct(db, { cooperativeId: coopA, stock: 5 });
  theirs = await createProduct(db, { cooperativeId: coopB, stock: 30 });
  counterA = await createCounter(db);
  counterB = await createCounter(db);
  manager = {
    id: await createUser(db, { role: "coop_manager", cooperativeIds: [coopA] }),
    name: "马经理",
  };
  clerk = {
    id: await createUser(db, { role: "counter_staff", counterId: counterA }),
    name: "店员",
  };
});
afterEach(async () => cleanup());

const stockOf = async (id: number) =>
  (await db.selectFrom("products").select("stock").where("id", "=", id).executeTakeFirstOrThrow())
    .stock;

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const send = (lines: Array<{ productId: number; quantity: number }>, coopId = coopA) =>
  sendTransfer(db, { coopId, counterId: counterA, lines, note: "第一批", by: manager });

describe("sending a transfer", () => {
  it("takes the cooperative's stock and writes the transfer as sent", async () => {
    const id = await send([
      { productId: jerky, quantity: 10 },
      { productId: barley, quantity: 5 },
    ]);
    expect(await stockOf(jerky)).toBe(20);
    expect(await stockOf(barley)).toBe(0);
    const { toReceive } = await counterTransfers(db, counterA, "zh-CN");
    expect(toReceive.map((t) => [t.id, t.status, t.note])).toEqual([[id, "sent", "第一批"]]);
    expect(toReceive[0]!.lines.map((l) => [l.productId, l.sent, l.received]).sort()).toEqual(
      [
        [jerky, 10, null],
        [barley, 5, null],
      ].sort(),
    );
    expect((await counterTransfers(db, counterB, "zh-CN")).toReceive).toEqual([]);
  });

  it("refuses the whole transfer when one line is short, taking nothing", async () => {
    const error = await refusal(
      send([
        { productId: jerky, quantity: 10 },
        { productId: barley, quantity: 6 },
      ]),
    );
    expect(error.code).toBe("counterDesk.transfer.notEnoughStock");
    expect(error.field).toBe(`qty-${barley}`);
    expect(error.params).toEqual({ stock: 5 });
    expect(await stockOf(jerky)).toBe(30);
    expect(await db.selectFrom("counter_transfers").select("id").execute()).toEqual([]);
  });

  it("never sends another cooperative's product or to no counter", async () => {
    expect((await refusal(send([{ productId: theirs, quantity: 1 }]))).code).toBe(
      "counterDesk.transfer.unknownProduct",
    );
    expect(await stockOf(theirs)).toBe(30);
    const noCounter = await refusal(
      sendTransfer(db, {
        coopId: coopA,
        counterId: 9999,
        lines: [{ productId: jerky, quantity: 1 }],
        note: null,
        by: manager,
      }),
    );
    expect(noCounter.field).toBe("counter");
    expect((await transferableProducts(db, coopA, "zh-CN")).map((p) => p.id).sort()).toEqual(
      [jerky, barley].sort(),
    );
  });

  it("reads the send form: a counter, some quantities, a short note", () => {
    const ok = parseSend({ counter: "3", [`qty-${jerky}`]: "4", [`qty-${barley}`]: "", note: "" });
    expect(ok).toEqual({
      ok: true,
      data: { counterId: 3, lines: [{ productId: jerky, quantity: 4 }], note: null },
    });
    const bad = parseSend({ counter: "", [`qty-${jerky}`]: "2.5" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.errors).toEqual({
        counter: "counterDesk.transfer.chooseCounter",
        [`qty-${jerky}`]: "counterDesk.form.wholeNumber",
      });
      expect(bad.values[`qty-${jerky}`]).toBe("2.5");
    }
    expect(parseSend({ counter: "1", [`qty-${jerky}`]: "0" })).toMatchObject({
      ok: false,
      errors: { lines: "counterDesk.transfer.noLines" },
    });
  });
});

describe("receiving a transfer", () => {
  it("adds what arrived to the shelf and records each difference with its reason", async () => {
    await stockCounter(db, counterA, jerky, 3);
    const id = await send([
      { productId: jerky, quantity: 10 },
      { productId: barley, quantity: 5 },
    ]);
    const now = new Date("2026-12-01T02:00:00Z");
    const result = await receiveTransfer(db, {
      counterId: counterA,
      transferId: id,
      received: [
        { productId: jerky, quantity: 9, reason: "一袋破损" },
        { productId: barley, quantity: 5, reason: "" },
      ],
      by: clerk,
      now,
    });
    expect(result).toEqual({ differences: 1 });
    expect(await counterStockOf(db, counterA, jerky)).toBe(12);
    expect(await counterStockOf(db, counterA, barley)).toBe(5);
    const adjustments = await db
      .selectFrom("counter_stock_adjustments")
      .select(["kind", "transfer_id", "product_id", "expected", "counted", "difference", "reason"])
      .execute();
    expect(adjustments).toEqual([
      {
        kind: "transfer",
        transfer_id: id,
        product_id: jerky,
        expected: 10,
        counted: 9,
        difference: -1,
        reason: "一袋破损",
      },
    ]);
    const { received } = await counterTransfers(db, counterA, "zh-CN");
    expect(received[0]).toMatchObject({ id, status: "received", receivedByName: "店员" });
    const seen = (await coopTransfers(db, coopA, "zh-CN"))[0]!;
    expect(seen.lines.find((l) => l.productId === jerky)).toMatchObject({
      sent: 10,
      received: 9,
      reason: "一袋破损",
    });

    const again = await refusal(
      receiveTransfer(db, { counterId: counterA, transferId: id, received: [], by: clerk }),
    );
    expect(again.code).toBe("counterDesk.errors.alreadyReceived");
    expect(await counterStockOf(db, counterA, jerky)).toBe(12);
  });

  it("refuses another counter's transfer and a difference without a reason", async () => {
    const id = await send([{ productId: jerky, quantity: 4 }]);
    const other = await refusal(
      receiveTransfer(db, { counterId: counterB, transferId: id, received: [], by: clerk }),
    );
    expect(other.status).toBe(404);
    await expect(quantitiesSent(db, counterB, id)).rejects.toBeInstanceOf(DomainError);
    const noReason = await refusal(
      receiveTransfer(db, {
        counterId: counterA,
        transferId: id,
        received: [{ productId: jerky, quantity: 3, reason: " " }],
        by: clerk,
      }),
    );
    expect(noReason.field).toBe(`reason-${jerky}`);
    // nothing half-written: still to receive, nothing on the shelf
    expect((await counterTransfers(db, counterA, "zh-CN")).toReceive).toHaveLength(1);
    expect(await counterStockOf(db, counterA, jerky)).toBe(0);
  });

  it("reads the receipt form: empty is as sent, a difference needs a reason", () => {
    const sent = new Map([
      [jerky, 10],
      [barley, 5],
    ]);
    expect(parseReceive({ [`qty-${jerky}`]: "", [`qty-${barley}`]: "5" }, sent)).toEqual({
      ok: true,
      data: {
        lines: [
          { productId: jerky, quantity: 10, reason: "" },
          { productId: barley, quantity: 5, reason: "" },
        ],
      },
    });
    const bad = parseReceive({ [`qty-${jerky}`]: "8", [`qty-${barley}`]: "x" }, sent);
    expect(bad).toMatchObject({
      ok: false,
      errors: {
        [`reason-${jerky}`]: "counterDesk.form.reasonNeeded",
        [`qty-${barley}`]: "counterDesk.form.wholeNumber",
      },
    });
  });
});
