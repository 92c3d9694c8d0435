import { describe, expect, it } from "vitest";
import { thanksSchema } from "./buyer-profile-input";

describe("the thanks-board form", () => {
  it("keeps contacts off the thanks board", () => {
    expect(thanksSchema.parse({ optIn: "1", thanksName: " 陈老师 " })).toEqual({
      optIn: true,
      thanksName: "陈老师",
    });
    expect(thanksSchema.parse({})).toEqual({ optIn: false, thanksName: null });
    for (const thanksName of [
      "138 1234 5678",
      "me@example.com",
      "一二三四五六七八九十一二三四五六七八九十一",
    ]) {
      expect(thanksSchema.safeParse({ optIn: "1", thanksName }).success, thanksName).toBe(false);
    }
  });
});
