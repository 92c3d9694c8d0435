// The reserved-share table's query (page and CSV alike): year, column and direction; anything
// odd falls back to this year, by name, ascending.
import { parseYear } from "~/domain/aid/targets-input";
import { shanghaiYear } from "~/utils/time";
import { SHARE_SORTS } from "./institution-fields";

export function shareQuery(search: URLSearchParams) {
  return {
    year: parseYear(search.get("year")) ?? shanghaiYear(),
    sort: SHARE_SORTS.find((s) => s === search.get("sort")) ?? "name",
    descending: search.get("dir") === "desc",
  };
}
