import { shanghaiYear } from "~/utils/time";
import { z } from "zod";
import {
  decimalInteger,
  screenControlCharacters,
  type FieldErrors,
  type Parsed,
} from "~/utils/forms";
import { MIN_PASSWORD_LENGTH } from "../auth/password-rules";
import { COOPERATIVE_KINDS, FIRST_FOUNDED_YEAR, SLUG_RE, STAFF_ROLES } from "./admin-fields";

// The values pages show (lists, limits, field names) live in admin-fields.ts, which builds no
// schema; a page importing them from here gets them through `export *` without this
// module and zod (ADR 028).
export * from "./admin-fields";

// What an admin submits at /admin. Messages are catalogue keys, shown beside the field.
// Route modules import it: no .server imports here. Rules that need the database (slug
// taken, county exists, login taken) live in admin.server.ts.

/** A whole number typed in a form (or given as a number by code). Blank is missing. */
const wholeNumber = (min: number, max: () => number, key: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (v.trim() === "" ? undefined : decimalInteger(v)) : v),
    z
      .number({ error: key })
      .int(key)
      .min(min, key)
      .refine((n) => n <= max(), key),
  );

/** A row id from a form (decimal digits) or from code (a number). */
const recordId = (key: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? decimalInteger(v) : v),
    z.number({ error: key }).int(key).positive(key),
  );

const text = (min: number, max: number, key: string) =>
  z.string({ error: key }).trim().min(min, key).max(max, key);

const story = z
  .string()
  .trim()
  .max(2000, "admin.errors.tooLong")
  .optional()
  .transform((v) => v ?? "");

export const cooperativeSchema = z.object({
  slug: z
    .string({ error: "admin.errors.slug" })
    .trim()
    .toLowerCase()
    .min(3, "admin.errors.slug")
    .max(60, "admin.errors.slug")
    .regex(SLUG_RE, "admin.errors.slug"),
  county: z
    .string({ error: "admin.errors.county" })
    .trim()
    .regex(/^[a-z][a-z0-9_-]{1,39}$/, "admin.errors.county"),
  kind: z.enum(COOPERATIVE_KINDS, { error: "admin.errors.kind" }),
  nameZh: text(2, 60, "admin.errors.nameZh"),
  nameEn: text(2, 100, "admin.errors.nameEn"),
  storyZh: story,
  storyEn: story,
  farmersReached: wholeNumber(0, () => 1_000_000, "admin.errors.farmersReached"),
  foundedYear: wholeNumber(FIRST_FOUNDED_YEAR, () => shanghaiYear(), "admin.errors.foundedYear"),
});

export type CooperativeInput = z.output<typeof cooperativeSchema>;

/** A manager looks after at least one cooperative; nobody else looks after any. */
function cooperativesError(role: unknown, count: number): string | null {
  if (role === "coop_manager" && count === 0) return "admin.errors.cooperativesRequired";
  if (role !== "coop_manager" && count > 0) return "admin.errors.cooperativesOnlyForManagers";
  return null;
}

/** Counter staff work at exactly one counter; nobody else is bound to one (ADR 047). */
function counterError(role: unknown, counterId: unknown): string | null {
  const chosen = counterId !== undefined && counterId !== "";
  if (role === "counter_staff" && !chosen) return "admin.errors.counterRequired";
  if (role !== "counter_staff" && chosen) return "admin.errors.counterOnlyForCounterStaff";
  return null;
}

/** A counter chosen in the form, or none (blank). */
const optionalCounterId = z.preprocess(
  (v) => (v === "" ? undefined : v),
  recordId("admin.errors.counterMissing").optional(),
);

export const staffSchema = z
  .object({
    login: text(3, 120, "admin.errors.login"),
    name: text(2, 40, "admin.errors.name"),
    role: z.enum(STAFF_ROLES, { error: "admin.errors.role" }),
    password: z
      .string({ error: "admin.errors.password" })
      .min(MIN_PASSWORD_LENGTH, "admin.errors.password")
      .max(200, "admin.errors.password"),
    cooperativeIds: z
      .array(recordId("admin.errors.cooperativeMissing"), {
        error: "admin.errors.cooperativeMissing",
      })
      .optional()
      .transform((ids) => [...new Set(ids ?? [])]),
    counterId: optionalCounterId,
  })
  .superRefine((v, ctx) => {
    const message = cooperativesError(v.role, v.cooperativeIds.length);
    if (message) ctx.addIssue({ code: "custom", path: ["cooperativeIds"], message });
    const counter = counterError(v.role, v.counterId);
    if (counter) ctx.addIssue({ code: "custom", path: ["counterId"], message: counter });
  });

export type StaffInput = z.input<typeof staffSchema>;
export type ValidStaffInput = z.output<typeof staffSchema>;

export const membershipSchema = z.object({
  userId: recordId("admin.errors.userMissing"),
  cooperativeId: recordId("admin.errors.cooperativeMissing"),
});

/**
 * Like parseForm, but keeps every ticked cooperative (a repeated field). The password is
 * never sent back to the page.
 */
export function parseStaffForm(formData: FormData): Parsed<ValidStaffInput> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && key !== "cooperativeIds" && key !== "password") {
      values[key] = value;
    }
  }
  const cooperativeIds = formData
    .getAll("cooperativeIds")
    .filter((v): v is string => typeof v === "string" && v !== "");
  values.cooperativeIds = cooperativeIds.join(",");
  const password = formData.get("password") ?? undefined;
  const result = staffSchema.safeParse({ ...values, password, cooperativeIds });
  const screened = screenControlCharacters({
    ...values,
    ...(typeof password === "string" ? { password } : {}),
  });
  delete screened.values.password;
  if (result.success && Object.keys(screened.errors).length === 0) {
    return { ok: true, data: result.data };
  }
  const errors: FieldErrors = { ...screened.errors };
  for (const issue of result.error?.issues ?? []) {
    errors[String(issue.path[0] ?? "_form")] ??= issue.message;
  }
  // the schema checks role against cooperatives only once every field parses; say it now
  const mismatch = errors.role ? null : cooperativesError(values.role, cooperativeIds.length);
  if (mismatch) errors.cooperativeIds ??= mismatch;
  const counter = errors.role ? null : counterError(values.role, values.counterId);
  if (counter) errors.counterId ??= counter;
  return { ok: false, errors, values: screened.values };
}
