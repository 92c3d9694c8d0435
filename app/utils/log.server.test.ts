import { afterEach, describe, expect, it } from "vitest";
import { captureLog } from "#tests/log";
import { formatLine, log, withRequestScope } from "./log.server";

describe("the server log", () => {
  let captured: ReturnType<typeof captureLog> | undefined;
  afterEach(() => {
    captured?.restore();
    captured = undefined;
  });

  const capture = () => {
    captured = captureLog();
    return captured.entries;
  };

  it("writes one JSON object per line: time, level, message and the fields", () => {
    const line = formatLine("info", "request", { status: 200 }, new Date("2026-12-01T08:00:00Z"));
    expect(line.endsWith("\n")).toBe(true);
    expect(line.split("\n")).toHaveLength(2);
    expect(JSON.parse(line)).toEqual({
      time: "2026-12-01T08:00:00.000Z",
      level: "info",
      msg: "request",
      status: 200,
    });
  });

  it("carries the id of the request being served, through awaits", async () => {
    const lines = capture();
    await withRequestScope({ requestId: "req-1" }, async () => {
      await new Promise((r) => setTimeout(r, 5));
      log.warn("slow sweep");
    });
    log.warn("outside any request");
    expect(lines()).toMatchObject([
      { level: "warn", msg: "slow sweep", requestId: "req-1" },
      { level: "warn", msg: "outside any request" },
    ]);
  });

  it("puts an error's message and stack on the line", () => {
    const lines = capture();
    withRequestScope({ requestId: "req-2" }, () => log.error("expiry sweep failed", new Error("database is locked"))); // prettier-ignore
    const [line] = lines();
    expect(line).toMatchObject({ level: "error", requestId: "req-2", err: { message: "database is locked" } }); // prettier-ignore
    expect(line!.err.stack).toContain("log.server.test.ts");
  });

  it("keeps quiet about what went well under NODE_ENV=test", () => {
    const lines = capture();
    log.info("request");
    expect(lines()).toEqual([]);
  });
});
