// The coop portal's shipment forms, for the server and the browser (no .server imports).
import { z } from "zod";
import { CARRIER_CODES, SHIPMENT_FILTERS, TRACKING_NUMBER_RE } from "./shipment-rules";
import { wholeNumber } from "~/utils/forms";

/** What a shipment page reports after a change (`?done=`). */
export const SHIPMENT_DONE = z.enum(["packed", "shipped", "corrected", "unchanged"]);

/** The shipment list's query string; anything odd falls back to the default view. */
export const shipListQuery = z.object({
  status: z.enum(SHIPMENT_FILTERS).catch("open"),
  page: wholeNumber().pipe(z.number().int().min(1).max(10_000)).catch(1),
});

/**
 * "Mark shipped" (or correct the tracking): a listed carrier, or "other" with its name typed,
 * and a tracking number with the spaces people copy along dropped. "Other" without a name is
 * reported even when another field failed, so every mistake shows in one go.
 */
export const shipSchema = z
  .object({
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
  })
  .superRefine(
    (v, ctx) => {
      const name = typeof v.carrierOther === "string" ? v.carrierOther.trim() : "";
      if (v.carrier === "other" && !name) {
        ctx.addIssue({
          code: "custom",
          path: ["carrierOther"],
          message: "fulfil.errors.carrierOther",
        });
      }
    },
    { when: () => true },
  )
  .transform(({ carrier, carrierOther, trackingNumber }) => ({
    carrier: carrier === "other" ? carrierOther : carrier,
    trackingNumber,
  }));
export type ShipInput = z.output<typeof shipSchema>;
