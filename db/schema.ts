// The one typed view of the database. Timestamps are ISO-8601 strings in UTC; dates
// without a time (certificate expiry) are YYYY-MM-DD; money is integer fen; booleans are 0/1.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";

type Bool = 0 | 1;
type CreatedAt = ColumnType<string, string | undefined, never>;

export interface CountyTable {
  code: string;
  name_zh: string;
  name_en: string;
  paired_district_zh: string | null;
  paired_district_en: string | null;
  story_zh: string;
  story_en: string;
  sort: number;
}

export interface CategoryTable {
  code: string;
  name_zh: string;
  name_en: string;
  group: "agri" | "handicraft";
  sort: number;
}

export interface CooperativeTable {
  id: Generated<number>;
  slug: string;
  county_code: string;
  kind: "cooperative" | "enterprise" | "family_farm";
  name_zh: string;
  name_en: string;
  story_zh: string;
  story_en: string;
  farmers_reached: number;
  founded_year: number;
  created_at: CreatedAt;
}

export type ProductStatus = "draft" | "pending_review" | "active" | "archived";

export interface ProductTable {
  id: Generated<number>;
  slug: string;
  cooperative_id: number;
  category_code: string;
  name_zh: string;
  name_en: string;
  summary_zh: string;
  summary_en: string;
  story_zh: string;
  story_en: string;
  unit_zh: string;
  unit_en: string;
  price_fen: number;
  reference_price_fen: number | null;
  stock: number;
  status: ProductStatus;
  cold_chain: Bool;
  storage_zh: string;
  storage_en: string;
  shelf_life_days: number;
  image: string;
  featured: Bool;
  harvest_season_zh: ColumnType<string | null, string | null | undefined, string | null>;
  harvest_season_en: ColumnType<string | null, string | null | undefined, string | null>;
  /** paid units less refunded ones (recordSale, recordRefund); pages show soldBucket */
  units_sold: ColumnType<number, number | undefined, number>;
  /** pinyin of name_zh for search, one toneless syllable per character ("mao niu rou"), and
   * its initials ("mnr"): written with the name (app/domain/catalog/pinyin.server.ts) */
  name_pinyin: Generated<string>;
  name_initials: Generated<string>;
  created_at: CreatedAt;
  updated_at: string;
}

export interface ProductCertificationTable {
  id: Generated<number>;
  product_id: number;
  kind: string;
  number: string;
  issued_by: string;
  expires_on: string;
}

export interface CollectionTable {
  slug: string;
  name_zh: string;
  name_en: string;
  intro_zh: string;
  intro_en: string;
  certified_only: Bool;
  sort: number;
}

export interface CollectionProductTable {
  collection_slug: string;
  product_id: number;
  sort: number;
}

export interface CartTable {
  id: string;
  user_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: CreatedAt;
  updated_at: string;
}

export interface CartItemTable {
  cart_id: string;
  product_id: number;
  quantity: number;
  added_at: CreatedAt;
}

export type OrderStatus =
  | "pending_payment"
  | "paid"
  | "partially_fulfilled"
  | "fulfilled"
  | "completed"
  | "expired"
  | "cancelled"
  | "refunded"
  | "partially_refunded";

export type BuyerType = "individual" | "gov_unit" | "soe" | "private_enterprise" | "union";
export type FundingSource = "canteen" | "union_funds" | "welfare" | "other";

export interface OrderTable {
  id: Generated<number>;
  user_id: ColumnType<number | null, number | null | undefined, number | null>;
  number: string;
  /** sha256 of the guest access token; the token itself only travels in the link */
  access_token_hash: string;
  status: OrderStatus;
  contact_name: string;
  phone: string;
  email: string | null;
  province: string;
  city: string;
  district: string;
  street: string;
  /** province + city + district + street, normalised (normalizeAddress): one way of writing it */
  address_key: string;
  buyer_type: BuyerType;
  org_name: string | null;
  funding_source: FundingSource | null;
  /** the institution the order was placed for (ADR 042); its ledger key is `org:<id>` */
  institution_id: ColumnType<number | null, number | null | undefined, number | null>;
  invoice_title: string | null;
  tax_id: string | null;
  note: string | null;
  subtotal_fen: number;
  shipping_fen: number;
  total_fen: number;
  aid_eligible_fen: number;
  locale: string;
  payment_gateway: string;
  expires_at: string;
  paid_at: string | null;
  closed_at: string | null;
  /** 1 once reserved stock went back to the shelf; guards against giving it back twice */
  stock_released: ColumnType<Bool, Bool | undefined, Bool>;
  /** delivered by parcel, or collected at a Nanjing counter (ADR 046) */
  fulfilment: ColumnType<Fulfilment, Fulfilment | undefined, Fulfilment>;
  /** sold online, or rung up at a counter's till */
  channel: ColumnType<SalesChannel, SalesChannel | undefined, SalesChannel>;
  /** the counter that holds the goods (pickup) or sold them (till); null for deliveries */
  counter_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** what the shopper shows at the counter (pickup orders, once placed) */
  pickup_code: ColumnType<string | null, string | null | undefined, string | null>;
  collected_at: ColumnType<string | null, string | null | undefined, string | null>;
  collected_by: ColumnType<number | null, number | null | undefined, number | null>;
  collected_by_name: ColumnType<string | null, string | null | undefined, string | null>;
  /** how a till sale was paid at the counter */
  counter_payment: ColumnType<
    CounterPayment | null,
    CounterPayment | null | undefined,
    CounterPayment | null
  >;
  created_at: CreatedAt;
  updated_at: string;
}

export type Fulfilment = "delivery" | "pickup";
export type SalesChannel = "online" | "counter";
export type CounterPayment = "cash" | "card" | "qr";

export interface OrderLineTable {
  id: Generated<number>;
  order_id: number;
  product_id: number;
  product_slug: string;
  product_name_zh: string;
  product_name_en: string;
  unit_zh: string;
  unit_en: string;
  image: string;
  unit_price_fen: number;
  quantity: number;
  line_total_fen: number;
  cooperative_id: number;
  cooperative_name_zh: string;
  county_code: string;
  paired_district_zh: string | null;
  category_code: string;
  category_group: "agri" | "handicraft";
  cold_chain: Bool;
  aid_eligible: Bool;
  aid_cert_number: string | null;
}

export interface PaymentTable {
  id: string;
  order_id: number;
  gateway: string;
  status: "open" | "processing" | "succeeded" | "failed" | "cancelled" | "expired";
  amount_fen: number;
  attempt: number;
  external_url: string | null;
  created_at: CreatedAt;
  updated_at: string;
}

export interface PaymentEventTable {
  id: string;
  gateway: string;
  type: string;
  order_id: number | null;
  /** what the handler did: applied, ignored (not a forward change), unknown_order */
  outcome: string;
  payload: string;
  received_at: string;
}

export type Role = "shopper" | "coop_manager" | "aid_officer" | "admin" | "counter_staff";

export interface UserTable {
  id: Generated<number>;
  email: string | null;
  phone: string | null;
  name: string;
  password_hash: string;
  role: Role;
  email_verified_at: string | null;
  phone_verified_at: string | null;
  disabled_at: string | null;
  buyer_type: ColumnType<BuyerType, BuyerType | undefined, BuyerType>;
  org_name: ColumnType<string | null, string | null | undefined, string | null>;
  funding_source: ColumnType<
    FundingSource | null,
    FundingSource | null | undefined,
    FundingSource | null
  >;
  reserved_share_fen: ColumnType<number | null, number | null | undefined, number | null>;
  thanks_opt_in: ColumnType<Bool, Bool | undefined, Bool>;
  thanks_name: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: CreatedAt;
  updated_at: string;
}

export interface SessionTable {
  id: string;
  user_id: number;
  created_at: CreatedAt;
  expires_at: string;
  revoked_at: string | null;
  user_agent: string | null;
}

export interface LoginAttemptTable {
  id: Generated<number>;
  account_key: string;
  ip: string;
  succeeded: Bool;
  at: string;
}

export interface PasswordResetTable {
  token_hash: string;
  user_id: number;
  created_at: CreatedAt;
  expires_at: string;
  used_at: string | null;
}

export interface VerificationTable {
  token_hash: string;
  user_id: number;
  channel: "email" | "phone";
  target: string;
  code: string | null;
  created_at: CreatedAt;
  expires_at: string;
  used_at: string | null;
}

export interface OutboxTable {
  id: Generated<number>;
  channel: "email" | "sms";
  to: string;
  subject: string;
  body: string;
  created_at: CreatedAt;
  sent_at: string | null;
}

export interface CooperativeManagerTable {
  user_id: number;
  cooperative_id: number;
}

export type ReviewReason = "new" | "changed" | "price_raise";
export type ReviewStatus = "pending" | "approved" | "rejected" | "withdrawn";

export interface ProductReviewTable {
  id: Generated<number>;
  product_id: number;
  cooperative_id: number;
  reason: ReviewReason;
  status: ReviewStatus;
  proposal: ColumnType<string, string | undefined, string>;
  submitted_by: number | null;
  submitted_at: string;
  decided_by: number | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

export interface ProductImageTable {
  id: Generated<number>;
  key: string;
  product_id: number | null;
  cooperative_id: number;
  uploaded_by: number | null;
  width: number;
  height: number;
  created_at: CreatedAt;
  /** place in the product's gallery (0 = cover); null when not shown (replaced, removed) */
  position: ColumnType<number | null, number | null | undefined, number | null>;
  alt: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface FavouriteTable {
  user_id: number;
  product_id: number;
  created_at: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_id: number | null;
  actor_name: string;
  entity: string;
  entity_id: number;
  cooperative_id: number | null;
  action: string;
  before: string | null;
  after: string | null;
  why: string | null;
  at: string;
}

export type ShipmentStatus = "pending" | "packed" | "shipped" | "delivered" | "cancelled";

export interface ShipmentTable {
  id: Generated<number>;
  order_id: number;
  cooperative_id: number;
  status: ShipmentStatus;
  cold_chain: Bool;
  ship_by: string | null;
  carrier: string | null;
  tracking_number: string | null;
  packed_at: string | null;
  shipped_at: string | null;
  delivered_at: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  updated_at: string;
}

export type LedgerEntryType = "sale" | "refund";
export type Bucket = "procurement" | "assisted_sales";

export interface AidLedgerTable {
  id: Generated<number>;
  entry_type: LedgerEntryType;
  order_id: number;
  order_line_id: number;
  refund_id: number | null;
  /** negative for refunds */
  amount_fen: number;
  quantity: number;
  county_code: string;
  paired_district_zh: string | null;
  cooperative_id: number;
  product_id: number;
  category_group: "agri" | "handicraft";
  bucket: Bucket;
  buyer_type: BuyerType;
  /** "" when none (individuals) */
  funding_source: string;
  buyer_key: string;
  eligible: Bool;
  occurred_at: string;
  day: string;
  month: string;
  recorded_at: CreatedAt;
  /** the gift box this entry is a component's share of (its order line's product); null otherwise */
  bundle_product_id: number | null;
  /**
   * the cooperative that sold the order line: the box's seller for a gift box, otherwise the
   * entry's own cooperative (appendLedger fills it in when a writer leaves it out)
   */
  seller_cooperative_id: ColumnType<number, number | undefined, never>;
  /** online, or a counter's till (sealed from form v3; earlier entries were all online) */
  channel: ColumnType<SalesChannel, SalesChannel | undefined, never>;
  /** the counter whose till sold it; null online */
  counter_id: ColumnType<number | null, number | null | undefined, never>;
  /** the canonical form the hash seals: shanhai-ledger-v1 (before ADR 044), -v2, -v3 (ADR 046) */
  chain_form: ColumnType<string, string | undefined, never>;
  /** the hash of the entry before (the genesis hash, 64 zeros, for the first) */
  prev_hash: string;
  /** sha256(prev_hash ‖ canonical entry): app/domain/aid/ledger-chain.server.ts */
  hash: string;
}

/** A reported month's seal (ADR 040): written when the month is reported, never after. */
export interface AidMonthDigestTable {
  month: string;
  entries: number;
  /** JSON: [{ county, entries, aidFen, otherFen }] by county code */
  county_totals: string;
  aid_fen: number;
  other_fen: number;
  last_entry_id: number | null;
  last_hash: string | null;
  closed_at: string;
}

export interface AidRollupDailyTable {
  day: string;
  month: string;
  county_code: string;
  cooperative_id: number;
  product_id: number;
  category_group: string;
  bucket: string;
  buyer_type: string;
  funding_source: string;
  eligible: Bool;
  amount_fen: number;
  quantity: number;
  entries: number;
}

/** aid_rollup_daily by month: what month, quarter and year figures read. */
export type AidRollupMonthlyTable = Omit<AidRollupDailyTable, "day">;

/** Monthly sums along one dimension ("all" with value "" is the total). */
export interface AidMonthTotalsTable {
  dimension: string;
  month: string;
  /** county code, bucket, buyer type, funding source ("" for none), category group,
   *  cooperative id, product id or month, as text */
  value: string;
  eligible: Bool;
  amount_fen: number;
  quantity: number;
  entries: number;
}

/** aid_month_totals by day: the loose days at the ends of a custom range. */
export interface AidDayTotalsTable {
  dimension: string;
  day: string;
  value: string;
  eligible: Bool;
  amount_fen: number;
  quantity: number;
  entries: number;
}

/** Orders with a sale entry that day (eligible, or apart when 0). */
export interface AidOrdersDailyTable {
  day: string;
  eligible: Bool;
  month: string;
  orders: number;
}

/** Cooperatives with an eligible sale that day. */
export interface AidCoopDaysTable {
  day: string;
  cooperative_id: number;
}

/** Buyers with an eligible sale in a period: "2026", "2026-Q4" or "2026-11". */
export interface AidBuyerPeriodsTable {
  period: string;
  buyer_key: string;
}

/** Buyers with an eligible sale that day. */
export interface AidBuyerDaysTable {
  day: string;
  buyer_key: string;
}

/**
 * Buyer days by the buyer's previous eligible day ("" for a buyer's first): the buyers of
 * a range [from, to] are Σ buyers over day in it with prev_day < from.
 */
export interface AidBuyerGapsTable {
  day: string;
  prev_day: string;
  buyers: number;
}

/** Paid orders per Shanghai day and phone, and per day and normalised address. */
export interface AidSplitOrderCountsTable {
  day: string;
  via: "phone" | "address";
  /** the phone as written, or orders.address_key */
  subject: string;
  orders: number;
}

export interface AidQuantityDaysTable {
  /** Shanghai day the order was paid */
  day: string;
  product_id: number;
  /** 采购 or 帮助销售, from the order's buyer type */
  bucket: "procurement" | "assisted_sales";
  quantity: number;
  /** paid order lines of that product, bucket and quantity on that day */
  lines: number;
}

export interface AidBuyerCountsTable {
  period: string;
  buyers: number;
}

export type RefundStatus = "requested" | "succeeded" | "failed";

export interface RefundTable {
  id: Generated<number>;
  order_id: number;
  status: RefundStatus;
  amount_fen: number;
  restock: Bool;
  reason: string;
  idempotency_key: string;
  gateway: string;
  gateway_refund_id: string | null;
  requested_by: number | null;
  requested_by_name: string;
  requested_at: string;
  confirmed_at: string | null;
  failure_reason: string | null;
}

export interface RefundLineTable {
  refund_id: number;
  order_line_id: number;
  quantity: number;
  amount_fen: number;
}

export interface OrderMessageTable {
  id: Generated<number>;
  order_id: number;
  /** placed, paid, shipped:<parcel>, delivered:<parcel>, refunded:<refund>, after_sales:<id>:<decision> */
  event_key: string;
  locale: string;
  created_at: string;
}

export type AfterSalesKind = "refund" | "return";
export type AfterSalesStatus = "open" | "approved" | "rejected";

export interface AfterSalesRequestTable {
  id: Generated<number>;
  order_id: number;
  order_line_id: number;
  cooperative_id: number;
  kind: AfterSalesKind;
  reason_code: string;
  details: string;
  quantity: number;
  status: AfterSalesStatus;
  coop_note: ColumnType<string | null, string | null | undefined, string | null>;
  coop_note_by: ColumnType<string | null, string | null | undefined, string | null>;
  coop_note_at: ColumnType<string | null, string | null | undefined, string | null>;
  decision_reason: ColumnType<string | null, string | null | undefined, string | null>;
  decided_by: ColumnType<string | null, string | null | undefined, string | null>;
  decided_at: ColumnType<string | null, string | null | undefined, string | null>;
  refund_id: ColumnType<number | null, number | null | undefined, number | null>;
  requested_by: number | null;
  created_at: string;
  updated_at: string;
}

export type InvoiceKind = "plain" | "special";
export type InvoiceStatus = "requested" | "issued";

/** A buyer's invoice request for one order (ADR 043): one per order. */
export interface InvoiceRequestTable {
  id: Generated<number>;
  order_id: number;
  kind: InvoiceKind;
  title: string;
  /** 统一社会信用代码; null only on a plain invoice to a person */
  tax_number: string | null;
  /** the four below: special (专票) invoices only */
  registered_address: string | null;
  registered_phone: string | null;
  bank_name: string | null;
  bank_account: string | null;
  status: InvoiceStatus;
  invoice_number: ColumnType<string | null, string | null | undefined, string | null>;
  /** what the invoice was issued for (paid minus refunds then); null while requested */
  amount_fen: ColumnType<number | null, number | null | undefined, number | null>;
  issued_at: ColumnType<string | null, string | null | undefined, string | null>;
  issued_by: ColumnType<string | null, string | null | undefined, string | null>;
  requested_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface AfterSalesPhotoTable {
  request_id: number;
  image_key: string;
  sort: number;
}

export interface AidTargetTable {
  year: number;
  county_code: string;
  target_fen: number;
  set_by_name: string;
  set_at: string;
}

export interface ReportedPeriodTable {
  month: string;
  reported_by_name: string;
  reported_at: string;
}

export interface ContributionCertificateTable {
  code: string;
  buyer_key: string;
  user_id: number | null;
  /** set when the certificate was issued to an institution (its key is `org:<id>`) */
  institution_id: ColumnType<number | null, number | null | undefined, number | null>;
  display_name: string;
  period_start: string;
  period_end: string;
  amount_fen: number;
  issued_at: string;
}

export type InstitutionType = Exclude<BuyerType, "individual">;

/** An institution buyer (ADR 042): 预算单位, 国企, 民企 or 工会, with its purchasers. */
export interface InstitutionTable {
  id: Generated<number>;
  name: string;
  /** 统一社会信用代码, check digit verified; null only for profiles carried over unasked */
  credit_code: string | null;
  type: InstitutionType;
  funding_source: FundingSource;
  /** 预留份额 for the year, in fen */
  reserved_share_fen: number | null;
  thanks_opt_in: ColumnType<Bool, Bool | undefined, Bool>;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export type InstitutionRole = "admin" | "purchaser";

/** Who buys for an institution; a person belongs to at most one. */
export interface InstitutionMemberTable {
  institution_id: number;
  user_id: number;
  role: InstitutionRole;
  added_by: number | null;
  added_at: string;
}

export interface ProductComponentTable {
  bundle_product_id: number;
  component_product_id: number;
  quantity: number;
  share_bp: number;
}

/**
 * One counter per kind of public page content, bumped by triggers on every write that
 * changes what such a page shows (migration 20261201T0100); the page cache compares them.
 */
export interface PageVersionTable {
  scope: "catalogue" | "aid";
  version: number;
}

/** A buyer's review of one delivered order line (not product_reviews: aid approvals). */
export interface BuyerReviewTable {
  id: Generated<number>;
  order_line_id: number;
  order_id: number;
  product_id: number;
  cooperative_id: number;
  user_id: number;
  /** the buyer's name when they wrote it; pages show it masked */
  reviewer_name: string;
  rating: number;
  body: string;
  created_at: string;
  reply_body: ColumnType<string | null, string | null | undefined, string | null>;
  replied_at: ColumnType<string | null, string | null | undefined, string | null>;
  replied_by: ColumnType<number | null, number | null | undefined, number | null>;
  replied_by_name: ColumnType<string | null, string | null | undefined, string | null>;
  hidden_at: ColumnType<string | null, string | null | undefined, string | null>;
  hidden_by: ColumnType<number | null, number | null | undefined, number | null>;
  hidden_by_name: ColumnType<string | null, string | null | undefined, string | null>;
  hidden_reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface BuyerReviewImageTable {
  id: Generated<number>;
  review_id: number;
  key: string;
  width: number;
  height: number;
  sort: number;
}

/** Shown (not hidden) reviews per product: what cards and product pages read. */
export interface BuyerReviewStatsTable {
  product_id: number;
  review_count: number;
  rating_sum: number;
}

/** One saved delivery address of a shopper (see the addresses migration). */
export interface AddressTable {
  id: Generated<number>;
  user_id: number;
  recipient: string;
  phone: string;
  province_code: string;
  province: string;
  city_code: string;
  city: string;
  district_code: string;
  district: string;
  street: string;
  /** at most one 1 per user (a partial unique index) */
  is_default: ColumnType<Bool, Bool | undefined, Bool>;
  created_at: CreatedAt;
  updated_at: string;
}

/** A Nanjing counter: the 绿色有机青海专柜 or the experience hall (ADR 046). */
export interface CounterTable {
  id: Generated<number>;
  slug: string;
  name_zh: string;
  name_en: string;
  address_zh: string;
  address_en: string;
  district_zh: string;
  district_en: string;
  hours_zh: string;
  hours_en: string;
  map_url: string;
  phone: string | null;
  sort: ColumnType<number, number | undefined, number>;
  created_at: string;
}

/** Who works at which counter (one counter per person). */
export interface CounterStaffTable {
  user_id: number;
  counter_id: number;
  added_at: string;
}

/** What a counter has on its shelf, by product; never below zero. */
export interface CounterStockTable {
  counter_id: number;
  product_id: number;
  quantity: number;
  updated_at: string;
}

export interface CounterTransferTable {
  id: Generated<number>;
  counter_id: number;
  cooperative_id: number;
  status: "sent" | "received";
  note: string | null;
  sent_by: number | null;
  sent_by_name: string;
  sent_at: string;
  received_by: ColumnType<number | null, number | null | undefined, number | null>;
  received_by_name: ColumnType<string | null, string | null | undefined, string | null>;
  received_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface CounterTransferLineTable {
  transfer_id: number;
  product_id: number;
  quantity_sent: number;
  /** counted by the counter's staff on arrival; null until received */
  quantity_received: ColumnType<number | null, number | null | undefined, number | null>;
}

/** A stock count or a transfer that arrived short or over, with its reason. */
export interface CounterStockAdjustmentTable {
  id: Generated<number>;
  counter_id: number;
  product_id: number;
  kind: "count" | "transfer";
  transfer_id: number | null;
  expected: number;
  counted: number;
  /** counted − expected */
  difference: number;
  reason: string;
  by_user: number | null;
  by_name: string;
  at: string;
}

/**
 * One uploaded file (a size of a product picture, a review or after-sales photo) when
 * STORAGE=database, the default (ADR 054). `key` is the upload's 32-hex name, `file` the
 * rendering ("400.webp"); neither ever changes once written.
 */
export interface StoredFileTable {
  key: string;
  file: string;
  content_type: string;
  bytes: Buffer;
  created_at: string;
}

export interface Database {
  counters: CounterTable;
  counter_staff: CounterStaffTable;
  counter_stock: CounterStockTable;
  counter_transfers: CounterTransferTable;
  counter_transfer_lines: CounterTransferLineTable;
  counter_stock_adjustments: CounterStockAdjustmentTable;
  counties: CountyTable;
  categories: CategoryTable;
  cooperatives: CooperativeTable;
  products: ProductTable;
  product_certifications: ProductCertificationTable;
  collections: CollectionTable;
  collection_products: CollectionProductTable;
  carts: CartTable;
  cart_items: CartItemTable;
  orders: OrderTable;
  order_lines: OrderLineTable;
  payments: PaymentTable;
  payment_events: PaymentEventTable;
  users: UserTable;
  sessions: SessionTable;
  addresses: AddressTable;
  login_attempts: LoginAttemptTable;
  password_resets: PasswordResetTable;
  verifications: VerificationTable;
  outbox: OutboxTable;
  order_messages: OrderMessageTable;
  after_sales_requests: AfterSalesRequestTable;
  after_sales_photos: AfterSalesPhotoTable;
  invoice_requests: InvoiceRequestTable;
  cooperative_managers: CooperativeManagerTable;
  product_reviews: ProductReviewTable;
  product_images: ProductImageTable;
  audit_log: AuditLogTable;
  shipments: ShipmentTable;
  aid_ledger: AidLedgerTable;
  aid_month_digests: AidMonthDigestTable;
  aid_rollup_daily: AidRollupDailyTable;
  aid_rollup_monthly: AidRollupMonthlyTable;
  aid_month_totals: AidMonthTotalsTable;
  aid_day_totals: AidDayTotalsTable;
  aid_orders_daily: AidOrdersDailyTable;
  aid_coop_days: AidCoopDaysTable;
  aid_buyer_periods: AidBuyerPeriodsTable;
  aid_buyer_counts: AidBuyerCountsTable;
  aid_buyer_days: AidBuyerDaysTable;
  aid_buyer_gaps: AidBuyerGapsTable;
  aid_split_order_counts: AidSplitOrderCountsTable;
  aid_quantity_days: AidQuantityDaysTable;
  refunds: RefundTable;
  refund_lines: RefundLineTable;
  aid_targets: AidTargetTable;
  reported_periods: ReportedPeriodTable;
  contribution_certificates: ContributionCertificateTable;
  institutions: InstitutionTable;
  institution_members: InstitutionMemberTable;
  product_components: ProductComponentTable;
  page_versions: PageVersionTable;
  favourites: FavouriteTable;
  buyer_reviews: BuyerReviewTable;
  buyer_review_images: BuyerReviewImageTable;
  buyer_review_stats: BuyerReviewStatsTable;
  stored_files: StoredFileTable;
}

export type Product = Selectable<ProductTable>;
export type NewProduct = Insertable<ProductTable>;
export type ProductUpdate = Updateable<ProductTable>;
export type Order = Selectable<OrderTable>;
export type OrderLine = Selectable<OrderLineTable>;
