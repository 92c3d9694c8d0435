// The domain and route suite on PostgreSQL (npm run test:pg, ADR 052): the same files as
// vitest.config.ts, each with a database of its own on a throwaway cluster.
import { defineConfig, mergeConfig } from "vitest/config";
import { PG_PENDING } from "./tests/pg-pending";
import base from "./vitest.config";

const pending = process.env.PG_PENDING === "run" ? [] : Object.keys(PG_PENDING);
if (pending.length) {
  console.log(`test:pg leaves out ${pending.length} file(s) not yet passing on PostgreSQL:`);
  for (const file of pending) console.log(`  ${file}: ${PG_PENDING[file]}`);
}

export default mergeConfig(
  base,
  defineConfig({
    test: {
      globalSetup: ["tests/pg-global-setup.ts"],
      exclude: [
        ...(base.test?.exclude ?? []),
        // no database in them: the browser bundle's checks and the text catalogues run the
        // same on either engine, and npm test has run them
        "tests/build/**",
        "app/i18n/**",
        ...pending,
      ],
    },
  }),
);
