// Runs after the other files (vitest.security.config.ts orders them): whatever they sent,
// the store's own log shows no 5xx and no error thrown in a loader or action, including
// for requests no test looked at the answer of (a page's assets in Chromium).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { serverLogProblems } from "./server-log";

describe("the store's log", () => {
  it("shows no 5xx and no error thrown while the suite ran", async () => {
    // global-setup.ts copies the log every 250 ms
    await new Promise((resolve) => setTimeout(resolve, 600));
    const log = fs.readFileSync(path.join(inject("tallyDir"), "server.log"), "utf8");
    expect(log).toMatch(/listening on/);
    expect(serverLogProblems(log)).toEqual([]);
  });
});
