// `npm run payments:reconcile`: one reconciliation pass against DATABASE_URL (PostgreSQL) or
// DATABASE_PATH (default data/shanhai.sqlite): asks Stripe about each Checkout Session and refund still unsettled
// after RECONCILE_AFTER_MINUTES (default 10) and applies what Stripe says through the
// webhook handler, then prints each answer and a summary. The server does the same every
// RECONCILE_SECONDS when PAYMENT_GATEWAY=stripe; running both at once is harmless.
// Options: --after <minutes> (override the threshold), --limit <n> (per kind, default 50).
// Exit 0 when every call was answered, 1 if some failed (they are asked again next run),
// 2 if it could not start (no database, no STRIPE_SECRET_KEY).
import { parseArgs } from "node:util";
import { openScriptDatabase } from "../db/script-target";
import {
  formatReconcileReport,
  RECONCILE_PAGE,
  reconcileStripe,
} from "../app/domain/payments/reconcile.server";
import { stripeClient } from "../app/domain/payments/stripe-client.server";
import { env } from "../app/utils/env.server";

const positive = (value: string | undefined, name: string, fallback: number): number => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`payments:reconcile: --${name} must be a whole number, not ${value}`);
    process.exit(2);
  }
  return n;
};

let config;
try {
  config = env();
} catch (error) {
  console.error(`payments:reconcile: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
const { values } = parseArgs({
  options: { after: { type: "string" }, limit: { type: "string" } },
});
if (!config.STRIPE_SECRET_KEY) {
  console.error("payments:reconcile: STRIPE_SECRET_KEY is not set");
  process.exit(2);
}
const { db, label: file } = openScriptDatabase("payments:reconcile", {
  env: { ...process.env, DATABASE_URL: config.DATABASE_URL, DATABASE_PATH: config.DATABASE_PATH },
});
try {
  const afterMinutes = positive(values.after, "after", config.RECONCILE_AFTER_MINUTES);
  const report = await reconcileStripe(db, stripeClient(), {
    afterMinutes,
    limit: Math.max(1, positive(values.limit, "limit", RECONCILE_PAGE)),
  });
  console.log(`database: ${file} (unsettled for ${afterMinutes} minutes or more)`);
  console.log(formatReconcileReport(report));
  process.exitCode = report.errors.length ? 1 : 0;
} catch (error) {
  console.error("payments:reconcile: failed:", error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
