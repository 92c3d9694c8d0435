// Route tests for the counters as public places (ADR 047): /counters, the product page's
// "collect in person at", and the admin opening a counter clerk's account.
import { beforeAll, describe, expect, it } from "vitest";
import { createBasicCatalog, createProduct } from "#tests/factories/catalog";
import { createCounter, stockCounter } from "#tests/factories/counters";
import { createUserWithSession } from "#tests/factories/users";
import { BASE, Browser, call } from "#tests/http";
import { getDb } from "~/utils/db.server";
import { sessionCookie } from "~/utils/session.server";
import * as adminUsers from "./admin.users/route";
import * as counters from "./counters";
import * as product from "./products.$slug/route";

let coops: { datong: number; huangzhong: number };
let qinhuai: number;
let hall: number;

beforeAll(async () => {
  const db = await getDb();
  coops = await createBasicCatalog(db);
  const jerky = await createProduct(db, {
    cooperativeId: coops.datong,
    slug: "counter-jerky",
    nameZh: "牦牛肉干",
    priceFen: 6800,
  });
  const milk = await createProduct(db, { cooperativeId: coops.huangzhong, slug: "counter-milk" });
  await createProduct(db, { cooperativeId: coops.datong, slug: "counter-none" });
  hall = await createCounter(db, { slug: "hall", nameZh: "体验馆", sort: 2 });
  qinhuai = await createCounter(db, {
    slug: "qinhuai",
    nameZh: "绿色有机青海专柜",
    mapUrl: "https://uri.amap.com/search?keyword=qinhuai",
    sort: 1,
  });
  await stockCounter(db, qinhuai, jerky, 40);
  await stockCounter(db, qinhuai, milk, 0);
  await stockCounter(db, hall, milk, 2);
  await stockCounter(db, hall, jerky, 1);
});

async function signedIn(role: "admin") {
  const { token } = await createUserWithSession(await getDb(), { role });
  const pair = (await sessionCookie().serialize(token)).split(";")[0]!;
  const b = new Browser();
  b.cookies.set(pair.slice(0, pair.indexOf("=")), pair.slice(pair.indexOf("=") + 1));
  return b;
}

type CountersData = {
  counters: Array<{
    slug: string;
    name: string;
    mapUrl: string;
    shelf: Array<{ slug: string; name: string; priceFen: number; fewLeft: number | null }>;
  }>;
};

describe("/counters", () => {
  it("shows both counters in order, each with only what it has now, to anyone, shareably", async () => {
    const response = await call(counters.loader, new Browser().get("/counters"));
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toMatch(/^public/);
    const data = (await response.json()) as CountersData;
    expect(data.counters.map((c) => c.slug)).toEqual(["qinhuai", "hall"]);
    const [first, second] = data.counters;
    expect(first).toMatchObject({
      name: "绿色有机青海专柜",
      mapUrl: "https://uri.amap.com/search?keyword=qinhuai",
    });
    expect(first!.shelf).toEqual([
      { slug: "counter-jerky", name: "牦牛肉干", unit: "1 件", priceFen: 6800, fewLeft: null },
    ]);
    expect(second!.shelf.map((s) => [s.slug, s.fewLeft])).toEqual([
      ["counter-jerky", 1],
      ["counter-milk", 2],
    ]);
    // the exact count of a well-stocked shelf never reaches the shared page
    expect(JSON.stringify(data)).not.toContain("40");
  });

  it("is a page the cache may keep, watched by the catalogue's version", () => {
    expect(counters.handle.pageCache).toEqual(["catalogue"]);
  });
});

describe("the product page's counters", () => {
  const countersOf = async (slug: string) => {
    const response = await call(product.loader, new Browser().get(`/products/${slug}`), { slug });
    return ((await response.json()) as { counters: Array<{ slug: string; name: string }> })
      .counters;
  };

  it("names the counters that have the product now, and not those without", async () => {
    expect(await countersOf("counter-jerky")).toEqual([
      { slug: "qinhuai", name: "绿色有机青海专柜" },
      { slug: "hall", name: "体验馆" },
    ]);
    expect(await countersOf("counter-milk")).toEqual([{ slug: "hall", name: "体验馆" }]);
    expect(await countersOf("counter-none")).toEqual([]);
  });
});

describe("the admin opens a counter clerk's account", () => {
  const form = (extra: Record<string, string>) => ({
    intent: "create",
    name: "专柜店员 王芳",
    role: "counter_staff",
    password: "counter-2026",
    ...extra,
  });

  it("binds the new clerk to the chosen counter and lists the counter with them", async () => {
    const admin = await signedIn("admin");
    const loaded = (await (await call(adminUsers.loader, admin.get("/admin/users"))).json()) as {
      counters: Array<{ id: number; name: string }>;
    };
    expect(loaded.counters.map((c) => c.id)).toEqual([qinhuai, hall]);
    const response = await call(
      adminUsers.action,
      admin.post(
        "/admin/users",
        form({ login: "wang.fang@example.com", counterId: String(qinhuai) }),
      ),
    );
    expect(response.status).toBe(302);
    const userId = Number(
      new URL(response.headers.get("Location")!, BASE).searchParams.get("created"),
    );
    const db = await getDb();
    expect(
      await db
        .selectFrom("counter_staff")
        .select("counter_id")
        .where("user_id", "=", userId)
        .execute(),
    ).toEqual([{ counter_id: qinhuai }]);
    const list = (await (await call(adminUsers.loader, admin.get("/admin/users"))).json()) as {
      staff: Array<{ id: number; counter: string | null }>;
    };
    expect(list.staff.find((s) => s.id === userId)?.counter).toBe("绿色有机青海专柜");
  });

  it("refuses a clerk without a counter, beside the field, keeping what was typed", async () => {
    const admin = await signedIn("admin");
    const response = await call(
      adminUsers.action,
      admin.post("/admin/users", form({ login: "no.counter@example.com", counterId: "" })),
    );
    expect(response.status).toBe(400);
    const reply = (await response.json()) as {
      errors: Record<string, string>;
      values: Record<string, string>;
    };
    expect(reply.errors).toEqual({ counterId: "admin.errors.counterRequired" });
    expect(reply.values).toMatchObject({
      login: "no.counter@example.com",
      name: "专柜店员 王芳",
      role: "counter_staff",
      intent: "create",
    });
    expect(JSON.stringify(reply)).not.toContain("counter-2026");
    const db = await getDb();
    const made = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "no.counter@example.com")
      .execute();
    expect(made).toEqual([]);
  });

  it("refuses a counter that is gone, keeping the choice", async () => {
    const admin = await signedIn("admin");
    const response = await call(
      adminUsers.action,
      admin.post("/admin/users", form({ login: "gone@example.com", counterId: "99999" })),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      errors: { counterId: "admin.errors.counterMissing" },
      values: { login: "gone@example.com", counterId: "99999" },
    });
  });
});
