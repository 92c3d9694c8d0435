// Every field of every form and every query parameter a visitor can reach (found by
// scenario.ts from the pages themselves), each sent SQL, script, control characters and
// overlong text, one field at a time with the rest filled in as a person would. Nothing
// may answer 5xx or echo markup; a refused request leaves every stored row alone; no
// control character is stored anywhere; the database stays whole and the ledger balanced;
// SQL never signs anyone in or finds an order.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { routeShape, type FoundForm } from "./discovery";
import {
  Client,
  count,
  integrityProblems,
  problem,
  problems,
  readDb,
  saveTally,
  storedControlCharacters,
  storedTexts,
  watchChanges,
} from "./harness";
import { clientFor, ensureWorld, type Visitor, type World } from "./scenario";

const SQL = [
  `' OR '1'='1`,
  `1'; DROP TABLE users; --`,
  `x' UNION SELECT sql, name FROM sqlite_master--`,
];
const SCRIPT = [
  `<script>window.__shanhaiXss=1</script>`,
  `"><img src=x onerror=window.__shanhaiXss=2>`,
  `javascript:window.__shanhaiXss=3`,
];
const CONTROL = ["a\u0000b", "a\u001b[2J\u0007b", "a\r\nX-Injected: 1"];
const OVERLONG = "长".repeat(20_000);
/** Stands for bytes that are not UTF-8; swapped in after the form is encoded. */
const BAD_BYTES = "__bad_utf8__";

/** Into query parameters: cheap, so all of them. */
const PAYLOADS: Array<{ kind: string; value: string }> = [
  ...SQL.map((value) => ({ kind: "SQL injection", value })),
  ...SCRIPT.map((value) => ({ kind: "reflected XSS", value })),
  ...CONTROL.map((value) => ({ kind: "control characters", value })),
  { kind: "overlong input", value: OVERLONG },
];
/** Into form fields (each renders a whole page): two of each kind. */
const FORM_PAYLOADS: Array<{ kind: string; value: string }> = [
  { kind: "SQL injection", value: SQL[0]! },
  { kind: "SQL injection", value: SQL[1]! },
  { kind: "reflected XSS", value: SCRIPT[0]! },
  { kind: "reflected XSS", value: SCRIPT[1]! },
  { kind: "control characters", value: CONTROL[0]! },
  { kind: "control characters", value: `${CONTROL[1]}${CONTROL[2]}` },
  { kind: "overlong input", value: OVERLONG },
  { kind: "invalid UTF-8", value: BAD_BYTES },
];

const MARKUP = [
  /<script>window\.__shanhaiXss/i,
  /<img src=x onerror/i,
  /(?:href|src|action)="javascript:/i,
];

function markupIn(text: string): string | null {
  for (const re of MARKUP) {
    const m = re.exec(text);
    if (m) return text.slice(Math.max(0, m.index - 60), m.index + 60).replace(/\s+/g, " ");
  }
  return null;
}

/** Forms the fuzz leaves alone: they end the session it runs in, or are uploads (uploads.test.ts). */
const SKIP = (form: FoundForm) => form.action.startsWith("/logout") || form.multipart;

let world: World;
let n = 0;

/** What a person would type into an empty field, so that the one field under attack is what decides. */
function plausible(name: string): string {
  n += 1;
  const by: Record<string, string> = {
    login: `fuzz${n}@shanhai.test`,
    password: "security-suite-2026",
    passwordConfirm: "security-suite-2026",
    name: "安全测试",
    contactName: "安全测试",
    phone: "13912345678",
    province: "江苏省",
    city: "南京市",
    district: "玄武区",
    street: "安全测试路 1 号",
    number: world.order.number,
    nameZh: "安全测试品",
    nameEn: "Security test",
    summaryZh: "安全测试",
    unitZh: "1 袋",
    unitEn: "1 bag",
    price: "9.90",
    stock: "3",
    shelfLifeDays: "30",
    amount: "1",
    why: "安全测试",
    reason: "安全测试原因",
    trackingNumber: "SEC-0001",
    slug: `fuzz-${n}`,
    farmersReached: "3",
    foundedYear: "2010",
    quantity: "1",
    code: "123456",
  };
  return (
    by[name] ??
    (/^(cert\.|target_|email|taxId|note|story|storage|harvest|summaryEn|orgName|invoiceTitle|thanksName|carrierOther|reservedShare)/.test(
      name,
    )
      ? ""
      : "测试")
  );
}

function baseValues(form: FoundForm): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const field of form.fields) {
    if (field.type === "checkbox") {
      if (field.value) values[field.name] = field.value;
    } else if (field.type === "radio" || field.type === "select") {
      values[field.name] = field.value || field.choices.find((c) => c !== "") || "";
    } else {
      values[field.name] = field.value || plausible(field.name);
    }
  }
  if (form.submit) values[form.submit.name] = form.submit.value;
  return values;
}

/** The fields worth attacking: one certificate row stands for all six. */
function targets(form: FoundForm): string[] {
  const names = form.fields.map((f) => f.name).filter((name) => !/^cert\.[1-9]\./.test(name));
  if (form.submit) names.push(form.submit.name);
  return [...new Set(names)];
}

/** Every distinct form once, with the first visitor who can see it. */
function formsToAttack(): Array<{ visitor: Visitor; form: FoundForm }> {
  const seen = new Set<string>();
  const out: Array<{ visitor: Visitor; form: FoundForm }> = [];
  for (const [visitor, found] of Object.entries(world.discovered) as Array<
    [Visitor, World["discovered"][Visitor]]
  >) {
    for (const form of found.forms) {
      if (form.method !== "post" || SKIP(form)) continue;
      // one cooperative's product form stands for the other's
      const key = `${routeShape(form.action.replace(/\?.*/, ""))} ${targets(form).join(",")} ${form.fields.find((f) => f.name === "intent")?.value}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ visitor, form });
    }
  }
  return out;
}

function visitorClient(visitor: Visitor): Client {
  return visitor === "anonymous" ? new Client("anonymous fuzz") : clientFor(world, visitor);
}

/** The demo accounts' password hashes: no payload may change them. */
const demoPasswords = () =>
  readDb((db) =>
    db
      .prepare(
        "select email, phone, password_hash from users where email like '%@shanhai.demo' or phone = '13800000000' order by id",
      )
      .all(),
  );

let passwordsBefore: unknown;
beforeAll(async () => {
  world = await ensureWorld();
  passwordsBefore = demoPasswords();
});
afterAll(() => saveTally(import.meta.url));
// each test lists only its own problems
beforeEach(() => {
  problems.length = 0;
});

describe("injection into every form field and query parameter", () => {
  it("every form field: refused or stored as text, never run, never a 5xx", async () => {
    const watcher = watchChanges();
    // the watcher does see an accepted change
    const control = await clientFor(world, "aid").send("/aid/targets", {
      form: { year: "2030", target_xining: "1000" },
    });
    expect(control.status).toBe(302);
    expect(watcher.changedSince()).toContain("aid_targets");
    const attacked = formsToAttack();
    expect(attacked.length).toBeGreaterThan(20);
    for (const { visitor, form } of attacked) {
      // a client of its own per form: its own address for the login limits
      const client = visitorClient(visitor);
      const fuzzClient = new Client(`${visitor} fuzz`);
      for (const [k, v] of client.cookies) fuzzClient.cookies.set(k, v);
      for (const field of targets(form)) {
        for (const payload of FORM_PAYLOADS) {
          const values = { ...baseValues(form), [field]: payload.value };
          const body = new URLSearchParams(
            Object.entries(values).flatMap(([k, v]) =>
              (Array.isArray(v) ? v : [v]).map((x) => [k, x]),
            ),
          )
            .toString()
            .replace(BAD_BYTES, "a%FF%FE%C0%AF%ED%A0%80b");
          const answer = await fuzzClient.send(form.action, {
            body,
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
            remember: false,
          });
          count(payload.kind);
          const where = `${visitor} ${form.action} ${field}=${JSON.stringify(payload.value.slice(0, 40))}`;
          const found = markupIn(answer.text);
          if (found) problem(`${payload.kind}: ${where} echoed markup: ${found}`);
          if (form.action.startsWith("/login") && answer.status < 400 && answer.status >= 300) {
            problem(`SQL injection: ${where} signed in (${answer.status} → ${answer.location})`);
          }
          if (
            form.action.startsWith("/orders/lookup") &&
            answer.location?.startsWith("/orders/SH-")
          ) {
            problem(`SQL injection: ${where} found an order`);
          }
          const changed = watcher.changedSince();
          if (answer.status >= 400 && changed.length) {
            problem(
              `${payload.kind}: ${where} refused (${answer.status}) yet changed ${changed.join(", ")}`,
            );
          }
        }
      }
    }
    watcher.close();
    expect(problems).toEqual([]);
  });

  it("every query parameter: no 5xx, no markup echoed", async () => {
    const seen = new Set<string>();
    for (const [visitor, found] of Object.entries(world.discovered) as Array<
      [Visitor, World["discovered"][Visitor]]
    >) {
      const client = visitorClient(visitor);
      for (const [shape, { example, params }] of Object.entries(found.queries)) {
        if (seen.has(shape)) continue;
        seen.add(shape);
        for (const param of params) {
          for (const payload of [...PAYLOADS, { kind: "invalid UTF-8", value: "" }]) {
            const url = new URL(example, "http://x");
            url.searchParams.set(param, payload.value);
            let path = url.pathname + url.search;
            if (payload.kind === "invalid UTF-8")
              path = path.replace(`${param}=`, `${param}=%FF%FE%C0%AF`);
            const answer = await client.send(path, { remember: false });
            count(payload.kind === "invalid UTF-8" ? payload.kind : `${payload.kind} (query)`);
            const where = `${visitor} GET ${shape} ${param}=${JSON.stringify(payload.value.slice(0, 40))}`;
            const markup = markupIn(answer.text);
            if (markup) problem(`${payload.kind}: ${where} echoed markup: ${markup}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("leaves no control character stored, the database whole and the passwords as they were", async () => {
    expect(storedControlCharacters()).toEqual([]);
    // bytes that are not UTF-8 arrive as U+FFFD, the decoder's replacement: refused
    // beside the field like control characters, never stored
    expect(storedTexts(/\uFFFD/)).toEqual([]);
    expect(await integrityProblems()).toEqual([]);
    expect(demoPasswords()).toEqual(passwordsBefore);
  });
});
