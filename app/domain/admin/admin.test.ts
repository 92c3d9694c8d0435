import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "#db/connection";
import { freshDb } from "#tests/db";
import { createBasicCatalog, createCounty, createProduct } from "#tests/factories/catalog";
import { createCounter } from "#tests/factories/counters";
import { createUser } from "#tests/factories/users";
import { authenticate, managedCooperatives } from "../auth/accounts.server";
import { DomainError } from "../errors";
import { cooperativeSchema, membershipSchema, parseStaffForm } from "./admin-input";
import {
  adminOverview,
  assignManager,
  createCooperative,
  createStaffAccount,
  listCooperativesForAdmin,
  listCountyOptions,
  listStaff,
  unassignManager,
} from "./admin.server";

let db: DB;
let cleanup: () => Promise<void>;
let coops: { datong: number; huangzhong: number };
const actor = { id: 0, name: "平台管理员 周敏" };

beforeEach(async () => {
  ({ db, cleanup } = await freshDb());
  coops = await createBasicCatalog(db);
  actor.id = await createUser(db, { role: "admin", name: actor.name });
});
afterEach(() => cleanup());

async function domainError(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

const coopInput = {
  slug: "Qilian-Honey-Coop ",
  county: "datong",
  kind: "cooperative" as const,
  nameZh: "祁连山蜂蜜合作社",
  nameEn: "Qilian Honey Cooperative",
  storyZh: "",
  storyEn: "",
  farmersReached: 120,
  foundedYear: 2019,
};

describe("cooperatives", () => {
  it("registers a producer under a lower-case slug, on record with the admin", async () => {
    const { id, slug } = await createCooperative(db, coopInput, { actor });
    expect(slug).toBe("qilian-honey-coop");
    const row = await db
      .selectFrom("cooperatives")
      .selectAll()
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      county_code: "datong",
      name_zh: "祁连山蜂蜜合作社",
      farmers_reached: 120,
      founded_year: 2019,
    });
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity", "=", "cooperative")
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ actor_name: "平台管理员 周敏", action: "create", entity_id: id });
  });

  it("refuses a taken slug, an unknown county and a non-ASCII slug, beside the field", async () => {
    await createCooperative(db, coopInput);
    expect(await domainError(createCooperative(db, coopInput))).toMatchObject({
      code: "admin.errors.slugTaken",
      field: "slug",
      status: 409,
    });
    expect(
      await domainError(createCooperative(db, { ...coopInput, slug: "other", county: "lhasa" })),
    ).toMatchObject({ code: "admin.errors.county", field: "county" });
    for (const slug of ["牦牛合作社", "a", "-lead", "two--hyphens", "under_score"]) {
      expect(await domainError(createCooperative(db, { ...coopInput, slug }))).toMatchObject({
        code: "admin.errors.slug",
        field: "slug",
      });
    }
  });

  it("checks the numbers", async () => {
    const year = new Date().getFullYear();
    for (const [field, value, code] of [
      ["farmersReached", -1, "admin.errors.farmersReached"],
      ["farmersReached", 1.5, "admin.errors.farmersReached"],
      ["foundedYear", 1900, "admin.errors.foundedYear"],
      ["foundedYear", year + 1, "admin.errors.foundedYear"],
    ] as const) {
      const input = { ...coopInput, slug: "numbers-coop", [field]: value };
      expect(await domainError(createCooperative(db, input))).toMatchObject({ field, code });
    }
  });

  it("reads form strings, and treats a blank number as missing", () => {
    const ok = cooperativeSchema.safeParse({
      ...coopInput,
      farmersReached: " 35 ",
      foundedYear: "2015",
    });
    expect(ok.success && ok.data).toMatchObject({ farmersReached: 35, foundedYear: 2015 });
    const blank = cooperativeSchema.safeParse({ ...coopInput, farmersReached: "" });
    expect(blank.success).toBe(false);
    expect(blank.error?.issues[0]?.message).toBe("admin.errors.farmersReached");
  });

  it("reads numbers only as decimal digits (0x10 is not 16)", () => {
    for (const farmersReached of ["0x10", "1e2", "1.0"]) {
      const parsed = cooperativeSchema.safeParse({ ...coopInput, farmersReached });
      expect(parsed.error?.issues[0]?.message, farmersReached).toBe("admin.errors.farmersReached");
    }
    expect(membershipSchema.safeParse({ userId: "0x2", cooperativeId: "1" }).success).toBe(false);
    expect(membershipSchema.safeParse({ userId: "2", cooperativeId: "1e0" }).success).toBe(false);
    expect(membershipSchema.safeParse({ userId: "2", cooperativeId: "1" }).data).toEqual({
      userId: 2,
      cooperativeId: 1,
    });
  });

  it("lists producers with counts, and every county for the form", async () => {
    await createCounty(db, { code: "xining", nameZh: "西宁市区", pairedDistrictZh: null }, 9);
    await createProduct(db, { cooperativeId: coops.datong });
    await createProduct(db, { cooperativeId: coops.datong, status: "archived" });
    await createUser(db, { role: "coop_manager", cooperativeIds: [coops.datong] });
    const list = await listCooperativesForAdmin(db);
    expect(list.find((c) => c.id === coops.datong)).toMatchObject({
      countyName: "大通县",
      productCount: 1,
      managerCount: 1,
    });
    expect((await listCountyOptions(db)).map((c) => c.code)).toEqual([
      "datong",
      "huangzhong",
      "xining",
    ]);
  });
});

describe("staff accounts", () => {
  it("opens a manager account bound to its cooperatives, able to sign in", async () => {
    const userId = await createStaffAccount(
      db,
      {
        login: "Ma@Example.com",
        name: "马成林",
        role: "coop_manager",
        password: "qinghai-2026",
        cooperativeIds: [coops.datong, coops.huangzhong, coops.datong],
      },
      { actor },
    );
    expect((await managedCooperatives(db, userId)).map((c) => c.id)).toEqual([
      coops.datong,
      coops.huangzhong,
    ]);
    const user = await db
      .selectFrom("users")
      .select(["email", "role", "name"])
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ email: "ma@example.com", role: "coop_manager", name: "马成林" });
    expect(
      await authenticate(db, { login: "ma@example.com", password: "qinghai-2026", ip: "1.2.3.4" }),
    ).toBe(userId);
  });

  it("opens an aid officer account with a mobile number", async () => {
    const userId = await createStaffAccount(db, {
      login: "139 1234 5678",
      name: "帮扶办 陈立",
      role: "aid_officer",
      password: "12345678",
    });
    const user = await db
      .selectFrom("users")
      .select(["phone", "role"])
      .where("id", "=", userId)
      .executeTakeFirstOrThrow();
    expect(user).toEqual({ phone: "13912345678", role: "aid_officer" });
    expect(await managedCooperatives(db, userId)).toEqual([]);
  });

  it("refuses bad input, beside the right field, and leaves nothing behind", async () => {
    const base = {
      login: "new@example.com",
      name: "新同事",
      role: "coop_manager" as const,
      password: "long-enough",
      cooperativeIds: [coops.datong],
    };
    await createUser(db, { email: "taken@example.com" });
    const cases: Array<[Partial<typeof base> & Record<string, unknown>, string, string]> = [
      [{ login: "not a login" }, "login", "admin.errors.login"],
      [{ login: "TAKEN@example.com" }, "login", "admin.errors.loginTaken"],
      [{ password: "short" }, "password", "admin.errors.password"],
      [{ name: "" }, "name", "admin.errors.name"],
      [{ role: "shopper" as never }, "role", "admin.errors.role"],
      [{ cooperativeIds: [] }, "cooperativeIds", "admin.errors.cooperativesRequired"],
      [{ cooperativeIds: [9999] }, "cooperativeIds", "admin.errors.cooperativeMissing"],
      [
        { role: "aid_officer" as never, cooperativeIds: [coops.datong] },
        "cooperativeIds",
        "admin.errors.cooperativesOnlyForManagers",
      ],
    ];
    for (const [change, field, code] of cases) {
      const error = await domainError(createStaffAccount(db, { ...base, ...change }));
      expect([error.field, error.code]).toEqual([field, code]);
    }
    const users = await db.selectFrom("users").select("id").execute();
    expect(users).toHaveLength(2); // the admin and taken@
  });

  it("opens a counter clerk's account bound to one counter, shown in the staff list", async () => {
    const counterId = await createCounter(db, { nameZh: "绿色有机青海专柜" });
    const userId = await createStaffAccount(
      db,
      {
        login: "clerk@example.com",
        name: "专柜店员 刘洋",
        role: "counter_staff",
        password: "counter-2026",
        counterId: String(counterId),
      },
      { actor },
    );
    const bound = await db
      .selectFrom("counter_staff")
      .select("counter_id")
      .where("user_id", "=", userId)
      .execute();
    expect(bound).toEqual([{ counter_id: counterId }]);
    const listed = (await listStaff(db)).find((s) => s.id === userId);
    expect(listed).toMatchObject({
      role: "counter_staff",
      counter: { id: counterId, name: "绿色有机青海专柜" },
      cooperatives: [],
    });
  });

  it("refuses counter staff without a counter, a counter that is not there, or a counter for others", async () => {
    const counterId = await createCounter(db);
    const base = {
      login: "clerk@example.com",
      name: "专柜店员",
      role: "counter_staff" as const,
      password: "counter-2026",
    };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{}, "admin.errors.counterRequired"],
      [{ counterId: "" }, "admin.errors.counterRequired"],
      [{ counterId: 9999 }, "admin.errors.counterMissing"],
      [{ role: "aid_officer", counterId }, "admin.errors.counterOnlyForCounterStaff"],
    ];
    for (const [change, code] of cases) {
      const error = await domainError(createStaffAccount(db, { ...base, ...change } as never));
      expect([error.field, error.code]).toEqual(["counterId", code]);
    }
    expect(await db.selectFrom("counter_staff").select("user_id").execute()).toEqual([]);
    expect(await db.selectFrom("users").select("id").execute()).toHaveLength(1); // the admin
  });

  it("assigns and unassigns cooperatives, but a manager keeps at least one", async () => {
    const userId = await createUser(db, { role: "coop_manager", cooperativeIds: [coops.datong] });
    await assignManager(db, { userId, cooperativeId: coops.huangzhong }, { actor });
    await assignManager(db, { userId, cooperativeId: coops.huangzhong }, { actor }); // harmless
    expect((await managedCooperatives(db, userId)).length).toBe(2);
    await unassignManager(db, { userId, cooperativeId: coops.datong }, { actor });
    expect((await managedCooperatives(db, userId)).map((c) => c.id)).toEqual([coops.huangzhong]);
    expect(
      (await domainError(unassignManager(db, { userId, cooperativeId: coops.huangzhong }))).code,
    ).toBe("admin.errors.lastCooperative");
    const officerId = await createUser(db, { role: "aid_officer" });
    expect(
      (await domainError(assignManager(db, { userId: officerId, cooperativeId: coops.datong })))
        .code,
    ).toBe("admin.errors.notManager");
    expect((await domainError(assignManager(db, { userId, cooperativeId: 9999 }))).code).toBe(
      "admin.errors.cooperativeMissing",
    );
    const actions = await db
      .selectFrom("audit_log")
      .select("action")
      .where("entity", "=", "user")
      .execute();
    expect(actions.map((a) => a.action)).toEqual(["assign_cooperative", "unassign_cooperative"]);
  });

  it("lists staff, not shoppers, with the cooperatives they manage, and counts them", async () => {
    const managerId = await createUser(db, {
      role: "coop_manager",
      name: "李慧",
      cooperativeIds: [coops.datong, coops.huangzhong],
    });
    await createUser(db, { role: "aid_officer", name: "陈立" });
    await createUser(db, { role: "shopper", name: "王小明" });
    const staff = await listStaff(db);
    expect(staff.map((s) => s.role)).toEqual(["admin", "aid_officer", "coop_manager"]);
    expect(staff.find((s) => s.id === managerId)?.cooperatives.map((c) => c.name)).toEqual([
      "大通牦牛合作社",
      "湟中鲜奶合作社",
    ]);
    expect(await adminOverview(db)).toMatchObject({
      cooperatives: 2,
      staff: 3,
      staffByRole: { admin: 1, aid_officer: 1, coop_manager: 1 },
      pendingReviews: 0,
    });
  });
});

describe("the staff form", () => {
  it("keeps every ticked cooperative and never echoes the password", () => {
    const form = new FormData();
    form.append("login", "x@example.com");
    form.append("name", "新同事");
    form.append("role", "coop_manager");
    form.append("password", "short");
    form.append("cooperativeIds", "1");
    form.append("cooperativeIds", "2");
    const parsed = parseStaffForm(form);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toEqual({ password: "admin.errors.password" });
    expect(parsed.values).toEqual({
      login: "x@example.com",
      name: "新同事",
      role: "coop_manager",
      cooperativeIds: "1,2",
    });
    form.set("password", "long-enough");
    const ok = parseStaffForm(form);
    expect(ok.ok && ok.data.cooperativeIds).toEqual([1, 2]);
  });

  it("refuses control characters in the name and a cooperative written in hexadecimal", () => {
    const form = new FormData();
    form.append("login", "x@example.com");
    form.append("name", "新\u0000同事");
    form.append("role", "coop_manager");
    form.append("password", "long-enough");
    form.append("cooperativeIds", "0x1");
    const parsed = parseStaffForm(form);
    expect(parsed.ok ? null : parsed.errors).toEqual({
      name: "security.controlCharacters",
      cooperativeIds: "admin.errors.cooperativeMissing",
    });
    expect(parsed.ok ? null : parsed.values.name).toBe("新同事");
  });

  it("says a manager needs a cooperative even while other fields are wrong", () => {
    const form = new FormData();
    form.append("login", "x@example.com");
    form.append("role", "coop_manager");
    form.append("password", "short");
    const parsed = parseStaffForm(form);
    expect(parsed.ok ? null : parsed.errors).toEqual({
      name: "admin.errors.name",
      password: "admin.errors.password",
      cooperativeIds: "admin.errors.cooperativesRequired",
    });
  });
});
