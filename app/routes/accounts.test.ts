import { beforeAll, describe, expect, it } from "vitest";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createUser, TEST_PASSWORD } from "#tests/factories/users";
import { Browser, call } from "#tests/http";
import { getDb } from "~/utils/db.server";
import * as account from "./account._index/route";
import * as cart from "./cart/route";
import * as checkout from "./checkout/route";
import * as forgot from "./forgot-password";
import * as login from "./login";
import * as logout from "./logout";
import * as orderPage from "./orders.$number/route";
import * as signup from "./signup";

let product: number;
beforeAll(async () => {
  const db = await getDb();
  const { datong } = await createBasicCatalog(db);
  product = await createProduct(db, { cooperativeId: datong, stock: 20 });
});

const shopperForm = {
  contactName: "王小明",
  phone: "13812345678",
  province: "江苏省",
  city: "南京市",
  district: "雨花台区",
  street: "软件大道 101 号",
  buyerType: "individual",
};

describe("sign up and sign in", () => {
  it("signs up, sets an httpOnly SameSite session cookie and sends a verification", async () => {
    const b = new Browser();
    const response = await call(
      signup.action,
      b.post("/signup", {
        login: "new@example.com",
        name: "新用户",
        password: "long enough",
        passwordConfirm: "long enough",
      }),
      {},
      b,
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/account?sent=1");
    const cookies = response.headers.getSetCookie().join("\n");
    expect(cookies).toMatch(/shanhai_session=[^;]+;.*HttpOnly/i);
    expect(cookies).toMatch(/shanhai_session=[^;]+;.*SameSite=Lax/i);
    const outbox = await (
      await getDb()
    )
      .selectFrom("outbox")
      .select(["to", "channel"])
      .where("to", "=", "new@example.com")
      .execute();
    expect(outbox).toEqual([{ to: "new@example.com", channel: "email" }]);
    const page = await call(account.loader, b.get("/account"), {}, b);
    expect(page.status).toBe(200);
  });

  it("keeps the typed values and explains each mistake", async () => {
    const b = new Browser();
    const bad = await call(
      signup.action,
      b.post("/signup", {
        login: "not a login",
        name: "",
        password: "short",
        passwordConfirm: "other",
      }),
      {},
      b,
    );
    expect(bad.status).toBe(400);
    const data = (await bad.json()) as {
      errors: Record<string, string>;
      values: Record<string, string>;
    };
    expect(data.errors).toMatchObject({
      name: "auth.errors.name",
      password: "auth.errors.password",
    });
    expect(data.values.login).toBe("not a login");
    expect(data.values).not.toHaveProperty("password");
    await createUser(await getDb(), { email: "dup@example.com" });
    const dup = await call(
      signup.action,
      b.post("/signup", {
        login: "dup@example.com",
        name: "重",
        password: "long enough",
        passwordConfirm: "long enough",
      }),
      {},
      b,
    );
    expect(dup.status).toBe(409);
    expect(((await dup.json()) as { errors: Record<string, string> }).errors.login).toBe(
      "auth.errors.taken",
    );
  });

  it("says wrong password without a 500, and only redirects within the site", async () => {
    await createUser(await getDb(), { email: "login@example.com" });
    const b = new Browser();
    const wrong = await call(
      login.action,
      b.post("/login", { login: "login@example.com", password: "nope" }),
      {},
      b,
    );
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({
      formError: "auth.errors.wrongPassword",
      values: { login: "login@example.com" },
    });
    const ok = await call(
      login.action,
      b.post("/login", {
        login: "login@example.com",
        password: TEST_PASSWORD,
        redirectTo: "https://evil.example/",
      }),
      {},
      b,
    );
    expect(ok.headers.get("Location")).toBe("/account");
    const back = await call(
      login.action,
      new Browser().post("/login", {
        login: "login@example.com",
        password: TEST_PASSWORD,
        redirectTo: "/checkout",
      }),
    );
    expect(back.headers.get("Location")).toBe("/checkout");
  });

  it("sends anonymous visitors of /account to log in and back", async () => {
    const response = await call(account.loader, new Browser().get("/account"));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/login?redirectTo=%2Faccount");
  });

  it("rotates the session at login and ends it at logout", async () => {
    await createUser(await getDb(), { email: "rotate@example.com" });
    const b = new Browser();
    await call(
      login.action,
      b.post("/login", { login: "rotate@example.com", password: TEST_PASSWORD }),
      {},
      b,
    );
    const first = b.cookies.get("shanhai_session");
    await call(
      login.action,
      b.post("/login", { login: "rotate@example.com", password: TEST_PASSWORD }),
      {},
      b,
    );
    const second = b.cookies.get("shanhai_session");
    expect(second).not.toBe(first);
    const stale = new Browser();
    stale.cookies.set("shanhai_session", first!);
    expect((await call(account.loader, stale.get("/account"))).status).toBe(302);
    await call(logout.action, b.post("/logout", {}), {}, b);
    expect((await call(account.loader, b.get("/account"))).status).toBe(302);
  });

  it("logs out everywhere", async () => {
    await createUser(await getDb(), { email: "every@example.com" });
    const phone = new Browser();
    const laptop = new Browser();
    await call(
      login.action,
      phone.post("/login", { login: "every@example.com", password: TEST_PASSWORD }),
      {},
      phone,
    );
    await call(
      login.action,
      laptop.post("/login", { login: "every@example.com", password: TEST_PASSWORD }),
      {},
      laptop,
    );
    const out = await call(
      account.action,
      laptop.post("/account", { intent: "logoutAll" }),
      {},
      laptop,
    );
    expect(out.headers.get("Location")).toBe("/login?everywhere=1");
    expect((await call(account.loader, phone.get("/account"))).status).toBe(302);
  });
});

describe("cart and orders follow the person", () => {
  it("merges the guest cart at login and lists the orders placed while signed in", async () => {
    const db = await getDb();
    await createUser(db, { email: "buyer@example.com" });
    const b = new Browser();
    await call(
      cart.action,
      b.post("/cart", { intent: "add", productId: product, quantity: 2 }),
      {},
      b,
    );
    await call(
      login.action,
      b.post("/login", { login: "buyer@example.com", password: TEST_PASSWORD }),
      {},
      b,
    );
    const view = (await (await call(cart.loader, b.get("/cart"), {}, b)).json()) as {
      lines: Array<{ quantity: number }>;
    };
    expect(view.lines.map((l) => l.quantity)).toEqual([2]);

    const placed = await call(checkout.action, b.post("/checkout", shopperForm), {}, b);
    const number = new URL(placed.headers.get("Location")!, "http://x").pathname.split("/").pop()!;
    const mine = (await (await call(account.loader, b.get("/account"), {}, b)).json()) as {
      orders: Array<{ number: string }>;
    };
    expect(mine.orders.map((o) => o.number)).toEqual([number]);

    // the owner sees the order from a new device without the link
    const other = new Browser();
    await call(
      login.action,
      other.post("/login", { login: "buyer@example.com", password: TEST_PASSWORD }),
      {},
      other,
    );
    expect(
      (await call(orderPage.loader, other.get(`/orders/${number}`), { number }, other)).status,
    ).toBe(200);
    // the account keeps one cart, emptied by the order, on every device
    const count = (await (await call(cart.loader, other.get("/cart"), {}, other)).json()) as {
      lines: unknown[];
    };
    expect(count.lines).toEqual([]);
  });
});

describe("links sent to people", () => {
  it("point at the store's own address, never at the request's Host header", async () => {
    const db = await getDb();
    await createUser(db, { email: "victim@example.com" });
    const response = await call(
      forgot.action,
      // what the server builds from a request sent with `Host: evil.example`
      new Request("http://evil.example/forgot-password", {
        method: "POST",
        body: new URLSearchParams({ login: "victim@example.com" }),
        headers: {
          Origin: "http://evil.example",
          "Content-Type": "application/x-www-form-urlencoded",
        },
      }),
    );
    expect(response.status).toBe(200);
    const mail = await db
      .selectFrom("outbox")
      .select("body")
      .where("to", "=", "victim@example.com")
      .executeTakeFirstOrThrow();
    expect(mail.body).not.toContain("evil.example");
    expect(mail.body).toContain("http://shop.test/reset-password?token=");
  });

  it("sends a login with a tab or backslash trick in redirectTo home", async () => {
    const db = await getDb();
    await createUser(db, { email: "tabs@example.com" });
    for (const redirectTo of [
      "/\t/evil.example",
      "/\t\\evil.example",
      "/\n/evil.example",
      "/牦牛",
    ]) {
      const response = await call(
        login.action,
        new Browser().post("/login", {
          login: "tabs@example.com",
          password: TEST_PASSWORD,
          redirectTo,
        }),
      );
      expect(response.status, JSON.stringify(redirectTo)).toBe(302);
      expect(response.headers.get("Location")).toBe("/account");
    }
  });
});
