// `npm run lighthouse`: Lighthouse (mobile profile, Debian Chromium) on the home, catalogue
// and a product page of the production build with the demo data. Prints the four category
// scores as a markdown table and writes tmp/lighthouse/*.json (the full reports).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ROOT, startServer } from "../tests/e2e/server";

const PAGES = ["/", "/products", "/products/yak-shank"];
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const out = path.join(ROOT, "tmp", "lighthouse");
fs.mkdirSync(out, { recursive: true });

const server = await startServer();
const rows: string[] = [];
let failed = false;
try {
  for (const page of PAGES) {
    const file = path.join(
      out,
      `${page.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home"}.json`,
    );
    const run = spawnSync(
      path.join(ROOT, "node_modules", ".bin", "lighthouse"),
      [
        `${server.baseUrl}${page}`,
        "--output=json",
        `--output-path=${file}`,
        "--quiet",
        `--only-categories=${CATEGORIES.join(",")}`,
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking --disable-component-update --disable-sync",
      ],
      {
        env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? "/usr/bin/chromium" },
        encoding: "utf8",
        timeout: 180_000,
      },
    );
    if (run.status !== 0 || !fs.existsSync(file)) {
      failed = true;
      console.error(`lighthouse failed on ${page}:\n${run.stdout}\n${run.stderr}`);
      continue;
    }
    const report = JSON.parse(fs.readFileSync(file, "utf8")) as {
      categories: Record<string, { score: number | null }>;
    };
    const scores = CATEGORIES.map((c) => Math.round((report.categories[c]?.score ?? 0) * 100));
    rows.push(`| \`${page}\` | ${scores.join(" | ")} |`);
  }
} finally {
  await server.stop();
}
console.log("| page | performance | accessibility | best practices | SEO |");
console.log("| --- | --- | --- | --- | --- |");
for (const row of rows) console.log(row);
process.exitCode = failed ? 1 : 0;
