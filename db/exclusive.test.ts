import { afterEach, describe, expect, it } from "vitest";
import { freshDb } from "#tests/db";
import { pgAdminUrl } from "#tests/pg";
import { runExclusively } from "./exclusive";

describe("runExclusively", () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it("runs the work and hands back its result", async () => {
    const store = await freshDb();
    cleanup = store.cleanup;
    await expect(runExclusively(store.db, "sweep", async () => 42)).resolves.toEqual({
      ran: true,
      result: 42,
    });
  });

  it.runIf(pgAdminUrl())(
    "on PostgreSQL, a second server skips a sweep the first is running, and runs it after",
    async () => {
      const store = await freshDb();
      cleanup = store.cleanup;
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let started!: () => void;
      const running = new Promise<void>((r) => (started = r));
      const first = runExclusively(store.db, "sweep", async () => {
        started();
        await held;
        return "first";
      });
      await running;
      // another server: its own pool on the same database
      const { createDatabase } = await import("./connection");
      const other = createDatabase(store.file, { poolSize: 2 });
      try {
        await expect(runExclusively(other, "sweep", async () => "second")).resolves.toEqual({
          ran: false,
        });
        await expect(runExclusively(other, "another sweep", async () => "x")).resolves.toEqual({
          ran: true,
          result: "x",
        });
        release();
        await expect(first).resolves.toEqual({ ran: true, result: "first" });
        await expect(runExclusively(other, "sweep", async () => "second")).resolves.toEqual({
          ran: true,
          result: "second",
        });
      } finally {
        await other.destroy();
      }
    },
  );
});
