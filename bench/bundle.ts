// The JS budget, measured by scripts/bundle-size.ts of the checkout under test (imported from
// there, so --root measures that checkout's own build with its own rules).
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { BundleSummary } from "./report";

type BundleSize = typeof import("../scripts/bundle-size");

export interface BundleFigures extends BundleSummary {
  /** every page (route with a component) and locale, gzipped bytes of first-visit JS */
  pages: { route: string; locale: string; gzip: number }[];
}

export async function measureBundle(root: string): Promise<BundleFigures | { error: string }> {
  const script = path.join(root, "scripts", "bundle-size.ts");
  if (!fs.existsSync(script)) return { error: `${script} does not exist` };
  try {
    const sizes = (await import(pathToFileURL(script).href)) as Partial<BundleSize>;
    const { readManifest, pageSize } = sizes;
    if (!readManifest || !pageSize)
      return { error: `${script} does not export readManifest and pageSize` };
    const { LOCALES } = (await import(
      pathToFileURL(path.join(root, "app/i18n/config.ts")).href
    )) as {
      LOCALES: readonly ("zh-CN" | "en")[];
    };
    const manifest = readManifest(path.join(root, "public", "build"));
    const routes = Object.entries(manifest.routes)
      .filter(([, r]) => (r as { hasDefaultExport?: boolean }).hasDefaultExport !== false)
      .map(([id]) => id);
    // read once, where the checkout under test has it, rather than once per page
    const catalogues = sizes.catalogueChunks?.();
    const pages: BundleFigures["pages"] = [];
    for (const route of routes) {
      for (const locale of LOCALES) {
        const size = await pageSize(manifest, route, locale, catalogues);
        pages.push({ route, locale, gzip: size.gzip });
      }
    }
    const product = pages.filter((p) => p.route === "routes/products.$slug");
    if (!product.length) return { error: "no routes/products.$slug in the manifest" };
    const largest = pages.reduce((a, b) => (b.gzip > a.gzip ? b : a));
    return {
      productPage: Math.max(...product.map((p) => p.gzip)),
      largest: { route: `${largest.route} (${largest.locale})`, gzip: largest.gzip },
      pages,
    };
  } catch (error) {
    return { error: `${script}: ${(error as Error).message}` };
  }
}
