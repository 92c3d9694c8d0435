// `npm run bundle:size` (after `npm run build`): the gzipped JavaScript a first visit to a page
// downloads. Starts from the browser manifest Remix writes (public/build/manifest-*.js): the
// entry, root and every route module of the page's route hierarchy, then follows each
// chunk's static imports, transitively and once each. A dynamic import() is loaded at start
// only for the message catalogue of the visitor's language (entry.client awaits it before
// hydrating), so of those only the chunk named after that locale is counted; the rest load
// when something asks for them.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import * as esbuild from "esbuild";
import { LOCALES, type Locale } from "../app/i18n/config";

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

/** The static and dynamic imports of one built chunk, as URL paths, read by esbuild's parser. */
export async function importsOf(url: string): Promise<{ static: string[]; dynamic: string[] }> {
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

/** Whether a lazily imported chunk is the message catalogue of `locale` (named after it). */
function isCatalogueOf(url: string, locale: Locale): boolean {
  return path.posix.basename(url).startsWith(`${locale}-`);
}

/** Entry, root and the route's ancestors and itself: the modules a document request loads. */
function startingModules(manifest: BrowserManifest, routeId: string): string[] {
  const chain: ManifestRoute[] = [];
  for (
    let r = manifest.routes[routeId];
    r;
    r = r.parentId ? manifest.routes[r.parentId] : undefined
  ) {
    chain.unshift(r);
  }
  if (!chain.length) throw new Error(`no route ${routeId} in the manifest`);
  return [manifest.entry, ...chain].flatMap((m) => [m.module, ...(m.imports ?? [])]);
}

export async function pageSize(
  manifest: BrowserManifest,
  route: string,
  locale: Locale,
): Promise<PageSize> {
  const seen = new Set<string>();
  const queue = startingModules(manifest, route);
  while (queue.length) {
    const url = queue.shift()!;
    if (seen.has(url)) continue;
    seen.add(url);
    const imports = await importsOf(url);
    queue.push(...imports.static, ...imports.dynamic.filter((u) => isCatalogueOf(u, locale)));
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
  const total = buildTotal();
  rows.push(["all of public/build", "", String(total.files), kb(total.gzip), ""]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join("  "));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
