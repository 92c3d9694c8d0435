// /transparency.json and /transparency.csv: the page's figures as files anyone may keep,
// to check the ledger against later (ADR 040). No personal data, like the page.
import { fenToYuan } from "~/utils/money";
import { csvField } from "./exports/csv.server";
import { CHAIN_FORM, CHAIN_FORM_V1, CHAIN_FORM_V2, GENESIS_HASH } from "./ledger-chain.server";
import { transparencyRows, type TransparencyReport } from "./transparency.server";

/** The JSON document: figures in fen, digests as sealed, and how the chain is computed. */
export function transparencyJson(report: TransparencyReport) {
  return {
    year: report.year,
    currency: "CNY",
    amounts: "fen (1/100 yuan); certified aid goods only, refunds subtracted",
    counties: report.counties,
    months: [...report.months].reverse().map((m) => ({
      month: m.month,
      closed: m.closed,
      totalFen: m.totalFen,
      byCounty: report.counties.map((c) => ({ county: c.code, aidFen: m.aidFen[c.code] ?? 0 })),
    })),
    byCounty: report.yearByCounty,
    byPairedDistrict: report.yearByDistrict,
    totalFen: report.yearTotalFen,
    digests: report.digests,
    chain: {
      /** the form new entries are sealed in; each entry records its own (ADR 044, 046) */
      form: CHAIN_FORM,
      forms: [CHAIN_FORM_V1, CHAIN_FORM_V2, CHAIN_FORM],
      algorithm: "hash = sha256(prev_hash || canonical entry), hex",
      genesisPrevHash: GENESIS_HASH,
    },
  };
}

const CSV_COLUMNS = [
  "month",
  "county_code",
  "county_zh",
  "county_en",
  "paired_district_zh",
  "paired_district_en",
  "aid_yuan",
  "aid_fen",
  "month_closed",
  "month_entries",
  "month_last_hash",
];

/** One row per month and county, UTF-8 with a BOM and CRLF like the aid office's exports. */
export function transparencyCsv(report: TransparencyReport): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const row of transparencyRows(report)) {
    lines.push(
      [
        csvField(row.month, "text"),
        csvField(row.countyCode, "text"),
        csvField(row.countyZh, "text"),
        csvField(row.countyEn, "text"),
        csvField(row.pairedDistrictZh, "text"),
        csvField(row.pairedDistrictEn, "text"),
        fenToYuan(row.aidFen),
        String(row.aidFen),
        row.closed ? "yes" : "no",
        row.monthEntries === null ? "" : String(row.monthEntries),
        csvField(row.monthLastHash ?? "", "text"),
      ].join(","),
    );
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
