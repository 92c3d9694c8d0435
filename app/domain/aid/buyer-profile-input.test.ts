import { describe, expect, it } from "vitest";
import { yuanToFen } from "~/utils/money";
import { aidProfileSchema, thanksSchema } from "./buyer-profile-input";

describe("institutions", () => {
  it("validates the profile and turns 元 into fen exactly", () => {
    expect(yuanToFen("12,345.6")).toBe(1_234_560);
    expect(yuanToFen("0.29")).toBe(29);
    expect(yuanToFen("1.005")).toBeNull();
    expect(yuanToFen("-5")).toBeNull();
    const bad = aidProfileSchema.safeParse({
      buyerType: "gov_unit",
      orgName: "x",
      fundingSource: "",
      reservedShareYuan: "abc",
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
      ["orgName", "contrib.errors.orgName"],
      ["fundingSource", "contrib.errors.fundingSource"],
      ["reservedShareYuan", "contrib.errors.reservedShare"],
    ]);
    expect(
      aidProfileSchema.parse({
        buyerType: "individual",
        orgName: "留着也没用",
        fundingSource: "canteen",
        reservedShareYuan: "100",
      }),
    ).toEqual({
      buyerType: "individual",
      orgName: null,
      fundingSource: null,
      reservedShareFen: null,
    });
    expect(
      aidProfileSchema.parse({
        buyerType: "gov_unit",
        orgName: " 雨花台区教育局 ",
        fundingSource: "canteen",
        reservedShareYuan: "300000",
      }),
    ).toEqual({
      buyerType: "gov_unit",
      orgName: "雨花台区教育局",
      fundingSource: "canteen",
      reservedShareFen: 30_000_000,
    });
  });

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
