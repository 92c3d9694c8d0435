// The address book, order history and password pages, called as Remix calls them: who may
// use them, and what each does with good and bad input.
import { beforeAll, describe, expect, it } from "vitest";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createInstitutionWith } from "#tests/factories/institutions";
import { createUserWithSession, TEST_PASSWORD } from "#tests/factories/users";
import { Browser, call } from "#tests/http";
import { createAddress, listAddresses } from "~/domain/account/addresses.server";
import { sessionUser } from "~/domain/auth/accounts.server";
import { getDb } from "~/utils/db.server";
import { sessionCookie } from "~/utils/session.server";
import * as addressEdit from "./account.addresses.$id";
import * as addresses from "./account.addresses._index";
import * as addressNew from "./account.addresses.new";
import * as orders from "./account.orders";
import * as password from "./account.password";
import * as regions from "./account.regions";
import * as cart from "./cart/route";
import * as checkout from "./checkout/route";

let product: number;
beforeAll(async () => {
  const db = await getDb();
  const { datong } = await createBasicCatalog(db);
  product = await createProduct(db, { cooperativeId: datong, stock: 100 });
});

/** A browser signed in as a new shopper. */
async function shopper() {
  const db = await getDb();
  const session = await createUserWithSession(db, { role: "shopper", phone: null });
  const b = new Browser();
  const [pair] = (await sessionCookie().serialize(session.token)).split(";");
  const eq = pair!.indexOf("=");
  b.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  return { b, ...session };
}

const nanjing = {
  recipient: "王小明",
  phone: "13812345678",
  provinceCode: "32",
  cityCode: "3201",
  districtCode: "320115",
  street: "双龙大道 1 号",
};

const ROUTES = [
  { name: "addresses", module: addresses, path: "/account/addresses", params: {} },
  { name: "new address", module: addressNew, path: "/account/addresses/new", params: {} },
  { name: "edit address", module: addressEdit, path: "/account/addresses/1", params: { id: "1" } },
  { name: "orders", module: orders, path: "/account/orders", params: {} },
  { name: "password", module: password, path: "/account/password", params: {} },
  { name: "regions", module: regions, path: "/account/regions?province=32", params: {} },
] as const;

describe("who may use the account pages", () => {
  for (const route of ROUTES) {
    it(`${route.name}: a visitor is sent to log in`, async () => {
      const b = new Browser();
      const got = await call(route.module.loader, b.get(route.path), route.params);
      expect(got.status).toBe(302);
      expect(got.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
      if ("action" in route.module) {
        const posted = await call(route.module.action, b.post(route.path, {}), route.params);
        expect(posted.status).toBe(302);
        expect(posted.headers.get("Location")).toMatch(/^\/login/);
      }
    });
  }

  it("refuses another site's form posts", async () => {
    const { b } = await shopper();
    const request = b.post("/account/addresses/new", nanjing, { Origin: "https://evil.example" });
    const got = await call(addressNew.action, request);
    expect(got.status).toBe(403);
    expect(await listAddresses(await getDb(), 0)).toEqual([]);
  });

  it("shows and changes only the shopper's own addresses", async () => {
    const db = await getDb();
    const mine = await shopper();
    const theirs = await shopper();
    const id = await createAddress(db, theirs.userId, { ...nanjing, isDefault: false });
    const params = { id: String(id) };
    const path = `/account/addresses/${id}`;
    expect((await call(addressEdit.loader, mine.b.get(path), params)).status).toBe(404);
    expect((await call(addressEdit.action, mine.b.post(path, nanjing), params)).status).toBe(404);
    const deleting = mine.b.post("/account/addresses", { intent: "delete", addressId: id });
    expect((await call(addresses.action, deleting)).status).toBe(404);
    expect((await listAddresses(db, theirs.userId)).length).toBe(1);
  });
});

describe("the address pages", () => {
  it("adds, lists, edits and deletes an address", async () => {
    const db = await getDb();
    const { b, userId } = await shopper();
    const added = await call(addressNew.action, b.post("/account/addresses/new", nanjing));
    expect(added.status).toBe(302);
    expect(added.headers.get("Location")).toBe("/account/addresses?done=saved");
    const list = await (await call(addresses.loader, b.get("/account/addresses"))).json();
    expect(list.addresses).toMatchObject([{ district: "江宁区", isDefault: true }]);
    const id = String(list.addresses[0].id);
    const edited = await call(
      addressEdit.action,
      b.post(`/account/addresses/${id}`, { ...nanjing, districtCode: "320102" }),
      { id },
    );
    expect(edited.status).toBe(302);
    expect((await listAddresses(db, userId))[0]!.district).toBe("玄武区");
    const deleting = b.post("/account/addresses", { intent: "delete", addressId: id });
    expect((await call(addresses.action, deleting)).status).toBe(302);
    expect(await listAddresses(db, userId)).toEqual([]);
  });

  it("keeps the typing and names the field when the district is not the city's", async () => {
    const { b, userId } = await shopper();
    const bad = { ...nanjing, cityCode: "3205" };
    const got = await call(addressNew.action, b.post("/account/addresses/new", bad));
    expect(got.status).toBe(400);
    const body = await got.json();
    expect(body.errors).toEqual({ districtCode: "accountBook.errors.district" });
    expect(body.values).toMatchObject({ recipient: "王小明", street: "双龙大道 1 号" });
    expect(body.picker.cityCode).toBe("3205");
    expect(await listAddresses(await getDb(), userId)).toEqual([]);
  });

  it("without JavaScript, shows another province's cities and saves nothing", async () => {
    const { b, userId } = await shopper();
    const form = { ...nanjing, provinceCode: "63", intent: "region" };
    const got = await call(addressNew.action, b.post("/account/addresses/new", form));
    expect(got.status).toBe(200);
    const body = await got.json();
    expect(body.picker).toMatchObject({ provinceCode: "63", cityCode: "", districtCode: "" });
    expect(body.picker.cities[0].name).toBe("西宁市");
    expect(body.values.recipient).toBe("王小明");
    expect(await listAddresses(await getDb(), userId)).toEqual([]);
  });

  it("answers one province's cities and districts, nothing for a bad code", async () => {
    const { b } = await shopper();
    const got = await call(regions.loader, b.get("/account/regions?province=63"));
    expect(got.status).toBe(200);
    const body = await got.json();
    expect(body.cities[0]).toMatchObject({ code: "6301", name: "西宁市" });
    expect(body.cities[0].districts.map((d: { name: string }) => d.name)).toContain("湟中区");
    expect((await call(regions.loader, b.get("/account/regions?province=x"))).status).toBe(404);
  });
});

describe("checkout with the address book", () => {
  async function cartOf(b: Browser) {
    await call(
      cart.action,
      b.post("/cart", { intent: "add", productId: product, quantity: 1 }),
      {},
      b,
    );
  }
  const orderOf = async (response: Response) => {
    const number = new URL(response.headers.get("Location")!, "http://x").pathname
      .split("/")
      .pop()!;
    return (await getDb())
      .selectFrom("orders")
      .select(["contact_name", "phone", "district", "street", "number"])
      .where("number", "=", number)
      .executeTakeFirst();
  };

  it("offers the saved addresses, the default first, and places the order with the picked one", async () => {
    const db = await getDb();
    const { b, userId } = await shopper();
    await createAddress(db, userId, { ...nanjing, isDefault: true });
    const other = await createAddress(db, userId, {
      ...nanjing,
      recipient: "李妈妈",
      phone: "13900001111",
      districtCode: "320106",
      street: "中山北路 8 号",
      isDefault: false,
    });
    await cartOf(b);
    const page = await (await call(checkout.loader, b.get("/checkout"), {}, b)).json();
    expect(page.savedAddresses.map((a: { isDefault: boolean }) => a.isDefault)).toEqual([
      true,
      false,
    ]);
    // the typed fields are ignored for a picked address: the server fills them
    const placed = await call(
      checkout.action,
      b.post("/checkout", { addressId: other, buyerType: "individual", contactName: "x" }),
      {},
      b,
    );
    expect(placed.status).toBe(302);
    expect(await orderOf(placed)).toMatchObject({
      contact_name: "李妈妈",
      phone: "13900001111",
      district: "鼓楼区",
      street: "中山北路 8 号",
    });
  });

  it("refuses someone else's address id without placing an order", async () => {
    const db = await getDb();
    const { b } = await shopper();
    const theirs = await shopper();
    const id = await createAddress(db, theirs.userId, { ...nanjing, isDefault: false });
    await cartOf(b);
    const got = await call(
      checkout.action,
      b.post("/checkout", { addressId: id, buyerType: "individual" }),
      {},
      b,
    );
    expect(got.status).toBe(400);
    expect((await got.json()).errors).toEqual({ addressId: "accountBook.errors.addressGone" });
  });

  it("saves a typed address to the book when asked, and refuses names it cannot place", async () => {
    const db = await getDb();
    const { b, userId } = await shopper();
    await cartOf(b);
    const typed = {
      addressId: "new",
      contactName: "王小明",
      phone: "13812345678",
      province: "江苏省",
      city: "南京市",
      district: "雨花台区",
      street: "软件大道 101 号",
      buyerType: "individual",
      saveAddress: "1",
    };
    const unknown = await call(
      checkout.action,
      b.post("/checkout", { ...typed, district: "月亮区" }),
      {},
      b,
    );
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).errors).toEqual({
      district: "accountBook.errors.notInRegionList",
    });
    expect(await listAddresses(db, userId)).toEqual([]);
    const placed = await call(checkout.action, b.post("/checkout", typed), {}, b);
    expect(placed.status).toBe(302);
    expect(await listAddresses(db, userId)).toMatchObject([
      { districtCode: "320114", street: "软件大道 101 号", isDefault: true },
    ]);
  });
});

describe("checkout for an institution", () => {
  const typed = {
    addressId: "new",
    contactName: "李会计",
    phone: "13812345678",
    province: "江苏省",
    city: "南京市",
    district: "雨花台区",
    street: "雨花大道 2 号",
    buyerType: "individual",
  };

  it("offers a purchaser their institution, and the order takes the institution's profile", async () => {
    const db = await getDb();
    const { b, userId } = await shopper();
    const { institutionId } = await createInstitutionWith(db, {
      adminId: userId,
      name: "雨花台区机关事务管理局",
      type: "gov_unit",
    });
    await call(
      cart.action,
      b.post("/cart", { intent: "add", productId: product, quantity: 1 }),
      {},
      b,
    );
    const page = await (await call(checkout.loader, b.get("/checkout"), {}, b)).json();
    expect(page.institution).toEqual({ name: "雨花台区机关事务管理局", type: "gov_unit" });
    const placed = await call(
      checkout.action,
      b.post("/checkout", { ...typed, buyAs: "institution", orgName: "别的名字" }),
      {},
      b,
    );
    expect(placed.status).toBe(302);
    const number = new URL(placed.headers.get("Location")!, "http://x").pathname.split("/").pop()!;
    expect(
      await db
        .selectFrom("orders")
        .select(["institution_id", "buyer_type", "org_name"])
        .where("number", "=", number)
        .executeTakeFirst(),
    ).toEqual({
      institution_id: institutionId,
      buyer_type: "gov_unit",
      org_name: "雨花台区机关事务管理局",
    });
  });

  it("refuses to order for an institution the buyer does not belong to, keeping the typing", async () => {
    const db = await getDb();
    const { b } = await shopper();
    await call(
      cart.action,
      b.post("/cart", { intent: "add", productId: product, quantity: 1 }),
      {},
      b,
    );
    const page = await (await call(checkout.loader, b.get("/checkout"), {}, b)).json();
    expect(page.institution).toBeNull();
    const before = await db.selectFrom("orders").select("id").execute();
    const got = await call(
      checkout.action,
      b.post("/checkout", { ...typed, buyAs: "institution" }),
      {},
      b,
    );
    expect(got.status).toBe(400);
    expect(await got.json()).toMatchObject({
      formError: "institutions.errors.notMember",
      values: { street: "雨花大道 2 号" },
    });
    expect(await db.selectFrom("orders").select("id").execute()).toEqual(before);
  });
});

describe("the password page and the order history", () => {
  it("changes the password and ends the other sessions, keeping this one", async () => {
    const db = await getDb();
    const { b, userId, token } = await shopper();
    const { createSession } = await import("~/domain/auth/accounts.server");
    const elsewhere = await createSession(db, userId, "old phone");
    const wrong = await call(
      password.action,
      b.post("/account/password", {
        intent: "change",
        currentPassword: "nope nope",
        newPassword: "fresh password",
        passwordConfirm: "fresh password",
        logoutOthers: "1",
      }),
    );
    expect(wrong.status).toBe(400);
    const wrongBody = await wrong.json();
    expect(wrongBody.errors).toEqual({ currentPassword: "accountBook.errors.wrongPassword" });
    expect(JSON.stringify(wrongBody)).not.toContain("fresh password");
    const changed = await call(
      password.action,
      b.post("/account/password", {
        intent: "change",
        currentPassword: TEST_PASSWORD,
        newPassword: "fresh password",
        passwordConfirm: "fresh password",
        logoutOthers: "1",
      }),
    );
    expect(changed.status).toBe(200);
    expect(await changed.json()).toEqual({
      notice: "accountBook.password.changedOthers",
      count: 1,
    });
    expect(await sessionUser(db, token)).not.toBeNull();
    expect(await sessionUser(db, elsewhere.token)).toBeNull();
  });

  it("lists a tab's orders by a GET link", async () => {
    const { b } = await shopper();
    await call(
      cart.action,
      b.post("/cart", { intent: "add", productId: product, quantity: 1 }),
      {},
      b,
    );
    await call(
      checkout.action,
      b.post("/checkout", {
        contactName: "王小明",
        phone: "13812345678",
        province: "江苏省",
        city: "南京市",
        district: "雨花台区",
        street: "软件大道 101 号",
        buyerType: "individual",
      }),
      {},
      b,
    );
    const unpaid = await (await call(orders.loader, b.get("/account/orders?tab=unpaid"))).json();
    expect(unpaid).toMatchObject({ tab: "unpaid", total: 1 });
    const toShip = await (await call(orders.loader, b.get("/account/orders?tab=toShip"))).json();
    expect(toShip.total).toBe(0);
    const odd = await (await call(orders.loader, b.get("/account/orders?tab=zz&page=abc"))).json();
    expect(odd).toMatchObject({ tab: "all", page: 1, total: 1 });
  });
});
