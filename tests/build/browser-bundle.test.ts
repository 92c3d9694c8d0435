// The build-time check that browser code takes no values from .server modules.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkBrowserBundle, serverValuesUsedBy } from "../../scripts/check-browser-bundle";

const ROOT = path.resolve(__dirname, "..", "..");
const DIR = path.join(ROOT, "tmp", `bundle-check-${process.pid}`);

function write(name: string, text: string): string {
  const file = path.join(DIR, name);
  fs.writeFileSync(file, text);
  return file;
}

beforeAll(() => {
  fs.mkdirSync(DIR, { recursive: true });
  write(
    "figures.server.ts",
    `export const KINDS = ["county", "month"] as const;\nexport type Kind = (typeof KINDS)[number];\nexport function load() { return KINDS.length; }\n`,
  );
  write("figures.ts", `export const KINDS = ["county", "month"] as const;\n`);
});
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

describe("browser bundle check", () => {
  it("flags a page component that reads a value from a .server module", async () => {
    const route = write(
      "bad-route.tsx",
      `import { KINDS, load } from "./figures.server";
export async function loader() { return load(); }
export default function Page() { return <p>{KINDS.filter((k) => k !== "month").join()}</p>; }
`,
    );
    expect(await serverValuesUsedBy(route)).toEqual([
      {
        module: path.relative(ROOT, route),
        serverModule: path.relative(ROOT, path.join(DIR, "figures.server")),
        names: ["KINDS"],
      },
    ]);
  });

  it("allows .server values in loaders and actions, and types anywhere", async () => {
    const route = write(
      "good-route.tsx",
      `import { load, type Kind } from "./figures.server";
import { KINDS } from "./figures";
export async function loader() { return load(); }
export async function action() { return load() + 1; }
export default function Page() { const k: Kind = KINDS[0]; return <p>{k}</p>; }
`,
    );
    expect(await serverValuesUsedBy(route)).toEqual([]);
  });

  it("finds none in the app's routes, root and client entry", async () => {
    expect(await checkBrowserBundle()).toEqual([]);
  }, 60_000);
});
