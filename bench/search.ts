// How long a catalogue search takes on 10,000 products (issue 12: about 15 ms or less).
// Not part of `npm test`: `npx tsx bench/search.ts [count]`. A fresh database in a temporary
// folder, the demo seed plus generated variants (bench/products.ts), then each query a few
// times through listProducts as /products runs it; prints the median and the slowest.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDatabase, migrateToLatest } from "../db/connection";
import { seedDemo } from "../db/seed";
import { listProducts } from "../app/domain/catalog/catalog.server";
import { searchSuggestions } from "../app/domain/catalog/suggest.server";
import { generateProducts } from "./products";

const QUERIES = ["牦牛", "草莓", "maoniu", "mn", "Mao Niu", "yak", "青稞 挂面", "caomei", "草梅"];
const RUNS = 15;

async function main() {
  const count = Number(process.argv[2] ?? 10_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-search-"));
  const file = path.join(dir, "bench.sqlite");
  const writer = createDatabase(file);
  await migrateToLatest(writer);
  await seedDemo(writer);
  await generateProducts(writer, { count });
  await writer.destroy();
  // opened afresh, as the store opens it on start: the planner's statistics are refreshed then
  const db = createDatabase(file);
  try {
    const time = async (run: () => Promise<unknown>) => {
      const ms: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const start = performance.now();
        await run();
        ms.push(performance.now() - start);
      }
      ms.sort((a, b) => a - b);
      return { min: ms[0]!, median: ms[Math.floor(RUNS / 2)]!, max: ms.at(-1)! };
    };
    console.log(`${count} generated products + the demo seed; ${RUNS} runs each (ms)`);
    for (const q of QUERIES) {
      const { total } = await listProducts(db, { q }, "zh-CN");
      const list = await time(() => listProducts(db, { q }, "zh-CN"));
      const page3 = await time(() => listProducts(db, { q, page: 3, category: "meat" }, "zh-CN"));
      console.log(
        `${q.padEnd(10)} ${String(total).padStart(5)} found  list ${list.median.toFixed(1)} (min ${list.min.toFixed(1)}, max ${list.max.toFixed(1)})` +
          `  page 3 of meat ${page3.median.toFixed(1)}`,
      );
    }
    const first = performance.now();
    await searchSuggestions(db, "草梅");
    console.log(
      `suggestions, first (builds the word list): ${(performance.now() - first).toFixed(1)}`,
    );
    for (const q of ["草梅", "caomie", "maonui", "strawbery"]) {
      const s = await time(() => searchSuggestions(db, q));
      console.log(`suggestions ${q.padEnd(10)} ${s.median.toFixed(1)} (max ${s.max.toFixed(1)})`);
    }
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
