// The reserved-share table as CSV, in the office's report language (Chinese headers, 元).
import { csvField } from "~/domain/aid/exports/csv.server";
import type { ColumnKind } from "~/domain/aid/exports/columns.server";
import type { ShareRow } from "./reserved-shares.server";

const TYPE_ZH: Record<ShareRow["type"], string> = {
  gov_unit: "预算单位",
  soe: "国有企业",
  private_enterprise: "民营企业",
  union: "工会",
};

const COLUMNS: Array<
  [header: string, kind: ColumnKind, value: (r: ShareRow) => string | number | null]
> = [
  ["单位名称", "text", (r) => r.name],
  ["统一社会信用代码", "text", (r) => r.creditCode ?? ""],
  ["单位类型", "text", (r) => TYPE_ZH[r.type]],
  ["采购人数", "int", (r) => r.purchasers],
  ["年度预留份额（元）", "yuan", (r) => r.reservedFen],
  ["已采购（元）", "yuan", (r) => r.spentFen],
  ["尚差（元）", "yuan", (r) => r.leftFen],
  ["完成比例（%）", "int", (r) => r.percent],
  ["按进度应完成（元）", "yuan", (r) => r.expectedFen],
  ["进度落后", "text", (r) => (r.reservedFen == null ? "未设份额" : r.behind ? "是" : "否")],
];

export function reservedSharesCsv(rows: ShareRow[]): string {
  const head = COLUMNS.map(([h]) => csvField(h, "text")).join(",");
  // an institution without a share has no figures there: an empty cell
  const cell = (v: string | number | null, kind: ColumnKind) =>
    v == null ? "" : csvField(v, kind);
  const body = rows.map((r) => COLUMNS.map(([, kind, value]) => cell(value(r), kind)).join(","));
  return `\uFEFF${[head, ...body].join("\r\n")}\r\n`;
}
