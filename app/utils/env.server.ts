import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { GATEWAY_NAMES } from "~/domain/payments/gateway";

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_PATH: z.string().min(1).default("data/shanhai.sqlite"),
    /**
     * postgres://user:password@host:port/database: the store runs on PostgreSQL instead of the
     * SQLite file at DATABASE_PATH (ADR 052). Several app servers may share it.
     */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/i, "must be a PostgreSQL address (postgres://…)")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    /**
     * Signs session and cart cookies. Required with DATABASE_URL: every server of a fleet
     * must sign alike. Without it, the embedded SQLite store keeps one beside its file.
     */
    SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
    /** Where uploads live (ADR 054): the database (shared by every server) or a folder. */
    STORAGE: z.enum(["database", "filesystem"]).default("database"),
    /** STORAGE=filesystem's folder; default `uploads` beside the SQLite file */
    UPLOADS_DIR: z.string().min(1).optional(),
    /**
     * Keys the verification codes printed on purchase vouchers (ADR 043). Without it, one is
     * derived from SESSION_SECRET, so a store needs no new setting; set it to rotate the
     * codes apart from the sessions.
     */
    VOUCHER_SECRET: z.string().min(32, "VOUCHER_SECRET must be at least 32 characters").optional(),
    PAYMENT_GATEWAY: z.enum(GATEWAY_NAMES).default("demo"),
    STRIPE_SECRET_KEY: z
      .string()
      .regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret key (sk_test_… or sk_live_…)")
      .optional(),
    STRIPE_WEBHOOK_SECRET: z
      .string()
      .regex(/^whsec_\w+$/, "must be a webhook signing secret (whsec_…)")
      .optional(),
    /** tests and local fakes only: where the Stripe API is, e.g. http://127.0.0.1:12111 */
    STRIPE_API_BASE: z.url().optional(),
    /**
     * The store's public address: links in mail and SMS (reset, verification), certificates,
     * and where Stripe sends shoppers back. Required in production; never read from a
     * request's Host header, which whoever sends the request chooses.
     */
    PUBLIC_URL: z.url().optional(),
    ALLOW_DEMO_PAYMENTS: flag,
    /** 0 in all but one process of a cluster (server/cluster.js): timed sweeps run once. */
    SHANHAI_SCHEDULER: z
      .enum(["0", "1"])
      .default("1")
      .transform((v) => v === "1"),
    ORDER_TTL_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    EXPIRY_SWEEP_SECONDS: z.coerce.number().int().min(5).default(60),
    /** the bearer token a scraper sends for /metrics (server/app.js reads it; ADR 053) */
    METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters").optional(),
    /** on SIGTERM, how long requests in flight may take (server/app.js reads it) */
    SHUTDOWN_GRACE_SECONDS: z.coerce.number().int().min(1).max(600).default(10),
    /** PAYMENT_GATEWAY=stripe: how often the server asks Stripe about what it has not heard of */
    RECONCILE_SECONDS: z.coerce
      .number()
      .int()
      .min(30)
      .max(24 * 3600)
      .default(300),
    /** sessions and refunds unsettled this long are asked about (webhooks usually take seconds) */
    RECONCILE_AFTER_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(10),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_URL && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["SESSION_SECRET"],
        message:
          "required with DATABASE_URL: every app server must sign cookies with the same secret (32+ characters), or each logs out the others' users",
      });
    }
    if (env.DATABASE_URL && env.STORAGE === "filesystem" && !env.UPLOADS_DIR) {
      ctx.addIssue({
        code: "custom",
        path: ["UPLOADS_DIR"],
        message: "required with STORAGE=filesystem and DATABASE_URL: a folder every server shares",
      });
    }
    if (env.PAYMENT_GATEWAY === "stripe") {
      for (const key of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET"] as const) {
        if (!env[key]) {
          ctx.addIssue({
            code: "custom",
            path: [key],
            message: `required when PAYMENT_GATEWAY=stripe`,
          });
        }
      }
    }
    if (env.NODE_ENV === "production" && !env.PUBLIC_URL) {
      ctx.addIssue({
        code: "custom",
        path: ["PUBLIC_URL"],
        message:
          "required in production: the store's public address (https://…), used for links in mail and SMS",
      });
    }
    if (
      env.PAYMENT_GATEWAY === "demo" &&
      env.NODE_ENV === "production" &&
      !env.ALLOW_DEMO_PAYMENTS
    ) {
      ctx.addIssue({
        code: "custom",
        path: ["PAYMENT_GATEWAY"],
        message:
          "the demo payment gateway takes no money; in production set ALLOW_DEMO_PAYMENTS=1 to run a demo store on purpose",
      });
    }
  });

export type Env = z.infer<typeof schema> & { SESSION_SECRET: string; VOUCHER_SECRET: string };

/** Validates process.env; throws one error naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  const sessionSecret = env.SESSION_SECRET ?? localSessionSecret(env.DATABASE_PATH);
  return {
    ...env,
    SESSION_SECRET: sessionSecret,
    VOUCHER_SECRET:
      env.VOUCHER_SECRET ??
      crypto
        .createHmac("sha256", sessionSecret)
        .update("shanhai voucher codes")
        .digest("base64url"),
  };
}

/**
 * A store started with no SESSION_SECRET (the demo on a newcomer's machine) still needs a
 * stable secret, or every restart would forget carts. Keep one beside the SQLite file: only
 * for the embedded store, whose one machine is the only one to read it (with DATABASE_URL
 * the secret is required, see the schema).
 */
function localSessionSecret(databasePath: string): string {
  const file = path.join(path.dirname(path.resolve(databasePath)), "session-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const secret = crypto.randomBytes(32).toString("base64url");
    fs.writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * The origin links sent to people point at: PUBLIC_URL, or on a developer's machine the
 * local server. Never the request's Host, so a forged Host cannot put another site's
 * address, with a live reset token, into someone's mail.
 */
export function publicOrigin(config: Env = env()): string {
  if (config.PUBLIC_URL) return new URL(config.PUBLIC_URL).origin;
  return `http://localhost:${process.env.PORT ?? 3000}`;
}
