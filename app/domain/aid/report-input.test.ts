import { describe, expect, it } from "vitest";
import { parseReportMonth } from "./report-input";

describe("parseReportMonth", () => {
  const now = new Date("2026-03-31T17:00:00Z"); // already 1 April in Shanghai

  it("is this Shanghai month when none was typed", () => {
    expect(parseReportMonth("", now)).toBe("2026-04");
    expect(parseReportMonth("  ", now)).toBe("2026-04");
  });

  it("reads a typed month, and refuses what is not one", () => {
    expect(parseReportMonth(" 2026-02 ", now)).toBe("2026-02");
    expect(parseReportMonth("2026-13", now)).toBeNull();
    expect(parseReportMonth("March", now)).toBeNull();
  });
});
