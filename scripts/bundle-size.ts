// `npm run bundle:size` (after `npm run build`): the gzipped JavaScript a first visit to a page
// downloads. Starts from the browser manifest Remix writes (public/build/manifest-*.js): the
// entry, root and every route module of the page's route hierarchy, then follows each
// chunk's static imports, transitively and once each. Of the dynamic imports, only the
// message catalogue parts entry.client awaits before hydrating are counted: the storefront's
// part and the sections the page's routes list (i18n/messages.ts ROUTE_PARTS), in the
// visitor's language, found by their source file in build/metafile.js.json; the rest load
// when something asks for them.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { LOCALES, type Locale } from "../app/i18n/config";
import { partsFor, type Part } from "../app/i18n/messages";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PUBLIC = path.join(ROOT, "public");

interface ManifestRoute {
  id: string;
  parentId?: string;
  module: string;
  imports?: string[];
}

export interface BrowserManifest {
  entry: { module: string; imports?: string[] };
  routes: Record<string, ManifestRoute>;
}

export interface PageSize {
  route: string;
  locale: Locale;
  /** URL path of each file, with its gzipped size in bytes */
  files: { url: string; gzip: number }[];
  gzip: number;
}

export function readManifest(buildDir = path.join(PUBLIC, "build")): BrowserManifest {
  const file = fs.readdirSync(buildDir).find((f) => /^manifest-.*\.js$/.test(f));
  if (!file) throw new Error(`no manifest-*.js in ${buildDir}: run npm run build first`);
  const text = fs.readFileSync(path.join(buildDir, file), "utf8");
  return JSON.parse(text.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, ""));
}

const gzipCache = new Map<string, number>();
export function gzipSizeOf(url: string): number {
  let size = gzipCache.get(url);
  if (size === undefined) {
    size = gzipSync(fs.readFileSync(path.join(PUBLIC, url)), { level: 9 }).length;
    gzipCache.set(url, size);
  }
  return size;
}

const importsCache = new Map<string, Promise<{ static: string[]; dynamic: string[] }>>();
/** The static and dynamic imports of one built chunk, as URL paths, read by esbuild's parser. */
export function importsOf(url: string): Promise<{ static: string[]; dynamic: string[] }> {
  let found = importsCache.get(url);
  if (!found) importsCache.set(url, (found = parseImports(url)));
  return found;
}

async function parseImports(url: string): Promise<{ static: string[]; dynamic: string[] }> {
  const result = await esbuild.build({
    entryPoints: [path.join(PUBLIC, url)],
    bundle: true,
    write: false,
    metafile: true,
    logLevel: "silent",
    plugins: [
      {
        name: "everything-external",
        setup(build) {
          build.onResolve({ filter: /.*/ }, (args) =>
            args.kind === "entry-point" ? undefined : { path: args.path, external: true },
          );
        },
      },
    ],
  });
  const found = { static: [] as string[], dynamic: [] as string[] };
  for (const input of Object.values(result.metafile.inputs)) {
    for (const imp of input.imports) {
      const target = path.posix.resolve(path.posix.dirname(url), imp.path);
      if (imp.kind === "import-statement") found.static.push(target);
      else if (imp.kind === "dynamic-import") found.dynamic.push(target);
    }
  }
  return found;
}

/**
 * The built chunk (URL path) of each catalogue part per language, from the browser build's
 * metafile: `app/i18n/zh-CN-shop.ts` is zh-CN's storefront part, `app/i18n/en/dash.ts`
 * English's "dash" section.
 */
export function catalogueChunks(
  metafileFile = path.join(ROOT, "build", "metafile.js.json"),
): Map<string, { locale: Locale; part: Part }> {
  const metafile = JSON.parse(fs.readFileSync(metafileFile, "utf8")) as esbuild.Metafile;
  const chunks = new Map<string, { locale: Locale; part: Part }>();
  for (const [output, { entryPoint }] of Object.entries(metafile.outputs)) {
    const m = entryPoint?.match(/^app\/i18n\/(zh-CN|en)(?:-(shop)|\/(\w+))\.ts$/);
    if (!m || !output.endsWith(".js")) continue;
    const url = "/" + path.posix.relative("public", output);
    chunks.set(url, { locale: m[1] as Locale, part: (m[2] ?? m[3]) as Part });
  }
  return chunks;
}

/** Entry, root and the route's ancestors and itself: the modules a document request loads. */
function routeChain(manifest: BrowserManifest, routeId: string): ManifestRoute[] {
  const chain: ManifestRoute[] = [];
  for (
    let r = manifest.routes[routeId];
    r;
    r = r.parentId ? manifest.routes[r.parentId] : undefined
  ) {
    chain.unshift(r);
  }
  if (!chain.length) throw new Error(`no route ${routeId} in the manifest`);
  return chain;
}

export async function pageSize(
  manifest: BrowserManifest,
  route: string,
  locale: Locale,
  catalogues = catalogueChunks(),
): Promise<PageSize> {
  const chain = routeChain(manifest, route);
  const parts = new Set(partsFor(chain.map((r) => r.id)));
  const needed = (url: string) => {
    const chunk = catalogues.get(url);
    return chunk !== undefined && chunk.locale === locale && parts.has(chunk.part);
  };
  const seen = new Set<string>();
  const queue = [manifest.entry, ...chain].flatMap((m) => [m.module, ...(m.imports ?? [])]);
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const imports = await importsOf(url);
    queue.push(...imports.static, ...imports.dynamic.filter(needed));
  }
  const files = [...seen].map((url) => ({ url, gzip: gzipSizeOf(url) }));
  files.sort((a, b) => b.gzip - a.gzip);
  return { route, locale, files, gzip: files.reduce((sum, f) => sum + f.gzip, 0) };
}

/** Gzipped bytes of every .js file under public/build, and how many there are. */
export function buildTotal(dir = path.join(PUBLIC, "build")): { files: number; gzip: number } {
  let files = 0;
  let gzip = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".js")) continue;
    files += 1;
    gzip += gzipSizeOf(path.relative(PUBLIC, path.join(entry.parentPath, entry.name)));
  }
  return { files, gzip };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

/** The JavaScript budget (gzipped, first visit, either language): issue 11. */
export const BUDGET = { "routes/products.$slug": 100 * 1024, anyPage: 150 * 1024 };

/** Every page route over its budget, in either language, largest first. */
export async function overBudget(manifest = readManifest()): Promise<PageSize[]> {
  const over: PageSize[] = [];
  const catalogues = catalogueChunks();
  for (const route of Object.keys(manifest.routes)) {
    const limit = BUDGET[route as keyof typeof BUDGET] ?? BUDGET.anyPage;
    for (const locale of LOCALES) {
      const size = await pageSize(manifest, route, locale, catalogues);
      if (size.gzip > limit) over.push(size);
    }
  }
  return over.sort((a, b) => b.gzip - a.gzip);
}

/** The page that downloads the most JavaScript, of all routes and languages. */
export async function largestPage(manifest = readManifest()): Promise<PageSize> {
  const catalogues = catalogueChunks();
  let largest: PageSize | undefined;
  for (const route of Object.keys(manifest.routes)) {
    for (const locale of LOCALES) {
      const size = await pageSize(manifest, route, locale, catalogues);
      if (!largest || size.gzip > largest.gzip) largest = size;
    }
  }
  return largest!;
}

export function describeOverBudget(over: PageSize[]): string {
  const lines = over.map((p) => {
    const limit = BUDGET[p.route as keyof typeof BUDGET] ?? BUDGET.anyPage;
    const top = p.files.slice(0, 3).map((f) => `${f.url} ${kb(f.gzip)}`);
    return `  ${p.route} (${p.locale}): ${kb(p.gzip)} KB gz, budget ${kb(limit)}; largest: ${top.join(", ")}`;
  });
  return lines.join("\n");
}

export const PAGES = [
  { name: "product page", route: "routes/products.$slug" },
  { name: "catalogue", route: "routes/products._index" },
];

async function main() {
  const manifest = readManifest();
  const rows: string[][] = [["page", "lang", "files", "KB gz", "largest file (KB gz)"]];
  for (const page of PAGES) {
    for (const locale of LOCALES) {
      const size = await pageSize(manifest, page.route, locale);
      const largest = size.files[0]!;
      rows.push([
        page.name,
        locale,
        String(size.files.length),
        kb(size.gzip),
        `${largest.url} (${kb(largest.gzip)})`,
      ]);
    }
  }
  const largest = await largestPage(manifest);
  rows.push([
    `largest: ${largest.route}`,
    largest.locale,
    String(largest.files.length),
    kb(largest.gzip),
    "",
  ]);
  const total = buildTotal();
  rows.push(["all of public/build", "", String(total.files), kb(total.gzip), ""]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join("  "));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
