// The world the attacks run in, built once per suite run through the store's own forms:
// every demo account signed in, script payloads stored wherever people type text that
// others see (a product and its certificate as a cooperative manager, approved by the aid
// office; names, address, note and institution at checkout; the shopper's institution and
// thanks name; a producer and a staff account made by the admin; a carrier name), a paid
// order and its shipment, then every page, form and query parameter each visitor reaches.
// The first test file that needs it builds it; the others read it from the state folder.
import fs from "node:fs";
import path from "node:path";
import { inject } from "vitest";
import { discover, distinctForms, parseForms, type Discovered, type FoundForm } from "./discovery";
import { ACCOUNTS, Client, readDb, signIn, type AccountName } from "./harness";

/** Short enough for every field they go in; each number says where it was typed. */
export const STORED = {
  productNameZh: `"><img src=x onerror=alert(2)>;=HYPERLINK("e")`,
  productNameEn: `<script>alert(1)</script>`,
  summary: `<svg onload=alert(3)>' OR '1'='1`,
  story: `<script>alert(4)</script>\n<iframe src=javascript:alert(5)></iframe>`,
  certNumber: `<script>alert(7)</script>`,
  certIssuer: `"><svg onload=alert(17)>`,
  reviewNote: `<script>alert(8)</script>`,
  contactName: `<script>alert(9)</script>`,
  street: `"><img src=x onerror=alert(10)> 软件大道`,
  note: `<svg onload=alert(11)>' OR 1=1--`,
  orgName: `<script>alert(12)</script>工会`,
  invoiceTitle: `"><svg onload=alert(13)>`,
  profileOrg: `<script>alert(14)</script>`,
  thanksName: `<svg onload=alert()>`,
  coopName: `<script>alert(15)</script>`,
  coopStory: `<img src=x onerror=alert(19)>`,
  staffName: `<svg onload=alert(20)>`,
  carrier: `<svg onload=alert(16)>`,
} as const;

export const XSS_SLUG = "xss-coop";
export const YAK_COOP = "shuobei-yak-coop";
export const MILK_COOP = "huangzhong-muge-dairy";

export type Visitor = "anonymous" | AccountName;

export interface World {
  cookies: Record<AccountName, Record<string, string>>;
  product: { id: number; slug: string };
  /** the shopper's paid order with the payload address */
  order: { number: string; shipmentId: number };
  /** the shopper's second order, left unpaid */
  pending: string;
  discovered: Record<
    Visitor,
    {
      pages: string[];
      forms: FoundForm[];
      queries: Record<string, { example: string; params: string[] }>;
    }
  >;
  seconds: number;
}

const stateFile = () => path.join(inject("tallyDir"), "world.json");

let cached: World | undefined;

export async function ensureWorld(): Promise<World> {
  if (cached) return cached;
  const file = stateFile();
  if (fs.existsSync(file)) {
    cached = JSON.parse(fs.readFileSync(file, "utf8")) as World;
    return cached;
  }
  cached = await buildWorld();
  fs.writeFileSync(file, JSON.stringify(cached));
  if (process.env.SECURITY_WORLD_DUMP)
    fs.writeFileSync(process.env.SECURITY_WORLD_DUMP, JSON.stringify(cached, null, 1));
  const lines = Object.entries(cached.discovered).map(
    ([visitor, d]) =>
      `${visitor}: ${d.pages.length} pages, ${d.forms.length} distinct forms, ${Object.keys(d.queries).length} query shapes`,
  );
  console.log(`security world built in ${cached.seconds} s\n  ${lines.join("\n  ")}`);
  return cached;
}

/** A Client carrying a signed-in account's cookies from the world. */
export function clientFor(world: World, name: AccountName): Client {
  const client = new Client(name);
  for (const [k, v] of Object.entries(world.cookies[name])) client.cookies.set(k, v);
  return client;
}

/**
 * Opens `page`, takes the form `pick` chooses, and posts what the page filled in with
 * `overrides` on top. Fails when no form matches.
 */
export async function submitForm(
  client: Client,
  page: string,
  pick: (form: FoundForm) => boolean,
  overrides: Record<string, string>,
) {
  const answer = await client.page(page);
  const form = parseForms(answer.text, answer.url).find(pick);
  if (!form) throw new Error(`${client.name}: no such form on ${page} (status ${answer.status})`);
  const values: Record<string, string> = {};
  for (const f of form.fields)
    if (f.value !== "" || f.type !== "checkbox") values[f.name] = f.value;
  for (const f of form.fields)
    if ((f.type === "checkbox" || f.type === "radio") && !f.value) delete values[f.name];
  if (form.submit) values[form.submit.name] = form.submit.value;
  Object.assign(values, overrides);
  const sent = await client.send(form.action, { form: values });
  return { form, sent };
}

function expectRedirect(what: string, answer: { status: number; text: string }) {
  if (answer.status === 302 || answer.status === 303) return;
  // the messages the page shows, rather than the whole page
  const messages = [
    ...answer.text.matchAll(/<p class="(?:field-error|alert alert--error)"[^>]*>([^<]*)</g),
  ].map((m) => m[1]);
  const ids = [...answer.text.matchAll(/id="(field-[^"]+)-error"/g)].map((m) => m[1]);
  throw new Error(
    `${what} answered ${answer.status}: ${JSON.stringify({ ids, messages })} ${answer.text.slice(0, 300)}`,
  );
}

async function buildWorld(): Promise<World> {
  const started = Date.now();
  const names = Object.keys(ACCOUNTS) as AccountName[];
  const clients = Object.fromEntries(
    await Promise.all(names.map(async (n) => [n, await signIn(n)] as const)),
  ) as Record<AccountName, Client>;

  // A product with script in every text, as the yak cooperative's manager.
  const created = await submitForm(
    clients.yak,
    `/coop/${YAK_COOP}/products/new`,
    (f) => f.method === "post" && f.fields.some((x) => x.name === "nameZh"),
    {
      nameZh: STORED.productNameZh,
      nameEn: STORED.productNameEn,
      summaryZh: STORED.summary,
      summaryEn: STORED.summary,
      storyZh: STORED.story,
      storyEn: STORED.story,
      category: "meat",
      unitZh: "1 袋",
      unitEn: "1 bag",
      price: "19.90",
      stock: "50",
      shelfLifeDays: "30",
      "cert.0.kind": "aid",
      "cert.0.number": STORED.certNumber,
      "cert.0.issuedBy": STORED.certIssuer,
      "cert.0.expiresOn": "2099-12-31",
    },
  );
  expectRedirect("creating the payload product", created.sent);
  const product = readDb(
    (db) =>
      db.prepare("select id, slug from products where name_en = ?").get(STORED.productNameEn) as {
        id: number;
        slug: string;
      },
  );
  const reviewId = readDb(
    (db) =>
      db
        .prepare("select id from product_reviews where product_id = ? order by id desc")
        .pluck()
        .get(product.id) as number,
  );
  const approved = await submitForm(
    clients.aid,
    `/aid/reviews/${reviewId}`,
    (f) => f.fields.some((x) => x.name === "intent" && x.value === "approve"),
    { note: STORED.reviewNote },
  );
  expectRedirect("approving the payload product", approved.sent);

  // The shopper buys it as a union, with script in every text of the address.
  const added = await clients.shopper.send("/cart", {
    form: { intent: "add", productId: String(product.id), quantity: "2" },
  });
  expectRedirect("adding the payload product", added);
  const placed = await submitForm(
    clients.shopper,
    "/checkout",
    (f) => f.method === "post" && f.fields.some((x) => x.name === "street"),
    {
      // the demo shopper has a saved default address (issue 12); this order types its own,
      // for delivery rather than collection at a counter (issue 15)
      addressId: "new",
      counterId: "",
      contactName: STORED.contactName,
      phone: "13812345678",
      district: "玄武区",
      street: STORED.street,
      note: STORED.note,
      buyerType: "union",
      orgName: STORED.orgName,
      fundingSource: "union_funds",
      invoiceTitle: STORED.invoiceTitle,
      taxId: "91320100MA1MXXXXX0",
    },
  );
  expectRedirect("placing the payload order", placed.sent);
  const number = readDb(
    (db) =>
      db
        .prepare("select number from orders where contact_name = ? order by id desc")
        .pluck()
        .get(STORED.contactName) as string,
  );
  const paid = await clients.shopper.send(`/pay/demo/${number}`, {
    form: { choice: "succeeded" },
  });
  expectRedirect("paying the payload order", paid);

  // A second order left unpaid, so its page and the demo payment page show their forms.
  await clients.shopper.send("/cart", {
    form: { intent: "add", productId: String(product.id), quantity: "1" },
  });
  const unpaid = await submitForm(
    clients.shopper,
    "/checkout",
    (f) => f.method === "post" && f.fields.some((x) => x.name === "street"),
    {
      addressId: "new",
      counterId: "",
      contactName: "王小明",
      phone: "13812345678",
      district: "玄武区",
      street: "软件大道 101 号",
      buyerType: "individual",
    },
  );
  expectRedirect("placing the unpaid order", unpaid.sent);
  const pending = readDb(
    (db) =>
      db
        .prepare("select number from orders where status = 'pending_payment' order by id desc")
        .pluck()
        .get() as string,
  );

  // The institution and the name on the public thanks page.
  expectRedirect(
    "the institution account",
    (
      await submitForm(
        clients.shopper,
        "/account/institution",
        (f) => f.fields.some((x) => x.name === "intent" && x.value === "create"),
        {
          name: STORED.profileOrg,
          creditCode: "91350100M000100Y43",
          type: "union",
          fundingSource: "union_funds",
          thanksOptIn: "1",
        },
      )
    ).sent,
  );
  expectRedirect(
    "the thanks name",
    (
      await submitForm(
        clients.shopper,
        "/account/aid",
        (f) => f.fields.some((x) => x.name === "intent" && x.value === "thanks"),
        { optIn: "on", thanksName: STORED.thanksName },
      )
    ).sent,
  );

  // A producer and a staff account named with script, by the admin.
  expectRedirect(
    "the payload cooperative",
    (
      await submitForm(
        clients.admin,
        "/admin/cooperatives",
        (f) => f.method === "post" && f.fields.some((x) => x.name === "slug"),
        {
          slug: XSS_SLUG,
          nameZh: STORED.coopName,
          nameEn: STORED.coopName,
          county: "datong",
          kind: "cooperative",
          farmersReached: "12",
          foundedYear: "2012",
          storyZh: STORED.coopStory,
          storyEn: STORED.coopStory,
        },
      )
    ).sent,
  );
  expectRedirect(
    "the payload staff account",
    (
      await submitForm(
        clients.admin,
        "/admin/users",
        (f) => f.fields.some((x) => x.name === "intent" && x.value === "create"),
        {
          login: "xss-staff@shanhai.test",
          name: STORED.staffName,
          role: "aid_officer",
          password: "security-suite-2026",
        },
      )
    ).sent,
  );

  // The yak cooperative packs and ships its part with a carrier named with script.
  const shipmentId = readDb(
    (db) =>
      db
        .prepare(
          "select s.id from shipments s join orders o on o.id = s.order_id where o.number = ? and s.cooperative_id = (select id from cooperatives where slug = ?)",
        )
        .pluck()
        .get(number, YAK_COOP) as number,
  );
  const shipmentPage = `/coop/${YAK_COOP}/shipments/${shipmentId}`;
  expectRedirect("packing", await clients.yak.send(shipmentPage, { form: { intent: "pack" } }));
  expectRedirect(
    "shipping",
    await clients.yak.send(shipmentPage, {
      form: {
        intent: "ship",
        carrier: "other",
        carrierOther: STORED.carrier,
        trackingNumber: "XSS-0001",
      },
    }),
  );

  // A reset link out for an account of its own, so its page shows the reset form.
  const resetLogin = "world-reset@shanhai.test";
  expectRedirect(
    "the reset account",
    await new Client("reset owner").send("/signup", {
      form: {
        login: resetLogin,
        name: "重置测试",
        password: "world-reset-2026",
        passwordConfirm: "world-reset-2026",
      },
    }),
  );
  await new Client("reset asker").send("/forgot-password", { form: { login: resetLogin } });
  const resetToken = readDb((db) =>
    /token=([A-Za-z0-9_-]+)/.exec(
      db
        .prepare('select body from outbox where "to" = ? order by id desc')
        .pluck()
        .get(resetLogin) as string,
    ),
  )![1]!;

  // Everything each visitor can reach from where they start.
  const starts: Record<Visitor, string[]> = {
    anonymous: [
      "/",
      "/products",
      "/login",
      "/signup",
      "/orders/lookup",
      "/forgot-password",
      `/reset-password?token=${resetToken}`,
      "/cart",
      `/products/${product.slug}`,
      `/cooperatives/${XSS_SLUG}`,
      "/thanks",
      "/transparency",
      "/counters",
    ],
    shopper: [
      "/account",
      "/account/aid",
      "/account/institution",
      "/account/favourites",
      `/orders/${number}`,
      `/orders/${pending}`,
      `/pay/demo/${pending}`,
      "/cart",
      "/checkout",
    ],
    yak: [
      "/coop",
      `/coop/${YAK_COOP}/products`,
      `/coop/${YAK_COOP}/products/${product.id}`,
      shipmentPage,
    ],
    milk: ["/coop", `/coop/${MILK_COOP}/products`],
    aid: [
      "/aid",
      "/aid/reviews",
      `/aid/reviews/${reviewId}`,
      "/aid/entries",
      "/aid/targets",
      "/aid/periods",
      "/aid/integrity",
    ],
    admin: [
      "/admin",
      "/admin/orders",
      `/admin/orders/${number}`,
      "/admin/cooperatives",
      "/admin/users",
    ],
  };
  // the shopper's cart holds a line again, so /cart and /checkout show their forms
  await clients.shopper.send("/cart", {
    form: { intent: "add", productId: String(product.id), quantity: "1" },
  });
  const discovered = {} as World["discovered"];
  for (const visitor of Object.keys(starts) as Visitor[]) {
    const client = visitor === "anonymous" ? new Client("anonymous") : clients[visitor];
    const found: Discovered = await discover(client, starts[visitor]);
    discovered[visitor] = {
      pages: found.pages,
      forms: distinctForms(found.forms),
      queries: Object.fromEntries(
        [...found.queries].map(([shape, q]) => [
          shape,
          { example: q.example, params: [...q.params] },
        ]),
      ),
    };
  }
  return {
    cookies: Object.fromEntries(
      names.map((n) => [n, Object.fromEntries(clients[n].cookies)]),
    ) as World["cookies"],
    product,
    order: { number, shipmentId },
    pending,
    discovered,
    seconds: Math.round((Date.now() - started) / 1000),
  };
}
