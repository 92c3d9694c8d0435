// The coop portal's shipment forms and query strings. Messages are catalogue keys. Read by
// loaders and actions only, so no page bundle carries them (ADR 028).
import { z } from "zod";
import { wholeNumber } from "~/utils/forms";
import { CARRIER_CODES, SHIPMENT_FILTERS, TRACKING_NUMBER_RE } from "./shipment-rules";

/** What a shipment page reports after a change (`?done=`). */
export const SHIPMENT_DONE = z.enum(["packed", "shipped", "corrected", "unchanged"]);

/** The shipment list's query string; anything odd falls back to the default view. */
export const shipListQuery = z.object({
  status: z.enum(SHIPMENT_FILTERS).catch("open"),
  page: wholeNumber().pipe(z.number().int().min(1).max(10_000)).catch(1),
});

/** "Mark shipped" (or correct the tracking): a carrier, and a tracking number without spaces. */
export const shipSchema = z.object({
  carrier: z.enum([...CARRIER_CODES, "other"], { error: "fulfil.errors.carrier" }),
  carrierOther: z
    .string()
    .trim()
    .max(30, "fulfil.errors.carrierOther")
    .optional()
    .transform((v) => v ?? ""),
  trackingNumber: z
    .string({ error: "fulfil.errors.trackingNumber" })
    .transform((v) => v.replace(/\s+/g, ""))
    .pipe(z.string().regex(TRACKING_NUMBER_RE, "fulfil.errors.trackingNumber")),
});
