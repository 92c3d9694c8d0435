import { defineConfig } from "vitest/config";
import { alias } from "./vitest.config";

// `npm run test:security`: attacks on the production build (tests/security/README.md).
export default defineConfig({
  resolve: { alias },
  test: {
    include: ["tests/security/**/*.test.ts"],
    globalSetup: ["tests/security/global-setup.ts"],
    environment: "node",
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: "forks",
  },
});
