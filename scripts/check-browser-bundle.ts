// Part of `npm run build`: fails when code that runs in the browser uses a value from a
// `.server` module. Remix's classic compiler replaces those modules with an empty object in
// the browser bundle, so such a page renders on the server and breaks only after hydration
// (the /aid dashboard read DIMENSIONS that way). This bundles each route as Remix does for
// the browser (only its browser exports, `.server` modules stubbed) and looks for reads of
// the stubs that survive tree-shaking. Types may cross; values may not.
//
// It also fails when zod reaches browser code (ADR 028): in the same per-route bundles,
// naming the app modules that brought it, and in the files `remix build` just wrote
// (build/metafile.js.json). `tsx scripts/check-browser-bundle.ts <files>` checks only those.
//
// And (issue 11) it fails when a route's browser code spells out keys of a catalogue part
// its ROUTE_PARTS entry does not load (app/i18n/messages.ts), and, after a whole build, when
// a page's first visit downloads more JavaScript than its budget (scripts/bundle-size.ts).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { PART_SECTIONS, partOf, partsFor } from "../app/i18n/messages";
import { BUDGET, describeOverBudget, overBudget } from "./bundle-size";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const APP = path.join(ROOT, "app");

/** The exports Remix keeps in a route's browser module (@remix-run/dev routes plugin). */
const BROWSER_EXPORTS = new Set([
  "clientAction",
  "clientLoader",
  "ErrorBoundary",
  "HydrateFallback",
  "Layout",
  "default",
  "handle",
  "links",
  "meta",
  "shouldRevalidate",
]);

export interface ServerValueUse {
  /** the browser module, relative to the repository */
  module: string;
  /** the .server module it reads from */
  serverModule: string;
  names: string[];
}

function routeModules(): string[] {
  const dir = path.join(APP, "routes");
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
      files.push(path.join(dir, entry.name));
    } else if (entry.isDirectory()) {
      for (const name of ["route.tsx", "route.ts"]) {
        const file = path.join(dir, entry.name, name);
        if (fs.existsSync(file)) files.push(file);
      }
    }
  }
  return [path.join(APP, "root.tsx"), path.join(APP, "entry.client.tsx"), ...files];
}

async function exportsOf(file: string): Promise<string[]> {
  const result = await esbuild.build({
    entryPoints: [file],
    bundle: false,
    write: false,
    metafile: true,
    format: "esm",
    outdir: "out",
    logLevel: "silent",
  });
  return Object.values(result.metafile.outputs).flatMap((o) => o.exports);
}

const bundles = new Map<string, ReturnType<typeof bundleOnce>>();
/** One browser module bundled as Remix would: only its browser exports, `.server` stubbed. */
function bundleForBrowser(file: string) {
  let bundle = bundles.get(file);
  if (!bundle) bundles.set(file, (bundle = bundleOnce(file)));
  return bundle;
}

async function bundleOnce(file: string) {
  const isRoute = !file.endsWith("entry.client.tsx");
  const kept = isRoute ? (await exportsOf(file)).filter((e) => BROWSER_EXPORTS.has(e)) : ["*"];
  const contents = kept.includes("*")
    ? `import ${JSON.stringify(file)};`
    : kept.length
      ? `export { ${kept.join(", ")} } from ${JSON.stringify(file)};`
      : "export {};";
  return esbuild.build({
    stdin: { contents, resolveDir: path.dirname(file), loader: "ts" },
    bundle: true,
    write: false,
    metafile: true,
    outdir: path.join(ROOT, "tmp", "browser-bundle-check"),
    format: "esm",
    platform: "browser",
    treeShaking: true,
    minify: false,
    jsx: "automatic",
    tsconfig: path.join(ROOT, "tsconfig.json"),
    loader: { ".css": "empty", ".svg": "empty", ".png": "empty" },
    external: [
      "react",
      "react-dom",
      "react/jsx-runtime",
      "@remix-run/*",
      "react-i18next",
      "node:*",
    ],
    logLevel: "silent",
    plugins: [
      {
        name: "stub-server-modules",
        setup(build) {
          // The same stub Remix uses: a CommonJS module that exports nothing.
          build.onResolve({ filter: /\.server(\.[jt]sx?)?$/ }, (args) => ({
            path: args.path.startsWith("~/")
              ? `app/${args.path.slice(2)}`
              : path.relative(ROOT, path.resolve(args.resolveDir, args.path)),
            namespace: "server-stub",
          }));
          build.onLoad({ filter: /.*/, namespace: "server-stub" }, () => ({
            contents: "module.exports = {};",
            loader: "js",
          }));
        },
      },
    ],
  });
}

type BrowserBundle = Awaited<ReturnType<typeof bundleOnce>>;

/** Bundles one browser module as Remix would and returns the stubbed values it reads. */
export async function serverValuesUsedBy(
  file: string,
  result?: BrowserBundle,
): Promise<ServerValueUse[]> {
  result ??= await bundleForBrowser(file);
  const code = result.outputFiles[0]!.text;
  // esbuild wraps each stub as `var require_x = __commonJS({ "server-stub:<path>"(…`
  // and reads it through `var import_x = __toESM(require_x(), 1)`.
  const stubs = new Map<string, string>();
  for (const [, requireName, stubPath] of code.matchAll(
    /var (require_\w+) = __commonJS\(\{\s*"server-stub:([^"]+)"/g,
  )) {
    stubs.set(requireName!, stubPath!);
  }
  const uses: ServerValueUse[] = [];
  for (const [, binding, requireName] of code.matchAll(
    /var (import_\w+) = __toESM\((require_\w+)\(\)/g,
  )) {
    const stubPath = stubs.get(requireName!);
    if (!stubPath) continue;
    const names = new Set<string>();
    for (const read of code.matchAll(new RegExp(`\\b${binding}\\.(\\w+)`, "g"))) {
      names.add(read[1]!);
    }
    if (names.size) {
      uses.push({
        module: path.relative(ROOT, file),
        serverModule: stubPath,
        names: [...names].sort(),
      });
    }
  }
  return uses;
}

/** A browser module that carries zod, and the app modules whose kept code uses it. */
export interface ZodUse {
  module: string;
  /** app modules (relative to the repository) that import zod and have code in the bundle */
  importers: string[];
}

const ZOD = /(^|\/)node_modules\/zod\//;

/**
 * The app modules through which zod reaches a browser bundle, read from esbuild's metafile:
 * those that import zod and keep code in an output that also holds zod's own code.
 */
export function zodImporters(metafile: esbuild.Metafile): string[] {
  const importers = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    const inputs = Object.entries(output.inputs).filter(([, i]) => i.bytesInOutput > 0);
    if (!inputs.some(([name]) => ZOD.test(name))) continue;
    for (const [name] of inputs) {
      if (ZOD.test(name) || name.includes("node_modules/")) continue;
      if (metafile.inputs[name]?.imports.some((i) => ZOD.test(i.path))) importers.add(name);
    }
  }
  return [...importers].sort();
}

/** The outputs holding zod's code (in a whole build zod may sit in a chunk of its own). */
export function chunksWithZod(metafile: esbuild.Metafile): string[] {
  return chunksWith(metafile, ZOD);
}

/** The outputs holding code of the package whose path `pkg` matches. */
function chunksWith(metafile: esbuild.Metafile, pkg: RegExp): string[] {
  return Object.entries(metafile.outputs)
    .filter(([, o]) => Object.entries(o.inputs).some(([n, i]) => pkg.test(n) && i.bytesInOutput))
    .map(([name]) => name)
    .sort();
}

/**
 * Packages only the server may load: pinyin-pro's dictionary (search keys, issue 12) is
 * hundreds of kilobytes that no page needs; qrcode draws the certificates' QR codes as SVG
 * on the server (ADR 045), so pages receive the drawing, never the encoder.
 */
const SERVER_ONLY = /(^|\/)node_modules\/(pinyin-pro|qrcode)\//;

/** The built browser files holding a server-only package. */
export function chunksWithServerOnly(metafile: esbuild.Metafile): string[] {
  return chunksWith(metafile, SERVER_ONLY);
}

export async function inspectBrowserModules(files = routeModules()) {
  const results = await Promise.all(
    files.map(async (file) => {
      const bundle = await bundleForBrowser(file);
      const zod = chunksWithZod(bundle.metafile).length
        ? [{ module: path.relative(ROOT, file), importers: zodImporters(bundle.metafile) }]
        : [];
      return { serverValues: await serverValuesUsedBy(file, bundle), zod };
    }),
  );
  return {
    serverValues: results.flatMap((r) => r.serverValues),
    zod: results.flatMap((r): ZodUse[] => r.zod),
  };
}

export async function checkBrowserBundle(files = routeModules()): Promise<ServerValueUse[]> {
  return (await inspectBrowserModules(files)).serverValues;
}

/** The route id Remix gives a route module (`root`, `routes/<file or folder name>`). */
export function routeIdOf(file: string): string {
  const rel = path.relative(APP, file).replace(/\\/g, "/");
  if (rel === "root.tsx") return "root";
  return rel.replace(/\/route\.tsx?$/, "").replace(/\.tsx?$/, "");
}

/**
 * A route and the layouts around it: flat routes nest by their dotted prefix ("a.b.c" in
 * "a.b" in "a"; "a_.b" opts out of "a" and is not matched), and a page loads its layouts' parts.
 */
export function withLayouts(route: string): string[] {
  const ids = [route];
  for (let i = route.lastIndexOf("."); i > 0; i = route.lastIndexOf(".", i - 1)) {
    ids.push(route.slice(0, i));
  }
  return ids;
}

/** A route whose browser code uses catalogue sections its ROUTE_PARTS entry does not load. */
export interface MissingParts {
  module: string;
  route: string;
  parts: string[];
}

/**
 * Catalogue sections (i18n/messages.ts) whose keys a browser module spells out, as string or
 * template literals ("dash.…", `fulfil.status.${s}`), that its route does not load before it
 * renders: such a page would show keys, or suspend where it cannot. Keys that arrive as data
 * are not seen; they are domain error codes, shown through useMessage().
 */
export async function missingCatalogueParts(files = routeModules()): Promise<MissingParts[]> {
  const found = await Promise.all(
    files.map(async (file): Promise<MissingParts | null> => {
      if (file.endsWith("entry.client.tsx")) return null;
      const code = (await bundleForBrowser(file)).outputFiles[0]!.text;
      const route = routeIdOf(file);
      const loaded = new Set<string>(partsFor(withLayouts(route)));
      const parts = new Set<string>();
      const names = Object.values(PART_SECTIONS).flat();
      const pattern = new RegExp(`["'\`](${names.join("|")})\\.[\\w$]`, "g");
      for (const [, section] of code.matchAll(pattern)) {
        const part = partOf(`${section}.`);
        if (!loaded.has(part)) parts.add(part);
      }
      return parts.size
        ? { module: path.relative(ROOT, file), route, parts: [...parts].sort() }
        : null;
    }),
  );
  return found.filter((m): m is MissingParts => m !== null);
}

/** Remix's own metafile of the browser build, written by `remix build`. */
function builtBrowserMetafile(): esbuild.Metafile | null {
  const file = path.join(ROOT, "build", "metafile.js.json");
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : null;
}

function reportServerValues(uses: ServerValueUse[]) {
  console.error(
    "Browser code uses values from .server modules, which Remix empties in the browser bundle:",
  );
  for (const u of uses)
    console.error(`  ${u.module}: ${u.names.join(", ")} from ${u.serverModule}`);
  console.error("Move those values to a plain module (no .server) that both sides import.");
}

function reportZod(uses: ZodUse[], builtChunks: string[]) {
  console.error("zod is in the browser bundle (ADR 028):");
  for (const u of uses) console.error(`  ${u.module}, through ${u.importers.join(", ") || "?"}`);
  for (const chunk of builtChunks) console.error(`  built: ${chunk}`);
  console.error(
    "A module that builds schemas when it loads must give pages nothing they use: move the\n" +
      "values pages show to a plain *-fields.ts module (re-export it with `export *`), and a\n" +
      "route's schema to an *-input.ts module its loader or action imports.",
  );
}

function reportMissingParts(missing: MissingParts[]) {
  console.error("Browser code uses catalogue parts its route does not load before rendering:");
  for (const m of missing) console.error(`  ${m.module} (${m.route}): ${m.parts.join(", ")}`);
  console.error("List them for the route in ROUTE_PARTS (app/i18n/messages.ts).");
}

async function main(files: string[]) {
  const { serverValues, zod } = await inspectBrowserModules(files.length ? files : undefined);
  const missing = await missingCatalogueParts(files.length ? files : undefined);
  const built = files.length ? null : builtBrowserMetafile();
  const builtChunks = built ? chunksWithZod(built) : [];
  const serverOnly = built ? chunksWithServerOnly(built) : [];
  // The JavaScript budget of the pages just built (ADR 029), only for a whole build.
  const over = built ? await overBudget() : [];
  if (serverValues.length) reportServerValues(serverValues);
  if (zod.length || builtChunks.length) reportZod(zod, builtChunks);
  if (missing.length) reportMissingParts(missing);
  if (serverOnly.length) {
    console.error("A server-only package (pinyin-pro, qrcode) is in the browser bundle:");
    for (const chunk of serverOnly) console.error(`  built: ${chunk}`);
    console.error("Import it only from *.server.ts modules.");
  }
  if (over.length) {
    console.error(
      "Pages over their JavaScript budget (gzipped, first visit; npm run bundle:size):",
    );
    console.error(describeOverBudget(over));
  }
  if (
    serverValues.length ||
    zod.length ||
    builtChunks.length ||
    serverOnly.length ||
    missing.length ||
    over.length
  ) {
    process.exit(1);
  }
  console.log(
    `browser bundle check: ${files.length || routeModules().length} modules, no .server values used, no zod, ` +
      "catalogue parts listed" +
      (built
        ? ` (and no zod, pinyin-pro or qrcode in ${Object.keys(built.outputs).length} built files; every page within ` +
          `${BUDGET.anyPage / 1024} KB gz, the product page ${BUDGET["routes/products.$slug"] / 1024})`
        : ""),
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2).map((f) => path.resolve(f)));
}
