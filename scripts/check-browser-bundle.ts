// Part of `npm run build`: fails when code that runs in the browser uses a value from a
// `.server` module. Remix's classic compiler replaces those modules with an empty object in
// the browser bundle, so such a page renders on the server and breaks only after hydration
// (the /aid dashboard read DIMENSIONS that way). This bundles each route as Remix does for
// the browser (only its browser exports, `.server` modules stubbed) and looks for reads of
// the stubs that survive tree-shaking. Types may cross; values may not.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";

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

/** Bundles one browser module as Remix would and returns the stubbed values it reads. */
export async function serverValuesUsedBy(file: string): Promise<ServerValueUse[]> {
  const isRoute = !file.endsWith("entry.client.tsx");
  const kept = isRoute ? (await exportsOf(file)).filter((e) => BROWSER_EXPORTS.has(e)) : ["*"];
  const contents = kept.includes("*")
    ? `import ${JSON.stringify(file)};`
    : kept.length
      ? `export { ${kept.join(", ")} } from ${JSON.stringify(file)};`
      : "export {};";
  const result = await esbuild.build({
    stdin: { contents, resolveDir: path.dirname(file), loader: "ts" },
    bundle: true,
    write: false,
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

export async function checkBrowserBundle(files = routeModules()): Promise<ServerValueUse[]> {
  const all = await Promise.all(files.map(serverValuesUsedBy));
  return all.flat();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const uses = await checkBrowserBundle();
  if (uses.length) {
    console.error(
      "Browser code uses values from .server modules, which Remix empties in the browser bundle:",
    );
    for (const u of uses) {
      console.error(`  ${u.module}: ${u.names.join(", ")} from ${u.serverModule}`);
    }
    console.error("Move those values to a plain module (no .server) that both sides import.");
    process.exit(1);
  }
  console.log(`browser bundle check: ${routeModules().length} modules, no .server values used`);
}
