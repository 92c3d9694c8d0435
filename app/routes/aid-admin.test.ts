// Route tests for the aid office (/aid) and platform admin (/admin): who may enter, and the
// forms that decide reviews, register producers and open staff accounts.
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "#db/schema";
import {
  aidCert,
  createBasicCatalog,
  createProduct,
  type ProductInput,
} from "#tests/factories/catalog";
import { createUserWithSession } from "#tests/factories/users";
import { BASE, Browser, call } from "#tests/http";
import { openReview } from "~/domain/aid/reviews.server";
import { authenticate, managedCooperatives } from "~/domain/auth/accounts.server";
import { getDb } from "~/utils/db.server";
import { sessionCookie } from "~/utils/session.server";
import * as adminCooperatives from "./admin.cooperatives/route";
import * as adminHome from "./admin._index";
import * as adminUsers from "./admin.users/route";
import * as aidHome from "./aid._index/route";
import * as review from "./aid.reviews.$id/route";
import * as reviews from "./aid.reviews._index";

let coops: { datong: number; huangzhong: number };
const browsers = {} as Record<Role, Browser>;
const OFFICER_NAME = "帮扶办 陈立";

async function signedIn(role: Role, extra: { name?: string; cooperativeIds?: number[] } = {}) {
  const { token } = await createUserWithSession(await getDb(), { role, ...extra });
  const header = await sessionCookie().serialize(token);
  const pair = header.split(";")[0]!;
  const eq = pair.indexOf("=");
  const browser = new Browser();
  browser.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
  return browser;
}

beforeAll(async () => {
  const db = await getDb();
  coops = await createBasicCatalog(db);
  browsers.shopper = await signedIn("shopper");
  browsers.coop_manager = await signedIn("coop_manager", { cooperativeIds: [coops.datong] });
  browsers.aid_officer = await signedIn("aid_officer", { name: OFFICER_NAME });
  browsers.admin = await signedIn("admin", { name: "平台管理员 周敏" });
});

async function pendingReview(options: Partial<ProductInput> = {}) {
  const db = await getDb();
  const productId = await createProduct(db, {
    cooperativeId: coops.datong,
    status: "pending_review",
    ...options,
  });
  const reviewId = await openReview(db, {
    productId,
    cooperativeId: coops.datong,
    reason: "new",
    userId: null,
    now: new Date(),
  });
  return { productId, reviewId };
}

async function json(response: Response) {
  return (await response.json()) as Record<string, unknown>;
}

/** A form POST with repeated fields (ticked checkboxes), as a browser sends it. */
function postMany(browser: Browser, path: string, pairs: Array<[string, string]>): Request {
  return new Request(new URL(path, BASE), {
    method: "POST",
    body: new URLSearchParams(pairs),
    headers: {
      Cookie: browser.header(),
      Origin: BASE,
      Host: new URL(BASE).host,
      "Content-Type": "application/x-www-form-urlencoded",
    },
  });
}

const pages: Array<{ name: string; loader: unknown; params: Record<string, string> }> = [
  { name: "/aid", loader: aidHome.loader, params: {} },
  { name: "/aid/reviews", loader: reviews.loader, params: {} },
  { name: "/aid/reviews/1", loader: review.loader, params: { id: "1" } },
  { name: "/admin", loader: adminHome.loader, params: {} },
  { name: "/admin/cooperatives", loader: adminCooperatives.loader, params: {} },
  { name: "/admin/users", loader: adminUsers.loader, params: {} },
];

describe("who may enter", () => {
  it("sends a visitor who is not signed in to /login, and back afterwards", async () => {
    const guest = new Browser();
    for (const page of pages) {
      const response = await call(page.loader, guest.get(page.name), page.params);
      expect(response.status, page.name).toBe(302);
      const location = new URL(response.headers.get("Location")!, BASE);
      expect(location.pathname, page.name).toBe("/login");
      expect(location.searchParams.get("redirectTo"), page.name).toBe(page.name);
    }
    const post = await call(review.action, guest.post("/aid/reviews/1", { intent: "approve" }), {
      id: "1",
    });
    expect(post.status).toBe(302);
  });

  it("refuses shoppers and cooperative managers everywhere here", async () => {
    await pendingReview();
    for (const role of ["shopper", "coop_manager"] as const) {
      for (const page of pages) {
        const response = await call(page.loader, browsers[role].get(page.name), page.params);
        expect(response.status, `${role} ${page.name}`).toBe(403);
      }
      const post = await call(
        review.action,
        browsers[role].post("/aid/reviews/1", { intent: "approve" }),
        { id: "1" },
      );
      expect(post.status, role).toBe(403);
    }
  });

  it("lets aid officers into /aid but not /admin", async () => {
    const { reviewId } = await pendingReview();
    const b = browsers.aid_officer;
    expect((await call(aidHome.loader, b.get("/aid"))).status).toBe(200);
    expect((await call(reviews.loader, b.get("/aid/reviews"))).status).toBe(200);
    const detail = await call(review.loader, b.get(`/aid/reviews/${reviewId}`), {
      id: String(reviewId),
    });
    expect(detail.status).toBe(200);
    expect(detail.headers.get("Cache-Control")).toContain("no-store");
    for (const page of pages.filter((p) => p.name.startsWith("/admin"))) {
      expect((await call(page.loader, b.get(page.name), page.params)).status, page.name).toBe(403);
    }
    const post = await call(
      adminCooperatives.action,
      b.post("/admin/cooperatives", { slug: "sneaky-coop" }),
    );
    expect(post.status).toBe(403);
  });

  it("lets admins into both", async () => {
    const b = browsers.admin;
    for (const page of pages.filter((p) => p.name !== "/aid/reviews/1")) {
      expect((await call(page.loader, b.get(page.name), page.params)).status, page.name).toBe(200);
    }
  });

  it("answers 404 for a review that does not exist", async () => {
    const b = browsers.aid_officer;
    for (const id of ["999999", "abc", "-1"]) {
      const response = await call(review.loader, b.get(`/aid/reviews/${id}`), { id });
      expect(response.status, id).toBe(404);
    }
  });
});

describe("deciding reviews", () => {
  it("approves through the form, signed with the officer's name", async () => {
    const { productId, reviewId } = await pendingReview({ slug: "approved-by-form" });
    const b = browsers.aid_officer;
    const id = String(reviewId);

    const queue = await json(await call(reviews.loader, b.get("/aid/reviews")));
    expect((queue.pending as Array<{ id: number }>).map((r) => r.id)).toContain(reviewId);

    const response = await call(
      review.action,
      b.post(`/aid/reviews/${id}`, { intent: "approve", note: "认定证书在有效期内" }),
      { id },
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe(`/aid/reviews?decided=${id}`);

    const db = await getDb();
    const product = await db
      .selectFrom("products")
      .select("status")
      .where("id", "=", productId)
      .executeTakeFirstOrThrow();
    expect(product.status).toBe("active");

    const after = await json(await call(reviews.loader, b.get(`/aid/reviews?decided=${id}`)));
    expect(after.decided).toMatchObject({ status: "approved" });
    const history = after.history as Array<{ id: number; decidedByName: string }>;
    expect(history.find((h) => h.id === reviewId)?.decidedByName).toBe(OFFICER_NAME);
    expect((after.pending as Array<{ id: number }>).map((r) => r.id)).not.toContain(reviewId);

    const page = await json(await call(review.loader, b.get(`/aid/reviews/${id}`), { id }));
    expect(page.review).toMatchObject({
      status: "approved",
      decidedByName: OFFICER_NAME,
      decisionNote: "认定证书在有效期内",
    });

    // a second decision (another tab, a double click) is refused, not applied
    const again = await call(
      review.action,
      b.post(`/aid/reviews/${id}`, { intent: "reject", reason: "重复提交" }),
      { id },
    );
    expect(again.status).toBe(409);
    expect(await json(again)).toMatchObject({ formError: "review.errors.alreadyDecided" });
  });

  it("refuses an approval without a valid aid certification, with the reason on the page", async () => {
    const { reviewId } = await pendingReview({
      certifications: [aidCert({ expiresOn: "2020-01-01" })],
    });
    const id = String(reviewId);
    const response = await call(
      review.action,
      browsers.aid_officer.post(`/aid/reviews/${id}`, { intent: "approve", note: "看过了" }),
      { id },
    );
    expect(response.status).toBe(409);
    expect(await json(response)).toMatchObject({
      intent: "approve",
      formError: "review.errors.noValidCert",
      values: { note: "看过了" },
    });
  });

  it("needs a reason to reject, keeps what was typed, and then rejects", async () => {
    const { reviewId } = await pendingReview();
    const id = String(reviewId);
    const b = browsers.admin;
    const short = await call(
      review.action,
      b.post(`/aid/reviews/${id}`, { intent: "reject", reason: " 否 " }),
      {
        id,
      },
    );
    expect(short.status).toBe(400);
    expect(await json(short)).toMatchObject({
      intent: "reject",
      errors: { reason: "review.errors.reason" },
      values: { reason: " 否 " },
    });

    const response = await call(
      review.action,
      b.post(`/aid/reviews/${id}`, { intent: "reject", reason: "请上传清晰的认定证书" }),
      { id },
    );
    expect(response.status).toBe(302);
    const db = await getDb();
    const row = await db
      .selectFrom("product_reviews")
      .innerJoin("products", "products.id", "product_reviews.product_id")
      .select([
        "product_reviews.status",
        "decision_note",
        "decided_by_name",
        "products.status as product",
      ])
      .where("product_reviews.id", "=", reviewId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: "rejected",
      decision_note: "请上传清晰的认定证书",
      decided_by_name: "平台管理员 周敏",
      product: "draft",
    });
  });

  it("refuses a decision posted from another site", async () => {
    const { reviewId } = await pendingReview();
    const id = String(reviewId);
    const response = await call(
      review.action,
      browsers.aid_officer.post(
        `/aid/reviews/${id}`,
        { intent: "approve" },
        { Origin: "https://evil.example" },
      ),
      { id },
    );
    expect(response.status).toBe(403);
  });
});

describe("admin", () => {
  const coopForm = {
    nameZh: "祁连山蜂蜜合作社",
    nameEn: "Qilian Honey Cooperative",
    slug: "qilian-honey",
    county: "datong",
    kind: "cooperative",
    farmersReached: "86",
    foundedYear: "2017",
    storyZh: "",
    storyEn: "",
  };

  it("registers a cooperative, and keeps the input beside errors", async () => {
    const b = browsers.admin;
    const bad = await call(
      adminCooperatives.action,
      b.post("/admin/cooperatives", { ...coopForm, slug: "祁连", foundedYear: "" }),
    );
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({
      errors: { slug: "admin.errors.slug", foundedYear: "admin.errors.foundedYear" },
      values: { nameZh: "祁连山蜂蜜合作社", slug: "祁连" },
    });

    const created = await call(adminCooperatives.action, b.post("/admin/cooperatives", coopForm));
    expect(created.status).toBe(302);
    expect(created.headers.get("Location")).toBe("/admin/cooperatives?created=qilian-honey");
    const list = await json(await call(adminCooperatives.loader, b.get("/admin/cooperatives")));
    expect((list.cooperatives as Array<{ slug: string }>).map((c) => c.slug)).toContain(
      "qilian-honey",
    );

    const taken = await call(adminCooperatives.action, b.post("/admin/cooperatives", coopForm));
    expect(taken.status).toBe(409);
    expect(await json(taken)).toMatchObject({ errors: { slug: "admin.errors.slugTaken" } });
  });

  it("opens a cooperative manager's account who can then sign in to their cooperatives", async () => {
    const b = browsers.admin;
    const base: Array<[string, string]> = [
      ["intent", "create"],
      ["name", "朔北牦牛合作社 马成林"],
      ["login", "ma.chenglin@example.com"],
      ["role", "coop_manager"],
      ["password", "plateau-2026"],
    ];
    const sloppy = await call(
      adminUsers.action,
      postMany(b, "/admin/users", [
        ["intent", "create"],
        ["name", "马成林"],
        ["login", "not-a-login"],
        ["role", "coop_manager"],
        ["password", "short"],
      ]),
    );
    expect(sloppy.status).toBe(400);
    expect((await json(sloppy)).errors).toEqual({
      login: "admin.errors.login",
      password: "admin.errors.password",
      cooperativeIds: "admin.errors.cooperativesRequired",
    });

    const none = await call(adminUsers.action, postMany(b, "/admin/users", base));
    expect(none.status).toBe(400);
    const noneData = await json(none);
    expect(noneData).toMatchObject({
      errors: { cooperativeIds: "admin.errors.cooperativesRequired" },
      values: { login: "ma.chenglin@example.com" },
    });
    expect(JSON.stringify(noneData)).not.toContain("plateau-2026");

    const response = await call(
      adminUsers.action,
      postMany(b, "/admin/users", [
        ...base,
        ["cooperativeIds", String(coops.datong)],
        ["cooperativeIds", String(coops.huangzhong)],
      ]),
    );
    expect(response.status).toBe(302);
    const userId = Number(
      new URL(response.headers.get("Location")!, BASE).searchParams.get("created"),
    );
    const db = await getDb();
    expect((await managedCooperatives(db, userId)).map((c) => c.id)).toEqual([
      coops.datong,
      coops.huangzhong,
    ]);
    expect(
      await authenticate(db, {
        login: "ma.chenglin@example.com",
        password: "plateau-2026",
        ip: "10.0.0.1",
      }),
    ).toBe(userId);

    const list = await json(await call(adminUsers.loader, b.get("/admin/users")));
    const listed = (
      list.staff as Array<{ id: number; role: string; cooperatives: unknown[] }>
    ).find((s) => s.id === userId);
    expect(listed).toMatchObject({ role: "coop_manager" });
    expect(listed?.cooperatives).toHaveLength(2);

    const unassign = await call(
      adminUsers.action,
      b.post("/admin/users", { intent: "unassign", userId, cooperativeId: coops.huangzhong }),
    );
    expect(unassign.status).toBe(302);
    const last = await call(
      adminUsers.action,
      b.post("/admin/users", { intent: "unassign", userId, cooperativeId: coops.datong }),
    );
    expect(last.status).toBe(409);
    expect(await json(last)).toMatchObject({ formError: "admin.errors.lastCooperative" });

    const duplicate = await call(
      adminUsers.action,
      postMany(b, "/admin/users", [...base, ["cooperativeIds", String(coops.datong)]]),
    );
    expect(duplicate.status).toBe(409);
    expect(await json(duplicate)).toMatchObject({ errors: { login: "admin.errors.loginTaken" } });
  });

  it("opens an aid officer's account", async () => {
    const response = await call(
      adminUsers.action,
      browsers.admin.post("/admin/users", {
        intent: "create",
        name: "帮扶办 李娜",
        login: "13912345678",
        role: "aid_officer",
        password: "xining-2026",
      }),
    );
    expect(response.status).toBe(302);
  });
});
