// Migrations are listed here rather than read from disk so that the same list works
// under tsx, vitest and inside the bundled Remix server.
import type { Migration } from "kysely";
import * as initial from "./20261128T2300_initial";
import * as accountsPortal from "./20261128T2330_accounts_portal";
import * as aidLedger from "./20261129T0000_aid_ledger";
import * as aidCounts from "./20261129T0100_aid_counts";
import * as unsettledPayments from "./20261130T0000_unsettled_payments";
import * as pageVersions from "./20261201T0100_page_versions";
import * as aidBuyerGaps from "./20261201T0200_aid_buyer_gaps";
import * as splitOrderCounts from "./20261201T0201_split_order_counts";
import * as aidRollupDailyCovering from "./20261201T0202_aid_rollup_daily_covering";
import * as aidDayTotals from "./20261201T0203_aid_day_totals";
import * as aidQuantityDays from "./20261201T0400_aid_quantity_days";
import * as catalogueIndexes from "./20261201T0500_catalogue_indexes";
import * as productPage from "./20261202T0100_product_page";
import * as buyerReviews from "./20261202T0200_buyer_reviews";
import * as searchPinyin from "./20261202T0300_search_pinyin";
import * as addresses from "./20261202T0400_addresses";
import * as ledgerChain from "./20261202T0700_ledger_chain";
import * as orderMessagesAfterSales from "./20261202T0500_order_messages_after_sales";
import * as institutions from "./20261203T0100_institutions";
import * as invoiceRequests from "./20261203T0200_invoice_requests";
import * as ledgerGiftBoxes from "./20261203T0300_ledger_gift_boxes";
import * as counters from "./20261204T0100_counters";
import * as counterStockShown from "./20261204T0200_counter_stock_shown";
import * as aidChannel from "./20261204T0400_aid_channel";
import * as storedFiles from "./20261205T0200_stored_files";

export const migrations: Record<string, Migration> = {
  "20261128T2300_initial": initial,
  "20261128T2330_accounts_portal": accountsPortal,
  "20261129T0000_aid_ledger": aidLedger,
  "20261129T0100_aid_counts": aidCounts,
  "20261130T0000_unsettled_payments": unsettledPayments,
  "20261201T0100_page_versions": pageVersions,
  "20261201T0200_aid_buyer_gaps": aidBuyerGaps,
  "20261201T0201_split_order_counts": splitOrderCounts,
  "20261201T0202_aid_rollup_daily_covering": aidRollupDailyCovering,
  "20261201T0203_aid_day_totals": aidDayTotals,
  "20261201T0400_aid_quantity_days": aidQuantityDays,
  "20261201T0500_catalogue_indexes": catalogueIndexes,
  "20261202T0100_product_page": productPage,
  "20261202T0200_buyer_reviews": buyerReviews,
  "20261202T0300_search_pinyin": searchPinyin,
  "20261202T0400_addresses": addresses,
  "20261202T0700_ledger_chain": ledgerChain,
  "20261202T0500_order_messages_after_sales": orderMessagesAfterSales,
  "20261203T0100_institutions": institutions,
  "20261203T0200_invoice_requests": invoiceRequests,
  "20261203T0300_ledger_gift_boxes": ledgerGiftBoxes,
  "20261204T0100_counters": counters,
  "20261204T0200_counter_stock_shown": counterStockShown,
  "20261204T0400_aid_channel": aidChannel,
  "20261205T0200_stored_files": storedFiles,
};
