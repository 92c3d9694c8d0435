// Route tests for invoices and purchase vouchers: the buyer asks on their own order page
// (guest link too), nobody else's order opens, the admin's page is the admin's alone, bad
// input comes back with what was typed, and the voucher's code checks on the public page.
import { beforeAll, describe, expect, it } from "vitest";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createOrder, createPaidOrder } from "#tests/factories/orders";
import { createUserWithSession } from "#tests/factories/users";
import { Browser, call, browserWithSession } from "#tests/http";
import { getDb } from "~/utils/db.server";
import * as adminInvoices from "./admin.invoices";
import * as orderPage from "./orders.$number/route";
import * as voucherPage from "./orders.$number_.voucher";
import * as verifyPage from "./vouchers.verify";

const GOOD_TAX = "91350100M000100Y43";
let yak: number;
let buyer: Browser;
let buyerId: number;
let stranger: Browser;
let admin: Browser;

async function signedIn(options: Parameters<typeof createUserWithSession>[1]) {
  const { token, userId } = await createUserWithSession(await getDb(), options);
  const browser = await browserWithSession(token);
  return { browser, userId };
}

type Body = Record<string, unknown> & {
  errors?: Record<string, string>;
  values?: Record<string, string>;
  formError?: string;
  invoice?: { request: Record<string, unknown> | null; open: boolean };
  voucher?: Record<string, unknown> & { code: string };
  result?: Record<string, unknown> | null;
};
const body = async (response: Response) => (await response.json()) as Body;

beforeAll(async () => {
  const db = await getDb();
  const coops = await createBasicCatalog(db);
  yak = await createProduct(db, { cooperativeId: coops.datong, priceFen: 12800, stock: 100 });
  ({ browser: buyer, userId: buyerId } = await signedIn({ role: "shopper" }));
  stranger = (await signedIn({ role: "shopper" })).browser;
  admin = (await signedIn({ role: "admin", name: "平台管理员 周敏" })).browser;
});

const special = {
  intent: "invoice",
  kind: "special",
  title: "南京地铁集团有限公司工会委员会",
  taxNumber: GOOD_TAX,
  registeredAddress: "南京市玄武区中山路 228 号",
  registeredPhone: "025-84780000",
  bankName: "中国工商银行南京新街口支行",
  bankAccount: "4301011109001234567",
};

describe("invoice requests through the pages", () => {
  it("the buyer asks, corrects, the admin issues, the buyer sees the number", async () => {
    const db = await getDb();
    const order = await createPaidOrder(db, [{ productId: yak, quantity: 2 }], {
      userId: buyerId,
      input: { buyerType: "union", orgName: "南京地铁集团工会", fundingSource: "union_funds" },
    });
    const path = `/orders/${order.number}`;
    const params = { number: order.number };

    // a special invoice without its details: 400, messages beside the fields, input kept
    const bad = await call(
      orderPage.action,
      buyer.post(path, { ...special, taxNumber: "91350100M000100Y44", bankAccount: "" }),
      params,
    );
    expect(bad.status).toBe(400);
    const badReply = await body(bad);
    expect(badReply.errors).toEqual({
      taxNumber: "invoices.errors.taxNumberCheck",
      bankAccount: "invoices.errors.bankAccount",
    });
    expect(badReply.values).toMatchObject({
      title: special.title,
      taxNumber: "91350100M000100Y44",
      registeredAddress: special.registeredAddress,
    });
    expect(badReply.form).toBe("invoice");

    const sent = await call(orderPage.action, buyer.post(path, special), params);
    expect(sent.status).toBe(302);
    expect(sent.headers.get("Location")).toBe(`${path}?invoice=sent#invoice`);
    const fixed = await call(
      orderPage.action,
      buyer.post(path, { ...special, title: "南京地铁集团工会委员会" }),
      params,
    );
    expect(fixed.headers.get("Location")).toBe(`${path}?invoice=updated#invoice`);

    // someone else cannot ask on this order
    const foreign = await call(orderPage.action, stranger.post(path, special), params);
    expect(foreign.status).toBe(404);

    // the admin's list; nobody else's
    for (const who of [buyer, stranger]) {
      const denied = await call(adminInvoices.loader, who.get("/admin/invoices"), {});
      expect([302, 403, 404]).toContain(denied.status);
    }
    const list = await body(await call(adminInvoices.loader, admin.get("/admin/invoices"), {}));
    const row = (list.requests as Array<Record<string, unknown>>).find(
      (r) => r.orderNumber === order.number,
    )!;
    expect(row).toMatchObject({ kind: "special", title: "南京地铁集团工会委员会" });
    const deniedIssue = await call(
      adminInvoices.action,
      buyer.post("/admin/invoices", {
        requestId: String(row.id),
        invoiceNumber: "24320000000000000001",
      }),
      {},
    );
    expect([302, 403, 404]).toContain(deniedIssue.status);

    const badIssue = await call(
      adminInvoices.action,
      admin.post("/admin/invoices", { requestId: String(row.id), invoiceNumber: "12-ab" }),
      {},
    );
    expect(badIssue.status).toBe(400);
    expect(await body(badIssue)).toMatchObject({
      errors: { invoiceNumber: "invoices.errors.invoiceNumber" },
      values: { invoiceNumber: "12-ab" },
    });
    const issued = await call(
      adminInvoices.action,
      admin.post("/admin/invoices", {
        requestId: String(row.id),
        invoiceNumber: "24320000000000000001",
        issuedOn: "",
      }),
      {},
    );
    expect(issued.status).toBe(302);

    const view = await body(await call(orderPage.loader, buyer.get(path), params));
    expect(view.invoice).toMatchObject({
      open: false,
      request: {
        status: "issued",
        invoiceNumber: "24320000000000000001",
        amountFen: order.totalFen,
      },
    });
    const late = await call(orderPage.action, buyer.post(path, special), params);
    expect(late.status).toBe(409);
    expect((await body(late)).formError).toBe("invoices.errors.alreadyIssued");
  });

  it("an unpaid order offers no invoice and refuses one", async () => {
    const db = await getDb();
    const order = await createOrder(db, [{ productId: yak, quantity: 1 }], { userId: buyerId });
    const params = { number: order.number };
    const view = await body(
      await call(orderPage.loader, buyer.get(`/orders/${order.number}`), params),
    );
    expect(view.invoice).toMatchObject({ open: false, request: null });
    const refused = await call(
      orderPage.action,
      buyer.post(`/orders/${order.number}`, special),
      params,
    );
    expect(refused.status).toBe(409);
    expect(
      await call(voucherPage.loader, buyer.get(`/orders/${order.number}/voucher`), params),
    ).toMatchObject({
      status: 404,
    });
  });
});

describe("purchase voucher pages", () => {
  it("the owner and the guest link open it; nobody else; its code checks publicly", async () => {
    const db = await getDb();
    const mine = await createPaidOrder(db, [{ productId: yak, quantity: 1 }], { userId: buyerId });
    const guestOrder = await createPaidOrder(db, [{ productId: yak, quantity: 3 }]);

    const path = `/orders/${mine.number}/voucher`;
    const own = await call(voucherPage.loader, buyer.get(path), { number: mine.number });
    expect(own.status).toBe(200);
    const { voucher } = await body(own);
    expect(voucher).toMatchObject({ orderNumber: mine.number, netFen: mine.totalFen });

    expect(
      (await call(voucherPage.loader, stranger.get(path), { number: mine.number })).status,
    ).toBe(404);
    expect(
      (await call(voucherPage.loader, new Browser().get(path), { number: mine.number })).status,
    ).toBe(404);
    const guestPath = `/orders/${guestOrder.number}/voucher`;
    const guest = new Browser();
    expect(
      (
        await call(voucherPage.loader, guest.get(`${guestPath}?t=${guestOrder.accessToken}`), {
          number: guestOrder.number,
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(voucherPage.loader, guest.get(`${guestPath}?t=wrong-token`), {
          number: guestOrder.number,
        })
      ).status,
    ).toBe(404);

    const check = (query: string) =>
      call(verifyPage.loader, new Browser().get(`/vouchers/verify?${query}`), {});
    const blank = await body(await check(""));
    expect(blank.result).toBeNull();
    const ok = await check(
      `number=${mine.number.toLowerCase()}&code=${encodeURIComponent(voucher!.code)}`,
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Cache-Control")).toBe("private, no-store");
    const okBody = await body(ok);
    expect(okBody.result).toMatchObject({ matches: true, netFen: mine.totalFen });
    // the buyer's name, phone (whole or masked) and street; not a bare "138", which a
    // timestamp's milliseconds can hold
    expect(JSON.stringify(okBody.result)).not.toMatch(/王小明|13812345678|138\*+5678|软件大道/);
    const wrong = await body(await check(`number=${mine.number}&code=AAAAA-AAAAA`));
    expect(wrong.result).toEqual({ matches: false });
    const empty = await check(`number=${mine.number}&code=%00`);
    expect(empty.status).toBe(200);
    const emptyBody = await body(empty);
    expect(emptyBody.errors).toHaveProperty("code");
    expect(emptyBody.values).toMatchObject({ number: mine.number });
  });
});
