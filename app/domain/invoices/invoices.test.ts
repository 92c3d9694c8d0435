import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder, createPaidOrder } from "#tests/factories/orders";
import { DomainError } from "../errors";
import { requestRefund } from "../orders/refunds.server";
import { demoGateway } from "../payments/demo-gateway.server";
import { invoiceRequestSchema, issueSchema, type InvoiceRequestInput } from "./invoice-input";
import {
  adminInvoiceRequests,
  issueInvoice,
  netPaidFen,
  orderInvoice,
  requestInvoice,
} from "./invoices.server";

let db: DB;
let cleanup: () => Promise<void>;
let yak: number;
beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  const coops = await createBasicCatalog(db);
  yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 12800, stock: 50 });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

const GOOD_TAX = "91350100M000100Y43";

const plain = (overrides: Partial<InvoiceRequestInput> = {}): InvoiceRequestInput => ({
  intent: "invoice",
  kind: "plain",
  title: "南京市雨花台区机关事务管理中心",
  taxNumber: GOOD_TAX,
  registeredAddress: null,
  registeredPhone: null,
  bankName: null,
  bankAccount: null,
  ...overrides,
});

const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: unknown) => (e instanceof DomainError ? e.code : String(e)),
  );

const form = (values: Record<string, string>) => invoiceRequestSchema.safeParse(values);
const fieldErrors = (values: Record<string, string>) => {
  const result = form(values);
  return result.success
    ? {}
    : Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe("the invoice request form", () => {
  it("a special invoice needs its registered address, phone, bank and account", () => {
    expect(
      fieldErrors({
        intent: "invoice",
        kind: "special",
        title: "南京地铁集团工会",
        taxNumber: GOOD_TAX,
      }),
    ).toEqual({
      registeredAddress: "invoices.errors.registeredAddress",
      registeredPhone: "invoices.errors.registeredPhone",
      bankName: "invoices.errors.bankName",
      bankAccount: "invoices.errors.bankAccount",
    });
    const ok = form({
      intent: "invoice",
      kind: "special",
      title: "南京地铁集团工会",
      taxNumber: GOOD_TAX.toLowerCase(),
      registeredAddress: "南京市玄武区中山路 228 号",
      registeredPhone: "025-8478 0000",
      bankName: "中国工商银行南京新街口支行",
      bankAccount: "4301 0111 0900 1234 567",
    });
    expect(ok.success && ok.data).toMatchObject({
      taxNumber: GOOD_TAX,
      bankAccount: "4301011109001234567",
    });
  });

  it("checks the tax number's check character and drops special fields from a plain invoice", () => {
    expect(
      fieldErrors({
        intent: "invoice",
        kind: "plain",
        title: "某单位",
        taxNumber: "91350100M000100Y44",
      }),
    ).toEqual({
      taxNumber: "invoices.errors.taxNumberCheck",
    });
    expect(
      fieldErrors({ intent: "invoice", kind: "plain", title: "某单位", taxNumber: "12345" }),
    ).toEqual({
      taxNumber: "invoices.errors.taxNumber",
    });
    const ok = form({ intent: "invoice", kind: "plain", title: "王小明", bankName: "某银行" });
    expect(ok.success && ok.data).toMatchObject({ taxNumber: null, bankName: null });
  });

  it("the admin's invoice number and date", () => {
    expect(
      issueSchema.safeParse({ requestId: "3", invoiceNumber: "2432 0000 0000 1234 5678" }).data,
    ).toEqual({
      requestId: 3,
      invoiceNumber: "24320000000012345678",
      issuedOn: null,
    });
    expect(issueSchema.safeParse({ requestId: "3", invoiceNumber: "12" }).success).toBe(false);
    expect(
      issueSchema.safeParse({ requestId: "3", invoiceNumber: "12345678", issuedOn: "1.2.2026" })
        .success,
    ).toBe(false);
  });
});

describe("invoice requests", () => {
  it("one request per order, corrected while requested, issued by the admin, then frozen", async () => {
    const order = await createPaidOrder(db, [{ productId: yak, quantity: 2 }], {
      input: { buyerType: "union", orgName: "南京地铁集团工会", fundingSource: "union_funds" },
    });
    const first = await requestInvoice(db, { orderId: order.id, userId: null, input: plain() });
    expect(first.updated).toBe(false);
    const fixed = await requestInvoice(db, {
      orderId: order.id,
      userId: null,
      input: plain({ title: "南京地铁集团有限公司工会委员会" }),
    });
    expect(fixed).toEqual({ id: first.id, updated: true });
    const rows = await db.selectFrom("invoice_requests").selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ title: "南京地铁集团有限公司工会委员会", status: "requested" });

    expect((await adminInvoiceRequests(db, "requested")).map((r) => r.orderNumber)).toEqual([
      order.number,
    ]);

    const now = new Date();
    const issued = await issueInvoice(db, {
      requestId: first.id,
      invoiceNumber: "24320000000012345678",
      issuedOn: null,
      actor: { name: "平台管理员 周敏" },
      now,
    });
    expect(issued.amountFen).toBe(order.totalFen);
    const view = await orderInvoice(db, order.id);
    expect(view.request).toMatchObject({
      status: "issued",
      invoiceNumber: "24320000000012345678",
      amountFen: order.totalFen,
      issuedAt: now.toISOString(),
    });
    expect(view.open).toBe(false);
    expect(await adminInvoiceRequests(db, "requested")).toEqual([]);
    expect((await adminInvoiceRequests(db, "issued"))[0]).toMatchObject({
      amountFen: order.totalFen,
    });

    // the buyer is told once, in the order's language, whatever retries
    const sms = await db
      .selectFrom("outbox")
      .select("body")
      .where("body", "like", "%24320000000012345678%")
      .execute();
    expect(sms).toHaveLength(1);
    expect(sms[0]!.body).toContain("发票已开具");
    expect(
      await code(
        issueInvoice(db, {
          requestId: first.id,
          invoiceNumber: "99999999",
          issuedOn: null,
          actor: { name: "x" },
        }),
      ),
    ).toBe("invoices.errors.alreadyIssued");
    expect(
      await code(requestInvoice(db, { orderId: order.id, userId: null, input: plain() })),
    ).toBe("invoices.errors.alreadyIssued");
  });

  it("refuses unpaid orders, a missing tax number for an institution, a used invoice number and odd dates", async () => {
    const unpaid = await createOrder(db, [{ productId: yak, quantity: 1 }]);
    expect(
      await code(requestInvoice(db, { orderId: unpaid.id, userId: null, input: plain() })),
    ).toBe("invoices.errors.notPaid");

    const person = await createPaidOrder(db, [{ productId: yak, quantity: 1 }]);
    // a person's plain invoice may go without a tax number; a special one may not
    expect(
      await code(
        requestInvoice(db, {
          orderId: person.id,
          userId: null,
          input: plain({ title: "王小明", taxNumber: null }),
        }),
      ),
    ).toBe("ok");
    const org = await createPaidOrder(db, [{ productId: yak, quantity: 1 }], {
      input: { buyerType: "soe", orgName: "南京某国企", fundingSource: "welfare" },
    });
    expect(
      await code(
        requestInvoice(db, { orderId: org.id, userId: null, input: plain({ taxNumber: null }) }),
      ),
    ).toBe("invoices.errors.taxNumberNeeded");
    const orgRequest = await requestInvoice(db, { orderId: org.id, userId: null, input: plain() });
    const personRequest = await db
      .selectFrom("invoice_requests")
      .select("id")
      .where("order_id", "=", person.id)
      .executeTakeFirstOrThrow();

    await issueInvoice(db, {
      requestId: personRequest.id,
      invoiceNumber: "12345678",
      issuedOn: null,
      actor: { name: "a" },
    });
    expect(
      await code(
        issueInvoice(db, {
          requestId: orgRequest.id,
          invoiceNumber: "12345678",
          issuedOn: null,
          actor: { name: "a" },
        }),
      ),
    ).toBe("invoices.errors.numberUsed");
    expect(
      await code(
        issueInvoice(db, {
          requestId: orgRequest.id,
          invoiceNumber: "87654321",
          issuedOn: "2999-01-01",
          actor: { name: "a" },
        }),
      ),
    ).toBe("invoices.errors.issuedOn");
    expect(
      await code(
        issueInvoice(db, {
          requestId: orgRequest.id,
          invoiceNumber: "87654321",
          issuedOn: "2020-01-01",
          actor: { name: "a" },
        }),
      ),
    ).toBe("invoices.errors.issuedOn");
    expect(
      await code(
        issueInvoice(db, {
          requestId: 9999,
          invoiceNumber: "87654321",
          issuedOn: null,
          actor: { name: "a" },
        }),
      ),
    ).toBe("errors.notFound");
  });

  it("the amount is what was paid minus refunds; nothing left means no invoice", async () => {
    const order = await createPaidOrder(db, [{ productId: yak, quantity: 3 }]);
    const refund = (selection: Parameters<typeof requestRefund>[1]["selection"]) =>
      requestRefund(
        db,
        {
          orderId: order.id,
          selection,
          restock: false,
          reason: "包装破损，退一件",
          actor: { id: null, name: "admin" },
        },
        { gatewayFor: () => demoGateway },
      );
    const line = await db
      .selectFrom("order_lines")
      .select("id")
      .where("order_id", "=", order.id)
      .executeTakeFirstOrThrow();
    await refund({ mode: "lines", lines: [{ orderLineId: line.id, quantity: 1 }] });
    expect(await netPaidFen(db, order.id)).toBe(order.totalFen - 12800);
    const { id } = await requestInvoice(db, {
      orderId: order.id,
      userId: null,
      input: plain({ title: "王小明", taxNumber: null }),
    });
    expect((await adminInvoiceRequests(db, "requested"))[0]!.amountFen).toBe(
      order.totalFen - 12800,
    );

    await refund({ mode: "all" });
    expect(await netPaidFen(db, order.id)).toBe(0);
    expect(await adminInvoiceRequests(db, "requested")).toEqual([]);
    expect((await orderInvoice(db, order.id)).open).toBe(false);
    expect(
      await code(
        issueInvoice(db, {
          requestId: id,
          invoiceNumber: "12345678",
          issuedOn: null,
          actor: { name: "a" },
        }),
      ),
    ).toBe("invoices.errors.nothingToInvoice");
  });

  it("the checkout's invoice title becomes the first request when its tax number is right", async () => {
    const good = await createPaidOrder(db, [{ productId: yak, quantity: 1 }], {
      input: {
        buyerType: "gov_unit",
        orgName: "雨花台区机关事务管理中心",
        fundingSource: "canteen",
        invoiceTitle: "雨花台区机关事务管理中心",
        taxId: GOOD_TAX,
      },
    });
    const bad = await createPaidOrder(db, [{ productId: yak, quantity: 1 }], {
      input: {
        buyerType: "gov_unit",
        orgName: "雨花台区机关事务管理中心",
        fundingSource: "canteen",
        invoiceTitle: "雨花台区机关事务管理中心",
        taxId: "91350100M000100Y44",
      },
    });
    expect((await orderInvoice(db, good.id)).request).toMatchObject({
      kind: "plain",
      taxNumber: GOOD_TAX,
      status: "requested",
    });
    const offered = await orderInvoice(db, bad.id);
    expect(offered.request).toBeNull();
    expect(offered.open).toBe(true);
    expect(offered.defaults).toEqual({
      title: "雨花台区机关事务管理中心",
      taxNumber: "91350100M000100Y44",
    });
  });
});
