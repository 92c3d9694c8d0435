// The domain and route suite on PostgreSQL (npm run test:pg, ADR 052): the same files as
// vitest.config.ts, each with a database of its own on a throwaway cluster.
import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config";

export default mergeConfig(
  base,
  defineConfig({
    test: {
      globalSetup: ["tests/pg-global-setup.ts"],
    },
  }),
);
