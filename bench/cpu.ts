// `npm run bench:cpu [-- ROOT [N]]`: server CPU milliseconds per page request, one worker,
// read from /proc (Linux): unlike req/s it holds on a busy machine. ROOT serves another checkout.
import { execSync } from "node:child_process";
import fs from "node:fs";
import { Client } from "./client";
import { pageScenarios, signedInShopper } from "./scenarios";
import { startStore } from "./store";

const root = process.argv[2] ?? process.cwd();
const n = Number(process.argv[3] ?? 200);
const store = await startStore({ root, workers: "1", products: 10_000, checkoutRuns: 0 });
try {
  const port = new URL(store.baseUrl).port;
  const pid = execSync(`fuser ${port}/tcp 2>/dev/null`).toString().trim().split(/\s+/)[0];
  const ticks = () => {
    const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return Number(f[11]) + Number(f[12]); // utime + stime, clock ticks (100/s)
  };
  const shopper = await signedInShopper(store.baseUrl, store.dbFile);
  const rows: string[] = [];
  for (const s of await pageScenarios(store.dbFile)) {
    for (const who of ["anonymous", "signed-in"] as const) {
      const client = new Client(store.baseUrl);
      if (who === "signed-in") client.useCookies(shopper.cookie);
      for (let i = 0; i < 20; i++) await client.get(s.path);
      const t0 = ticks();
      const w0 = performance.now();
      for (let i = 0; i < n; i++) {
        const r = await client.get(s.path);
        if (r.status !== 200) throw new Error(`${s.path} ${r.status}`);
      }
      const cpu = ((ticks() - t0) * 10) / n;
      rows.push(
        `| ${s.name} | ${who} | ${cpu.toFixed(2)} | ${((performance.now() - w0) / n).toFixed(2)} |`,
      );
    }
  }
  console.log(
    `root ${root}\n| page | visitor | server CPU ms/request | wall ms |\n|---|---|--:|--:|\n${rows.join("\n")}`,
  );
} finally {
  await store.stop();
}
