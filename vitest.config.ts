import os from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export const alias = {
  "~": fileURLToPath(new URL("./app", import.meta.url)),
  "#db": fileURLToPath(new URL("./db", import.meta.url)),
  "#tests": fileURLToPath(new URL("./tests", import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    include: [
      "app/**/*.test.{ts,tsx}",
      "db/**/*.test.ts",
      "tests/**/*.test.ts",
      "bench/**/*.test.ts",
    ],
    exclude: ["tests/e2e/**", "tests/security/**", "node_modules/**"],
    setupFiles: ["tests/setup.ts"],
    environment: "node",
    // generous: with two files at a time a busy CI machine can triple a slow test's time;
    // a hung test still fails, a minute later
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // vitest keeps a core for itself by default, which on CI's two cores is one file at a
    // time while most files wait on SQLite, PostgreSQL or a child process (ADR 057)
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
  },
});
