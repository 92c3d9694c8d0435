// What an export holds: the ledger's entries or one breakdown, and the columns of each.
// Headers are Chinese whatever the UI language: the files go to Chinese aid offices.
import { aidExtra as zh } from "~/i18n/zh-CN/aidExtra";
import { DIMENSIONS, type Dimension } from "../dimensions";

export type Breakdown = "entries" | Dimension;
export const BREAKDOWNS: readonly Breakdown[] = ["entries", ...DIMENSIONS];

/** How a column is written: amounts travel as integer fen and are shown in 元 or 万元. */
export type ColumnKind = "text" | "int" | "yuan" | "wan";
export interface ExportColumn {
  header: string;
  kind: ColumnKind;
  /** XLSX column width in characters */
  width: number;
}
export type ExportValue = string | number;

const ENTRY_COLUMNS: ExportColumn[] = [
  { header: "日期", kind: "text", width: 12 },
  { header: "订单号", kind: "text", width: 20 },
  { header: "县区", kind: "text", width: 16 },
  { header: "结对区", kind: "text", width: 10 },
  { header: "合作社", kind: "text", width: 24 },
  { header: "商品", kind: "text", width: 24 },
  { header: "品类", kind: "text", width: 14 },
  { header: "采购/帮助销售", kind: "text", width: 13 },
  { header: "购买方类型", kind: "text", width: 11 },
  { header: "资金来源", kind: "text", width: 10 },
  { header: "是否计入帮扶", kind: "text", width: 12 },
  { header: "数量", kind: "int", width: 8 },
  { header: "金额（元）", kind: "yuan", width: 14 },
  { header: "金额（万元）", kind: "wan", width: 12 },
  // a gift box's components keep the box and the cooperative that sold it (ADR 044)
  { header: "所属礼包", kind: "text", width: 24 },
  { header: "售出合作社", kind: "text", width: 24 },
  // online, or the counter that sold it (ADR 051)
  { header: "销售渠道", kind: "text", width: 26 },
];

const BREAKDOWN_COLUMNS: ExportColumn[] = [
  { header: "维度", kind: "text", width: 30 },
  { header: "计入帮扶金额（元）", kind: "yuan", width: 20 },
  { header: "计入帮扶金额（万元）", kind: "wan", width: 20 },
  { header: "不计入金额（元）", kind: "yuan", width: 18 },
  { header: "笔数", kind: "int", width: 10 },
];

export function exportColumns(breakdown: Breakdown): ExportColumn[] {
  return breakdown === "entries" ? ENTRY_COLUMNS : BREAKDOWN_COLUMNS;
}

/** 明细 or 按县区（结对区）汇总 and so on: names the file, the sheet and the title. */
export function breakdownTitle(breakdown: Breakdown): string {
  return zh.breakdown[breakdown];
}

export const TOTAL_LABEL = "合计";
