import type { Shape } from "../shape";
import type { transparency as zh } from "../zh-CN/transparency";

export const transparency: Shape<typeof zh> = {
  title: "Aid figures in the open",
  lead: "Every consumption-aid sale on Shanhai is written to an append-only ledger. Below: sales of certified aid goods (refunds subtracted) by month, Xining county and paired Nanjing district. No personal data.",
  year: "Year",
  yearTotal: "Certified aid in {{year}}",
  byCounty: {
    title: "{{year}} by county and paired district",
    county: "Xining county",
    district: "Paired Nanjing district",
    amount: "Aid",
    unpaired: "not paired",
  },
  byDistrict: {
    title: "{{year}} by paired Nanjing district",
    district: "Paired district",
    amount: "Aid",
    unpaired: "Xining city (not paired)",
  },
  months: {
    title: "Month by month (¥10,000)",
    lead: "Amounts in units of ¥10,000 (万元), two decimals. A closed month was reported by the aid office and sealed: its figures no longer move, and later refunds count in the month they happen.",
    month: "Month",
    total: "Total",
    closed: "closed",
    open: "open",
    status: "Status",
    empty: "No figures for this year yet.",
  },
  digests: {
    title: "Monthly digests of the ledger",
    lead: "Each ledger entry carries the SHA-256 hash of the entry before it, forming a chain: changing or removing any entry breaks every link after it. When a month is closed we publish its number of entries, its totals by county and the hash of its last entry. Keep the downloaded file: anyone can later use it to check that the ledger was not changed.",
    month: "Month",
    entries: "Entries",
    amount: "Aid",
    lastHash: "Hash of the month's last entry",
    closedAt: "Closed",
    none: "No month of this year has been closed yet.",
    noEntries: "(no entries that month)",
  },
  downloads: {
    title: "Download",
    json: "JSON (all figures and digests)",
    csv: "CSV (by month and county, opens in Excel)",
  },
  how: {
    title: "How it is checked",
    text: "The operator can run npm run ledger:verify at any time: it recomputes the whole hash chain from the first entry and every month's digest, compares them with what is published here, and names the first entry that does not match.",
    voucher:
      "An institution's printed purchase voucher can be checked against the store's records:",
    voucherLink: "check a purchase voucher",
  },
};
