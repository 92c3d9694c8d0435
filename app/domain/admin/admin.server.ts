import { sql } from "kysely";
import type { z } from "zod";
import type { DB } from "#db/connection";
import type { Role } from "#db/schema";
import { lang, type Locale } from "~/i18n/config";
import { createAccount, parseLogin } from "../auth/accounts.server";
import { DomainError } from "../errors";
import { cooperativeSchema, membershipSchema, staffSchema, type StaffRole } from "./admin-input";

// Platform admin: registers producers and opens staff accounts. Every change is written to
// the audit log with the admin who made it, when one is given.

export interface Actor {
  id: number;
  name: string;
}

/** Validates input from any caller (a form, the seed, a script) with the same rules. */
function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const field = issue.path.length ? String(issue.path[0]) : undefined;
  throw new DomainError(issue.message, 400, {}, field);
}

async function audit(
  trx: DB,
  entry: {
    actor?: Actor;
    entity: "cooperative" | "user";
    entityId: number;
    cooperativeId?: number | null;
    action: string;
    after?: Record<string, unknown>;
    now: Date;
  },
) {
  if (!entry.actor) return;
  await trx
    .insertInto("audit_log")
    .values({
      actor_id: entry.actor.id,
      actor_name: entry.actor.name,
      entity: entry.entity,
      entity_id: entry.entityId,
      cooperative_id: entry.cooperativeId ?? null,
      action: entry.action,
      before: null,
      after: entry.after ? JSON.stringify(entry.after) : null,
      why: null,
      at: entry.now.toISOString(),
    })
    .execute();
}

// ---------------------------------------------------------------------------------------
// Cooperatives

export interface NewCooperative {
  slug: string;
  county: string;
  kind: "cooperative" | "enterprise" | "family_farm";
  nameZh: string;
  nameEn: string;
  storyZh?: string;
  storyEn?: string;
  farmersReached: number;
  foundedYear: number;
}

/** Registers a producer. The slug becomes its public address, so it is ASCII and unique. */
export async function createCooperative(
  db: DB,
  input: NewCooperative,
  options: { actor?: Actor; now?: Date } = {},
): Promise<{ id: number; slug: string }> {
  const c = validate(cooperativeSchema, input);
  const now = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const county = await trx
      .selectFrom("counties")
      .select("code")
      .where("code", "=", c.county)
      .executeTakeFirst();
    if (!county) throw new DomainError("admin.errors.county", 400, {}, "county");
    const taken = await trx
      .selectFrom("cooperatives")
      .select("id")
      .where("slug", "=", c.slug)
      .executeTakeFirst();
    if (taken) throw new DomainError("admin.errors.slugTaken", 409, {}, "slug");
    const row = await trx
      .insertInto("cooperatives")
      .values({
        slug: c.slug,
        county_code: c.county,
        kind: c.kind,
        name_zh: c.nameZh,
        name_en: c.nameEn,
        story_zh: c.storyZh,
        story_en: c.storyEn,
        farmers_reached: c.farmersReached,
        founded_year: c.foundedYear,
        created_at: now.toISOString(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await audit(trx, {
      actor: options.actor,
      entity: "cooperative",
      entityId: row.id,
      cooperativeId: row.id,
      action: "create",
      after: { slug: c.slug, county: c.county, nameZh: c.nameZh },
      now,
    });
    return { id: row.id, slug: c.slug };
  });
}

/** Every county on file (paired or not), for the registration form. */
export async function listCountyOptions(db: DB, locale: Locale = "zh-CN") {
  return db
    .selectFrom("counties")
    .select(["code", sql.ref<string>(`name_${lang(locale)}`).as("name")])
    .orderBy("sort")
    .orderBy("code")
    .execute();
}

export async function listCooperativesForAdmin(db: DB, locale: Locale = "zh-CN") {
  const l = lang(locale);
  const rows = await db
    .selectFrom("cooperatives as c")
    .innerJoin("counties as y", "y.code", "c.county_code")
    .select((eb) => [
      "c.id",
      "c.slug",
      sql.ref<string>(`c.name_${l}`).as("name"),
      "c.kind",
      "c.farmers_reached",
      "c.founded_year",
      sql.ref<string>(`y.name_${l}`).as("county_name"),
      eb
        .selectFrom("products as p")
        .whereRef("p.cooperative_id", "=", "c.id")
        .where("p.status", "!=", "archived")
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("product_count"),
      eb
        .selectFrom("cooperative_managers as m")
        .whereRef("m.cooperative_id", "=", "c.id")
        .select((e) => e.fn.countAll<number>().as("n"))
        .as("manager_count"),
    ])
    .orderBy("y.sort")
    .orderBy("c.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    name: r.name,
    kind: r.kind,
    farmersReached: r.farmers_reached,
    foundedYear: r.founded_year,
    countyName: r.county_name,
    productCount: Number(r.product_count ?? 0),
    managerCount: Number(r.manager_count ?? 0),
  }));
}

export type AdminCooperative = Awaited<ReturnType<typeof listCooperativesForAdmin>>[number];

// ---------------------------------------------------------------------------------------
// Staff accounts

export interface NewStaffAccount {
  login: string;
  name: string;
  role: StaffRole;
  password: string;
  cooperativeIds?: number[];
  /** the counter a counter_staff member works at (required for that role only) */
  counterId?: number | string;
}

async function assertCooperativesExist(trx: DB, ids: number[], field = "cooperativeIds") {
  if (!ids.length) return;
  const found = await trx.selectFrom("cooperatives").select("id").where("id", "in", ids).execute();
  if (found.length !== ids.length) {
    throw new DomainError("admin.errors.cooperativeMissing", 400, {}, field);
  }
}

async function assertCounterExists(trx: DB, id: number | undefined) {
  if (id === undefined) return;
  const found = await trx
    .selectFrom("counters")
    .select("id")
    .where("id", "=", id)
    .executeTakeFirst();
  if (!found) throw new DomainError("admin.errors.counterMissing", 400, {}, "counterId");
}

/**
 * Opens an account for a cooperative manager, an aid officer, an admin or a counter's staff.
 * A manager is bound to at least one cooperative, counter staff to exactly one counter; the
 * account and its bindings land together or not at all.
 */
export async function createStaffAccount(
  db: DB,
  input: NewStaffAccount,
  options: { actor?: Actor; now?: Date } = {},
): Promise<number> {
  const s = validate(staffSchema, input);
  const now = options.now ?? new Date();
  const login = parseLogin(s.login);
  if (!login) throw new DomainError("admin.errors.login", 400, {}, "login");
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom("users")
      .select("id")
      .where(login.kind, "=", login.value)
      .executeTakeFirst();
    if (taken) throw new DomainError("admin.errors.loginTaken", 409, {}, "login");
    await assertCooperativesExist(trx, s.cooperativeIds);
    await assertCounterExists(trx, s.counterId);
    let userId: number;
    try {
      userId = await createAccount(
        trx,
        { login: login.value, name: s.name, password: s.password, role: s.role },
        now,
      );
    } catch (error) {
      if (error instanceof DomainError && error.field === "login") {
        throw new DomainError("admin.errors.loginTaken", 409, {}, "login");
      }
      throw error;
    }
    for (const cooperativeId of s.cooperativeIds) {
      await trx
        .insertInto("cooperative_managers")
        .values({ user_id: userId, cooperative_id: cooperativeId })
        .execute();
    }
    if (s.counterId !== undefined) {
      await trx
        .insertInto("counter_staff")
        .values({ user_id: userId, counter_id: s.counterId, added_at: now.toISOString() })
        .execute();
    }
    await audit(trx, {
      actor: options.actor,
      entity: "user",
      entityId: userId,
      action: "create",
      after: {
        role: s.role,
        name: s.name,
        cooperativeIds: s.cooperativeIds,
        ...(s.counterId !== undefined ? { counterId: s.counterId } : {}),
      },
      now,
    });
    return userId;
  });
}

async function managerOf(trx: DB, userId: number) {
  const user = await trx
    .selectFrom("users")
    .select(["id", "role"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!user) throw new DomainError("admin.errors.userMissing", 404);
  if (user.role !== "coop_manager") throw new DomainError("admin.errors.notManager", 409);
  return user;
}

/** Lets a cooperative manager look after one more cooperative (again is harmless). */
export async function assignManager(
  db: DB,
  input: { userId: number; cooperativeId: number },
  options: { actor?: Actor; now?: Date } = {},
): Promise<void> {
  const m = validate(membershipSchema, input);
  const now = options.now ?? new Date();
  await db.transaction().execute(async (trx) => {
    await managerOf(trx, m.userId);
    await assertCooperativesExist(trx, [m.cooperativeId], "cooperativeId");
    const result = await trx
      .insertInto("cooperative_managers")
      .values({ user_id: m.userId, cooperative_id: m.cooperativeId })
      .onConflict((oc) => oc.columns(["user_id", "cooperative_id"]).doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) > 0) {
      await audit(trx, {
        actor: options.actor,
        entity: "user",
        entityId: m.userId,
        cooperativeId: m.cooperativeId,
        action: "assign_cooperative",
        now,
      });
    }
  });
}

/** Takes a cooperative away from a manager; the last one stays (a manager manages something). */
export async function unassignManager(
  db: DB,
  input: { userId: number; cooperativeId: number },
  options: { actor?: Actor; now?: Date } = {},
): Promise<void> {
  const m = validate(membershipSchema, input);
  const now = options.now ?? new Date();
  await db.transaction().execute(async (trx) => {
    await managerOf(trx, m.userId);
    const bindings = await trx
      .selectFrom("cooperative_managers")
      .select("cooperative_id")
      .where("user_id", "=", m.userId)
      .execute();
    if (!bindings.some((b) => b.cooperative_id === m.cooperativeId)) return;
    if (bindings.length <= 1) throw new DomainError("admin.errors.lastCooperative", 409);
    await trx
      .deleteFrom("cooperative_managers")
      .where("user_id", "=", m.userId)
      .where("cooperative_id", "=", m.cooperativeId)
      .execute();
    await audit(trx, {
      actor: options.actor,
      entity: "user",
      entityId: m.userId,
      cooperativeId: m.cooperativeId,
      action: "unassign_cooperative",
      now,
    });
  });
}

export interface StaffMember {
  id: number;
  name: string;
  login: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
  cooperatives: Array<{ id: number; name: string }>;
  /** where a counter_staff member works, else null */
  counter: { id: number; name: string } | null;
}

/** Everyone who is not a shopper, with the cooperatives each manager looks after (2 queries). */
export async function listStaff(db: DB, locale: Locale = "zh-CN"): Promise<StaffMember[]> {
  const users = await db
    .selectFrom("users")
    .select(["id", "name", "email", "phone", "role", "disabled_at", "created_at"])
    .where("role", "!=", "shopper")
    .orderBy(sql`case role when 'admin' then 0 when 'aid_officer' then 1 else 2 end`)
    .orderBy("id")
    .execute();
  const bindings = users.length
    ? await db
        .selectFrom("cooperative_managers as m")
        .innerJoin("cooperatives as c", "c.id", "m.cooperative_id")
        .select(["m.user_id", "c.id", sql.ref<string>(`c.name_${lang(locale)}`).as("name")])
        .where(
          "m.user_id",
          "in",
          users.map((u) => u.id),
        )
        .orderBy("c.id")
        .execute()
    : [];
  const counters = users.length
    ? await db
        .selectFrom("counter_staff as s")
        .innerJoin("counters as c", "c.id", "s.counter_id")
        .select(["s.user_id", "c.id", sql.ref<string>(`c.name_${lang(locale)}`).as("name")])
        .where(
          "s.user_id",
          "in",
          users.map((u) => u.id),
        )
        .execute()
    : [];
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    login: u.email ?? u.phone ?? "",
    role: u.role,
    disabled: u.disabled_at !== null,
    createdAt: u.created_at,
    cooperatives: bindings
      .filter((b) => b.user_id === u.id)
      .map((b) => ({ id: b.id, name: b.name })),
    counter: counterOf(counters.find((c) => c.user_id === u.id)),
  }));
}

const counterOf = (row: { id: number; name: string } | undefined) =>
  row ? { id: row.id, name: row.name } : null;

/** The numbers on /admin. */
export async function adminOverview(db: DB) {
  const [cooperatives, products, reviews, roles] = await Promise.all([
    db
      .selectFrom("cooperatives")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("products")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "active")
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("product_reviews")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "pending")
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("users")
      .select((eb) => ["role", eb.fn.countAll<number>().as("n")])
      .where("role", "!=", "shopper")
      .groupBy("role")
      .execute(),
  ]);
  const staffByRole: Record<StaffRole, number> = {
    coop_manager: 0,
    aid_officer: 0,
    admin: 0,
    counter_staff: 0,
  };
  for (const r of roles) {
    if (r.role !== "shopper") staffByRole[r.role] = Number(r.n);
  }
  return {
    cooperatives: Number(cooperatives.n),
    activeProducts: Number(products.n),
    pendingReviews: Number(reviews.n),
    staff: staffByRole.coop_manager + staffByRole.aid_officer + staffByRole.admin,
    staffByRole,
  };
}
