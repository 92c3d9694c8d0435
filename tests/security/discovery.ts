// What a visitor can send: every <form> and every query parameter on the pages a visitor
// reaches by following same-site links, read from the HTML the server sends (the pages
// work without JavaScript, so the HTML holds every form).
import { baseUrl, type Answer, type Client } from "./harness";

export interface FormField {
  name: string;
  /** input type, or "textarea" / "select" */
  type: string;
  /** what the page fills in (the first choice of a select, a ticked box's value) */
  value: string;
  /** a select's choices, a radio group's values */
  choices: string[];
}

export interface FoundForm {
  /** the page it is on */
  page: string;
  method: "get" | "post";
  action: string;
  multipart: boolean;
  fields: FormField[];
  /** the name=value of the submit button pressed, if it has a name */
  submit?: { name: string; value: string };
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: "\u00a0",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === "#") {
      const n =
        code[1] === "x" || code[1] === "X" ? parseInt(code.slice(2), 16) : Number(code.slice(1));
      return String.fromCodePoint(n);
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

export function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([^\s=/>"']+)(?:\s*=\s*"([^"]*)")?/g)) {
    out[m[1]!.toLowerCase()] = decodeEntities(m[2] ?? "");
  }
  return out;
}

/** Every form of a page with its fields, one entry per named submit button. */
export function parseForms(html: string, pagePath: string): FoundForm[] {
  const forms: FoundForm[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attrs = attributes(m[1]!);
    const inner = m[2]!;
    const action = new URL(attrs.action || pagePath, new URL(pagePath, baseUrl()));
    const fields = new Map<string, FormField>();
    const submits: Array<{ name: string; value: string }> = [];
    const controls =
      /<(input|button)\b([^>]*)>|<textarea\b([^>]*)>([\s\S]*?)<\/textarea>|<select\b([^>]*)>([\s\S]*?)<\/select>/gi;
    for (const c of inner.matchAll(controls)) {
      if (c[1]) {
        const a = attributes(c[2]!);
        const type = (
          a.type || (c[1].toLowerCase() === "button" ? "submit" : "text")
        ).toLowerCase();
        if (!a.name) continue;
        if (type === "submit" || type === "image") {
          submits.push({ name: a.name, value: a.value ?? "" });
          continue;
        }
        if (type === "button" || type === "reset") continue;
        const existing = fields.get(a.name);
        if (type === "checkbox" || type === "radio") {
          const checked = "checked" in a;
          // a browser sends "on" only when the value attribute is missing; value="" is ""
          const value = a.value ?? "on";
          if (existing) {
            existing.choices.push(value);
            if (checked && !existing.value) existing.value = value;
          } else {
            fields.set(a.name, {
              name: a.name,
              type,
              value: checked ? value : "",
              choices: [value],
            });
          }
          continue;
        }
        if (!existing)
          fields.set(a.name, { name: a.name, type, value: a.value ?? "", choices: [] });
      } else if (c[3] !== undefined) {
        const a = attributes(c[3]);
        if (a.name) {
          fields.set(a.name, {
            name: a.name,
            type: "textarea",
            value: decodeEntities(c[4] ?? ""),
            choices: [],
          });
        }
      } else {
        const a = attributes(c[5]!);
        if (!a.name) continue;
        const options = [...c[6]!.matchAll(/<option\b([^>]*)>/gi)].map((o) => attributes(o[1]!));
        const values = options.map((o) => o.value ?? "");
        const selected = options.find((o) => "selected" in o)?.value;
        fields.set(a.name, {
          name: a.name,
          type: "select",
          value: selected ?? values.find((v) => v !== "") ?? "",
          choices: values,
        });
      }
    }
    const base = {
      page: pagePath,
      method:
        (attrs.method ?? "get").toLowerCase() === "post" ? ("post" as const) : ("get" as const),
      action: action.pathname + action.search,
      multipart: (attrs.enctype ?? "").toLowerCase() === "multipart/form-data",
      fields: [...fields.values()],
    };
    if (submits.length === 0) forms.push(base);
    for (const submit of submits) forms.push({ ...base, submit });
  }
  return forms;
}

/** Same-site links of a page, as path + query. */
export function parseLinks(html: string, pagePath: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<a\b([^>]*)>/gi)) {
    const href = attributes(m[1]!).href;
    if (!href || href.startsWith("#")) continue;
    const url = new URL(href, new URL(pagePath, baseUrl()));
    if (url.origin !== new URL(baseUrl()).origin) continue;
    out.push(url.pathname + url.search);
  }
  return out;
}

/** /products/yak-jerky → /products/:x, so a crawl opens a few of each kind of page. */
export function routeShape(pathAndQuery: string): string {
  const url = new URL(pathAndQuery, "http://x");
  const parts = url.pathname.split("/").map((part, i, all) => {
    if (i === 0) return part;
    const parent = all[i - 1];
    if (/^\d+$/.test(part) || /^SH-/.test(part) || /^[a-f0-9]{16,}$/.test(part)) return ":id";
    if (
      [
        "products",
        "counties",
        "cooperatives",
        "collections",
        "orders",
        "certificates",
        "reviews",
        "shipments",
        "coop",
        "media",
      ].includes(parent ?? "") &&
      !["new", "lookup"].includes(part)
    ) {
      return ":x";
    }
    return part;
  });
  return `${parts.join("/")}?${[...url.searchParams.keys()].sort().join("&")}`;
}

/** Never followed: they sign the visitor out, or are files, not pages. */
const NOT_PAGES = [
  /^\/logout/,
  /^\/media\//,
  /^\/build\//,
  /\.(csv|xlsx|png|svg|webp|ico)(\?|$)/,
  /^\/aid\/report/,
];

export interface Discovered {
  pages: string[];
  forms: FoundForm[];
  /** path shape → parameter names seen in links to it, with one real link as an example */
  queries: Map<string, { example: string; params: Set<string> }>;
}

/**
 * Breadth-first over same-site links from `starts`, at most `perShape` pages of each route
 * shape and `limit` pages in all.
 */
export async function discover(
  client: Client,
  starts: string[],
  { perShape = 2, limit = 80 } = {},
): Promise<Discovered> {
  const seen = new Set<string>();
  const shapes = new Map<string, number>();
  const queue: string[] = [];
  const found: Discovered = { pages: [], forms: [], queries: new Map() };
  const enqueue = (link: string) => {
    if (NOT_PAGES.some((re) => re.test(link))) return;
    const url = new URL(link, baseUrl());
    const key = url.pathname + url.search;
    if (url.search) {
      const shape = url.pathname.replace(/\/\d+(?=\/|$)/g, "/:id");
      const entry = found.queries.get(shape) ?? { example: key, params: new Set<string>() };
      for (const name of url.searchParams.keys()) entry.params.add(name);
      found.queries.set(shape, entry);
    }
    if (seen.has(key)) return;
    seen.add(key);
    const shape = routeShape(key);
    const n = shapes.get(shape) ?? 0;
    if (n >= perShape) return;
    shapes.set(shape, n + 1);
    queue.push(key);
  };
  starts.forEach(enqueue);
  while (queue.length && found.pages.length < limit) {
    const next = queue.shift()!;
    const answer: Answer & { url: string } = await client.page(next);
    if (
      answer.status !== 200 ||
      !(answer.headers.get("Content-Type") ?? "").includes("text/html")
    ) {
      continue;
    }
    found.pages.push(answer.url);
    for (const form of parseForms(answer.text, answer.url)) {
      found.forms.push(form);
      if (form.method === "get") {
        const shape = new URL(form.action, baseUrl()).pathname;
        const entry = found.queries.get(shape) ?? {
          example: form.action,
          params: new Set<string>(),
        };
        for (const f of form.fields) entry.params.add(f.name);
        found.queries.set(shape, entry);
      }
    }
    parseLinks(answer.text, answer.url).forEach(enqueue);
  }
  return found;
}

/** One entry per form that sends different things: same action, fields and button. */
export function distinctForms(forms: FoundForm[]): FoundForm[] {
  const out = new Map<string, FoundForm>();
  for (const form of forms) {
    const fields = form.fields
      .map((f) => f.name.replace(/\d+/g, "N"))
      .sort()
      .join(",");
    const hidden = form.fields
      .filter((f) => f.type === "hidden" && /^(intent|mode)$/.test(f.name))
      .map((f) => `${f.name}=${f.value}`)
      .join("&");
    const key = `${form.method} ${routeShape(form.action)} ${fields} ${hidden} ${form.submit?.name}=${form.submit?.value}`;
    if (!out.has(key)) out.set(key, form);
  }
  return [...out.values()];
}
