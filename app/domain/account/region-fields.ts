// What the region picker needs in the browser: plain values and types only (no data, no
// schema), so that the page bundle carries neither the country's division list nor zod.

/** 江苏省 南京市: the store's home, first in every list and the picker's starting point. */
export const HOME_PROVINCE = "32";
export const HOME_CITY = "3201";

export interface RegionOption {
  code: string;
  name: string;
}

/** One city of a province with its districts: what the picker loads per province. */
export interface CityRegions extends RegionOption {
  districts: RegionOption[];
}

/** The resource route that answers one province's cities and districts as JSON. */
export const REGIONS_PATH = "/account/regions";

/** The lists and the choice a picker starts from, as the server rendered them. */
export interface PickerState {
  provinces: RegionOption[];
  /** the chosen province's cities, each with its districts */
  cities: CityRegions[];
  provinceCode: string;
  /** "" while no city is chosen */
  cityCode: string;
  districtCode: string;
}
