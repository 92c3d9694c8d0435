// One folder per browser-suite run for seeded stores to copy (tests/e2e/server.ts): the
// test files run in processes of their own, which inherit this process's environment.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export default function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-store-templates-"));
  process.env.SHANHAI_STORE_TEMPLATES = dir;
  return () => {
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
