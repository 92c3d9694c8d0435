// The build-time check that zod stays out of browser code (ADR 028). The fixtures live in the
// repository (tmp/), so they are bundled under its package.json and its "sideEffects" list,
// as the app's own modules are.
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inspectBrowserModules } from "../../scripts/check-browser-bundle";

const ROOT = path.resolve(__dirname, "..", "..");
const DIR = path.join(ROOT, "tmp", `zod-check-${process.pid}`);
const rel = (name: string) => path.relative(ROOT, path.join(DIR, name));

function write(name: string, text: string): string {
  const file = path.join(DIR, name);
  fs.writeFileSync(file, text);
  return file;
}

const PAGE = `export default function Page() { return <p>{KINDS.join()}</p>; }\n`;

beforeAll(() => {
  fs.mkdirSync(DIR, { recursive: true });
  // The values and the schema in one module, as *-input.ts files used to be.
  write(
    "mixed-input.ts",
    `import { z } from "zod";
export const KINDS = ["county", "month"] as const;
export const kindSchema = z.object({ kind: z.enum(KINDS) });
`,
  );
  // The values in a plain module, re-exported by the module that builds the schema.
  write("kind-fields.ts", `export const KINDS = ["county", "month"] as const;\n`);
  write(
    "kind-input.ts",
    `import { z } from "zod";
import { KINDS } from "./kind-fields";
export * from "./kind-fields";
export const kindSchema = z.object({ kind: z.enum(KINDS) });
`,
  );
});
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

describe("zod in the browser bundle", () => {
  it("flags a page that shows a value from a module that builds a schema when it loads", async () => {
    const route = write(
      "leaky-route.tsx",
      `import { KINDS, kindSchema } from "./mixed-input";
export async function action() { return kindSchema.parse({ kind: "county" }); }
${PAGE}`,
    );
    const { zod } = await inspectBrowserModules([route]);
    expect(zod).toEqual([{ module: rel("leaky-route.tsx"), importers: [rel("mixed-input.ts")] }]);
  });

  it("flags a schema built at the top of a route module", async () => {
    const route = write(
      "route-schema.tsx",
      `import { z } from "zod";
const KINDS = ["county"] as const;
const schema = z.object({ kind: z.enum(KINDS) });
export async function action() { return schema.parse({ kind: "county" }); }
${PAGE}`,
    );
    const { zod } = await inspectBrowserModules([route]);
    expect(zod).toEqual([{ module: rel("route-schema.tsx"), importers: [rel("route-schema.tsx")] }]);
  });

  it("allows a schema module the page imports for its action, values re-exported from a plain one", async () => {
    const route = write(
      "tidy-route.tsx",
      `import { KINDS, kindSchema } from "./kind-input";
export async function action() { return kindSchema.parse({ kind: "county" }); }
${PAGE}`,
    );
    expect(await inspectBrowserModules([route])).toEqual({ serverValues: [], zod: [] });
  });

  it("makes the build step fail, naming the route and the module", async () => {
    const route = path.join(DIR, "leaky-route.tsx");
    const run = promisify(execFile)(
      path.join(ROOT, "node_modules", ".bin", "tsx"),
      ["scripts/check-browser-bundle.ts", route],
      { cwd: ROOT },
    );
    await expect(run).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining(`${rel("leaky-route.tsx")}, through ${rel("mixed-input.ts")}`),
    });
  }, 60_000);

  it("finds none in the app's routes, root and client entry", async () => {
    expect((await inspectBrowserModules()).zod).toEqual([]);
  }, 60_000);
});
