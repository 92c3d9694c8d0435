import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";
import { alias } from "./vitest.config";

/**
 * The files share one store (tests/security/global-setup.ts): the payloads are read where
 * they show before the fuzz of every field overwrites them, and the fuzz, which changes
 * the most, runs last.
 */
const ORDER = [
  "stored-xss",
  "exports",
  "uploads",
  "tampering",
  "sessions",
  "webhooks",
  "requests",
  "injection",
];
const rank = (file: TestSpecification) => {
  const i = ORDER.findIndex((name) => file.moduleId.endsWith(`/${name}.test.ts`));
  return i === -1 ? ORDER.length : i;
};

class InOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]) {
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}

// `npm run test:security`: the production build attacked through its own forms.
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
    sequence: { sequencer: InOrder },
  },
});
