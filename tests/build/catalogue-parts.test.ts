// The build-time check that a route loads the catalogue parts its browser code shows (issue
// 11): the browser loads the storefront's part for every page and other parts only for the
// routes listed in ROUTE_PARTS (app/i18n/messages.ts).
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { missingCatalogueParts, routeIdOf } from "../../scripts/check-browser-bundle";

const ROOT = path.resolve(__dirname, "..", "..");
const DIR = path.join(ROOT, "tmp", `parts-check-${process.pid}`);

function write(name: string, text: string): string {
  const file = path.join(DIR, name);
  fs.writeFileSync(file, text);
  return file;
}

beforeAll(() => fs.mkdirSync(DIR, { recursive: true }));
afterAll(() => fs.rmSync(DIR, { recursive: true, force: true }));

describe("catalogue parts in the browser", () => {
  it("flags a route that shows a portal section's keys, through a component or a template", async () => {
    write(
      "status.tsx",
      "import { useTranslation } from 'react-i18next';\n" +
        "export function Status({ s }: { s: string }) {\n" +
        "  const { t } = useTranslation();\n" +
        "  return <b>{t(`fulfil.status.${s}` as never)}</b>;\n}\n",
    );
    const route = write(
      "route.tsx",
      "import { useTranslation } from 'react-i18next';\n" +
        "import { Status } from './status';\n" +
        "export default function Page() {\n" +
        "  const { t } = useTranslation();\n" +
        "  return <p>{t('dash.title' as never)}{t('checkout.title' as never)}{t('nav.cart')}<Status s='x' /></p>;\n}\n",
    );
    const [missing] = await missingCatalogueParts([route]);
    expect(missing?.parts).toEqual(["dash", "fulfil", "ordering"]);
  });

  it("passes every route of the app as listed", async () => {
    expect(await missingCatalogueParts()).toEqual([]);
  });

  it("names routes as Remix does", () => {
    const app = path.join(ROOT, "app");
    expect(routeIdOf(path.join(app, "root.tsx"))).toBe("root");
    expect(routeIdOf(path.join(app, "routes", "aid.report", "route.tsx"))).toBe("routes/aid.report");
    expect(routeIdOf(path.join(app, "routes", "products.$slug.tsx"))).toBe("routes/products.$slug");
  });
});
