// The institution page's forms. Messages are catalogue keys. Browser-safe: no .server imports.
import { z } from "zod";
import { yuanToFen } from "~/utils/money";
import { FUNDING_SOURCES } from "~/domain/aid/dimensions";
import { creditCodeProblem, normalizeCreditCode } from "./credit-code";
import { INSTITUTION_TYPES } from "./institution-fields";

export const institutionSchema = z
  .object({
    name: z
      .string({ error: "institutions.errors.name" })
      .trim()
      .min(2, "institutions.errors.name")
      .max(80, "institutions.errors.name"),
    creditCode: z
      .string({ error: "institutions.errors.creditCode.length" })
      .transform(normalizeCreditCode)
      .superRefine((code, ctx) => {
        const problem = creditCodeProblem(code);
        if (problem)
          ctx.addIssue({ code: "custom", message: `institutions.errors.creditCode.${problem}` });
      }),
    type: z.enum(INSTITUTION_TYPES, { error: "institutions.errors.type" }),
    fundingSource: z.enum(FUNDING_SOURCES, { error: "institutions.errors.fundingSource" }),
    // checked here rather than after the object, so its message shows with the others
    reservedShareYuan: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const fen = yuanToFen(v);
        if (!fen) {
          ctx.addIssue({ code: "custom", message: "institutions.errors.reservedShare" });
          return z.NEVER;
        }
        return fen;
      }),
    thanksOptIn: z
      .string()
      .optional()
      .transform((v) => v === "1" || v === "on"),
  })
  .transform(({ reservedShareYuan, ...rest }) => ({
    ...rest,
    reservedShareFen: reservedShareYuan,
  }));

export type InstitutionInput = z.output<typeof institutionSchema>;

/** A purchaser is added by the phone or e-mail they sign in with. */
export const memberSchema = z.object({
  login: z
    .string({ error: "institutions.errors.login" })
    .trim()
    .min(3, "institutions.errors.login")
    .max(120, "institutions.errors.login"),
});

export const removeMemberSchema = z.object({
  userId: z
    .string()
    .regex(/^\d{1,12}$/, "forms.invalid")
    .transform(Number),
});
