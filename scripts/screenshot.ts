// Takes full-page screenshots of store pages: `tsx scripts/screenshot.ts BASE_URL OUT_DIR path...`
// e.g. tsx scripts/screenshot.ts http://127.0.0.1:3000 docs/screenshots / /products
import path from "node:path";
import fs from "node:fs";
import { openBrowser } from "../tests/e2e/browser";

const [base = "http://127.0.0.1:3000", out = "tmp/screenshots", ...paths] = process.argv.slice(2);
const mobile = process.env.MOBILE === "1";
fs.mkdirSync(out, { recursive: true });
const browser = await openBrowser({
  viewport: mobile ? { width: 390, height: 844 } : { width: 1280, height: 900 },
});
try {
  const page = await browser.context.newPage();
  for (const p of paths.length ? paths : ["/"]) {
    await page.goto(new URL(p, base).toString(), { waitUntil: "networkidle" });
    const name =
      (p.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "") || "home") +
      (mobile ? "-mobile" : "") +
      ".png";
    await page.screenshot({ path: path.join(out, name), fullPage: process.env.FULL !== "0" });
    console.log(path.join(out, name));
  }
} finally {
  await browser.close();
}
