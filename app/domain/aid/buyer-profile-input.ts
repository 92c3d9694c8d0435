// The aid page's profile and thanks-board forms. Messages are catalogue keys.
// Browser-safe: no .server imports.
import { z } from "zod";
import { yuanToFen } from "~/utils/money";
import { BUYER_TYPES, FUNDING_SOURCES } from "./dimensions";

export const aidProfileSchema = z
  .object({
    buyerType: z.enum(BUYER_TYPES, { error: "contrib.errors.buyerType" }),
    orgName: z
      .string()
      .trim()
      .max(80, "contrib.errors.orgName")
      .optional()
      .transform((v) => v || null),
    fundingSource: z
      .union([z.enum(FUNDING_SOURCES), z.literal("")], { error: "contrib.errors.fundingSource" })
      .optional()
      .transform((v) => v || null),
    reservedShareYuan: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null),
  })
  .transform((v, ctx) => {
    if (v.buyerType === "individual") {
      return { buyerType: v.buyerType, orgName: null, fundingSource: null, reservedShareFen: null };
    }
    if (!v.orgName || v.orgName.length < 2) {
      ctx.addIssue({ code: "custom", path: ["orgName"], message: "contrib.errors.orgName" });
    }
    if (!v.fundingSource) {
      ctx.addIssue({
        code: "custom",
        path: ["fundingSource"],
        message: "contrib.errors.fundingSource",
      });
    }
    let reservedShareFen: number | null = null;
    if (v.reservedShareYuan) {
      reservedShareFen = yuanToFen(v.reservedShareYuan);
      if (!reservedShareFen) {
        ctx.addIssue({
          code: "custom",
          path: ["reservedShareYuan"],
          message: "contrib.errors.reservedShare",
        });
      }
    }
    return {
      buyerType: v.buyerType,
      orgName: v.orgName,
      fundingSource: v.fundingSource,
      reservedShareFen,
    };
  });

export type AidProfileInput = z.output<typeof aidProfileSchema>;

/** A chosen name may not carry contacts onto a public page: no phone-like digits, no email. */
const CONTACT_LIKE = /\d{5,}|@/;

export const thanksSchema = z.object({
  optIn: z
    .string()
    .optional()
    .transform((v) => v === "1" || v === "on"),
  thanksName: z
    .string()
    .trim()
    .max(20, "contrib.errors.thanksName")
    .refine((v) => !CONTACT_LIKE.test(v.replace(/[\s-]/g, "")), "contrib.errors.thanksName")
    .optional()
    .transform((v) => v || null),
});

export type ThanksInput = z.output<typeof thanksSchema>;
