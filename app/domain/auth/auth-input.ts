import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "./password-rules";

const login = z
  .string({ error: "auth.errors.login" })
  .trim()
  .min(3, "auth.errors.login")
  .max(120, "auth.errors.login");
const password = z
  .string({ error: "auth.errors.password" })
  .min(MIN_PASSWORD_LENGTH, "auth.errors.password")
  .max(200, "auth.errors.password");

export const loginSchema = z.object({
  login,
  password: z.string({ error: "auth.errors.password" }).min(1, "auth.errors.password").max(200),
  redirectTo: z.string().optional(),
});

export const signupSchema = z
  .object({
    login,
    name: z
      .string({ error: "auth.errors.name" })
      .trim()
      .min(1, "auth.errors.name")
      .max(30, "auth.errors.name"),
    password,
    passwordConfirm: z.string({ error: "auth.errors.passwordConfirm" }),
    redirectTo: z.string().optional(),
  })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ["passwordConfirm"],
    message: "auth.errors.passwordConfirm",
  });

export const resetSchema = z
  .object({ token: z.string().min(10), password, passwordConfirm: z.string() })
  .refine((v) => v.password === v.passwordConfirm, {
    path: ["passwordConfirm"],
    message: "auth.errors.passwordConfirm",
  });

export const forgotSchema = z.object({ login });
