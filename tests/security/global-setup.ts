// One production build of the store for the whole security suite, on loopback with a fresh
// seeded SQLite file, behind a pretend proxy (TRUST_PROXY=1) so each test visitor has an
// address of its own. At the end: how many attempts of each kind the files made, and any
// 5xx the server logged, which fails the run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { startServer } from "../e2e/server";
import { serverLogProblems } from "./server-log";

export default async function setup(project: TestProject) {
  const started = Date.now();
  const server = await startServer({ TRUST_PROXY: "1" });
  const tallyDir = fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-security-tally-"));
  project.provide("baseUrl", server.baseUrl);
  project.provide("dbFile", server.dbFile);
  project.provide("tallyDir", tallyDir);
  // what the store printed, for server-log.test.ts (the files run in other processes)
  const log = path.join(tallyDir, "server.log");
  const copyLog = setInterval(() => fs.writeFileSync(log, server.output()), 250);

  return async () => {
    clearInterval(copyLog);
    const output = server.output();
    await server.stop();
    const totals = new Map<string, number>();
    for (const file of fs.readdirSync(tallyDir).filter((f) => f.endsWith(".tally.json"))) {
      const counts = JSON.parse(fs.readFileSync(path.join(tallyDir, file), "utf8")) as Record<
        string,
        number
      >;
      for (const [kind, n] of Object.entries(counts)) totals.set(kind, (totals.get(kind) ?? 0) + n);
    }
    fs.rmSync(tallyDir, { recursive: true, force: true });
    const rows = [...totals].sort(([a], [b]) => a.localeCompare(b));
    const width = Math.max(...rows.map(([k]) => k.length), 10);
    const total = rows.reduce((sum, [, n]) => sum + n, 0);
    console.log(
      [
        "",
        "security suite: attempts by kind",
        ...rows.map(([kind, n]) => `  ${kind.padEnd(width)}  ${String(n).padStart(6)}`),
        `  ${"total".padEnd(width)}  ${String(total).padStart(6)}`,
        `  run time ${Math.round((Date.now() - started) / 1000)} s (server start included)`,
        "",
      ].join("\n"),
    );
    // server-log.test.ts fails the run on these; this says so again if it did not run
    const failures = serverLogProblems(output);
    if (failures.length) {
      throw new Error(`the store answered 5xx or logged errors:\n${failures.join("\n")}`);
    }
  };
}
