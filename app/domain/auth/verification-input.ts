// The forms that verify a contact (email link, SMS code) and end sessions, on /account and
// /account/verify. Messages are catalogue keys. Browser-safe: no .server imports.
import { z } from "zod";

export const accountActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("send"), channel: z.enum(["email", "phone"]) }),
  z.object({
    intent: z.literal("code"),
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, "auth.errors.code"),
  }),
  z.object({ intent: z.literal("logoutAll") }),
]);

/** The token from an emailed link, posted back by the button on /account/verify. */
export const verifyLinkSchema = z.object({ token: z.string().min(10) });
