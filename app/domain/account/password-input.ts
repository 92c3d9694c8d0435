import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "../auth/password-rules";

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "accountBook.errors.currentPassword" })
      .min(1, "accountBook.errors.currentPassword")
      .max(200, "accountBook.errors.currentPassword"),
    newPassword: z
      .string({ error: "auth.errors.password" })
      .min(MIN_PASSWORD_LENGTH, "auth.errors.password")
      .max(200, "auth.errors.password"),
    passwordConfirm: z.string({ error: "auth.errors.passwordConfirm" }),
    // a checkbox, ticked by default: present when ticked
    logoutOthers: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "1"),
  })
  .refine((v) => v.newPassword === v.passwordConfirm, {
    path: ["passwordConfirm"],
    message: "auth.errors.passwordConfirm",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "accountBook.errors.samePassword",
  });

/** The password page's two buttons: change it, or only end the other sessions. */
export const passwordIntentSchema = z.object({
  intent: z.enum(["change", "logoutOthers"], { error: "forms.invalid" }),
});
