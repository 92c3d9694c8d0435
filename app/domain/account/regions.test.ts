import { describe, expect, it } from "vitest";
import { HOME_CITY, HOME_PROVINCE } from "./region-fields";
import {
  citiesOf,
  listProvinces,
  pickerState,
  regionByNames,
  resolveRegion,
} from "./regions.server";

const NANJING_DISTRICTS = [
  "玄武区",
  "秦淮区",
  "建邺区",
  "鼓楼区",
  "浦口区",
  "栖霞区",
  "雨花台区",
  "江宁区",
  "六合区",
  "溧水区",
  "高淳区",
];

describe("the division list", () => {
  it("puts 江苏省 and 南京市 first, with Nanjing's 11 districts", () => {
    const provinces = listProvinces();
    expect(provinces[0]).toEqual({ code: HOME_PROVINCE, name: "江苏省" });
    expect(provinces.length).toBe(31);
    const cities = citiesOf(HOME_PROVINCE);
    expect(cities[0]).toMatchObject({ code: HOME_CITY, name: "南京市" });
    expect(cities[0]!.districts.map((d) => d.name)).toEqual(NANJING_DISTRICTS);
    expect(citiesOf("99")).toEqual([]);
  });

  it("checks that the district lies in the city and the city in the province", () => {
    expect(
      resolveRegion({ provinceCode: "63", cityCode: "6301", districtCode: "630121" }),
    ).toMatchObject({ province: "青海省", city: "西宁市", district: "大通回族土族自治县" });
    const wrong = (provinceCode: string, cityCode: string, districtCode: string) => {
      try {
        resolveRegion({ provinceCode, cityCode, districtCode });
        return null;
      } catch (error) {
        return (error as { field: string }).field;
      }
    };
    expect(wrong("00", "3201", "320102")).toBe("provinceCode");
    expect(wrong("33", "3201", "320102")).toBe("cityCode");
    expect(wrong("32", "3202", "320102")).toBe("districtCode");
    expect(wrong("32", "3201", "")).toBe("districtCode");
  });

  it("finds the codes of an address typed as names, or nothing", () => {
    expect(
      regionByNames({ province: "江苏省", city: "南京市", district: " 江宁区" }),
    ).toMatchObject({ provinceCode: "32", cityCode: "3201", districtCode: "320115" });
    expect(regionByNames({ province: "江苏省", city: "南京市", district: "海淀区" })).toBeNull();
    expect(regionByNames({ province: "江苏", city: "南京", district: "江宁区" })).toBeNull();
  });

  it("starts the picker in Nanjing and drops codes that do not fit", () => {
    const start = pickerState({});
    expect(start).toMatchObject({ provinceCode: "32", cityCode: "3201", districtCode: "" });
    // another province: its cities, no city chosen yet (the old one is not among them)
    const moved = pickerState({ provinceCode: "63", cityCode: "3201", districtCode: "320102" });
    expect(moved).toMatchObject({ provinceCode: "63", cityCode: "", districtCode: "" });
    expect(moved.cities[0]!.name).toBe("西宁市");
    const kept = pickerState({ provinceCode: "32", cityCode: "3205", districtCode: "320505" });
    expect(kept).toMatchObject({ cityCode: "3205", districtCode: "320505" });
  });
});
