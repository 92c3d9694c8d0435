import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv, publicOrigin } from "./env.server";

const base = { DATABASE_PATH: "/tmp/shanhai-env-test/db.sqlite", SESSION_SECRET: "x".repeat(32) };

describe("environment", () => {
  it("runs the demo store by default", () => {
    expect(parseEnv({ ...base })).toMatchObject({ PAYMENT_GATEWAY: "demo", ORDER_TTL_MINUTES: 30 });
  });

  it("refuses the demo gateway in production unless asked for", () => {
    expect(() => parseEnv({ ...base, NODE_ENV: "production" })).toThrow(
      /PAYMENT_GATEWAY: the demo payment gateway/,
    );
    expect(
      parseEnv({
        ...base,
        NODE_ENV: "production",
        ALLOW_DEMO_PAYMENTS: "1",
        PUBLIC_URL: "https://shop.example",
      }).PAYMENT_GATEWAY,
    ).toBe("demo");
  });

  it("refuses a guessable metrics token and a shutdown grace that is not a number of seconds", () => {
    expect(() => parseEnv({ ...base, METRICS_TOKEN: "short" })).toThrow(
      /METRICS_TOKEN: METRICS_TOKEN must be at least 16 characters/,
    );
    expect(() => parseEnv({ ...base, SHUTDOWN_GRACE_SECONDS: "soon" })).toThrow(
      /SHUTDOWN_GRACE_SECONDS/,
    );
    expect(parseEnv({ ...base })).toMatchObject({ SHUTDOWN_GRACE_SECONDS: 10 });
  });

  it("names every missing Stripe variable at once", () => {
    const attempt = () => parseEnv({ ...base, PAYMENT_GATEWAY: "stripe" });
    expect(attempt).toThrow(/STRIPE_SECRET_KEY: required when PAYMENT_GATEWAY=stripe/);
    expect(attempt).toThrow(/STRIPE_WEBHOOK_SECRET: required when PAYMENT_GATEWAY=stripe/);
    expect(() =>
      parseEnv({
        ...base,
        PAYMENT_GATEWAY: "stripe",
        STRIPE_SECRET_KEY: "pk_test_123",
        STRIPE_WEBHOOK_SECRET: "whsec_1",
      }),
    ).toThrow(/STRIPE_SECRET_KEY: must be a Stripe secret key/);
    const ok = parseEnv({
      ...base,
      NODE_ENV: "production",
      PAYMENT_GATEWAY: "stripe",
      STRIPE_SECRET_KEY: "sk_live_abc",
      STRIPE_WEBHOOK_SECRET: "whsec_abc",
      PUBLIC_URL: "https://shop.example",
    });
    expect(ok.PAYMENT_GATEWAY).toBe("stripe");
  });

  it("needs the public address in production, and links use it, never a request's host", () => {
    expect(() => parseEnv({ ...base, NODE_ENV: "production", ALLOW_DEMO_PAYMENTS: "1" })).toThrow(
      /PUBLIC_URL: required in production/,
    );
    const config = parseEnv({
      ...base,
      NODE_ENV: "production",
      ALLOW_DEMO_PAYMENTS: "1",
      PUBLIC_URL: "https://shop.example/",
    });
    expect(publicOrigin(config)).toBe("https://shop.example");
  });

  it("requires SESSION_SECRET with DATABASE_URL, and writes no secret file for a fleet", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-env-"));
    try {
      const fleet = {
        DATABASE_URL: "postgres://shop@db.internal/shanhai",
        DATABASE_PATH: path.join(dir, "db.sqlite"),
      };
      expect(() => parseEnv(fleet)).toThrow(/SESSION_SECRET: required with DATABASE_URL/);
      expect(fs.existsSync(path.join(dir, "session-secret"))).toBe(false);
      expect(() => parseEnv({ ...fleet, SESSION_SECRET: "short" })).toThrow(
        /SESSION_SECRET: SESSION_SECRET must be at least 32 characters/,
      );
      expect(parseEnv({ ...fleet, SESSION_SECRET: "s".repeat(32) }).SESSION_SECRET).toBe(
        "s".repeat(32),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps a generated secret beside the embedded SQLite file, the same on every start", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "shanhai-env-"));
    try {
      const embedded = { DATABASE_PATH: path.join(dir, "db.sqlite") };
      const first = parseEnv(embedded).SESSION_SECRET;
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect(fs.readFileSync(path.join(dir, "session-secret"), "utf8")).toBe(first);
      expect(parseEnv(embedded).SESSION_SECRET).toBe(first);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("keeps uploads in the database unless told, and a fleet's folder must be named", () => {
    expect(parseEnv({ ...base }).STORAGE).toBe("database");
    const fleet = { ...base, DATABASE_URL: "postgres://shop@db.internal/shanhai" };
    expect(() => parseEnv({ ...fleet, STORAGE: "filesystem" })).toThrow(
      /UPLOADS_DIR: required with STORAGE=filesystem and DATABASE_URL/,
    );
    expect(parseEnv({ ...fleet, STORAGE: "filesystem", UPLOADS_DIR: "/srv/up" }).STORAGE).toBe(
      "filesystem",
    );
    expect(() => parseEnv({ ...base, STORAGE: "s3" })).toThrow(/STORAGE/);
  });

  it("rejects nonsense numbers with the variable's name", () => {
    expect(() => parseEnv({ ...base, ORDER_TTL_MINUTES: "soon" })).toThrow(/ORDER_TTL_MINUTES/);
  });

  it("reconciles with Stripe every 5 minutes, about what is 10 minutes old, unless told", () => {
    expect(parseEnv({ ...base })).toMatchObject({
      RECONCILE_SECONDS: 300,
      RECONCILE_AFTER_MINUTES: 10,
    });
    expect(
      parseEnv({ ...base, RECONCILE_SECONDS: "60", RECONCILE_AFTER_MINUTES: "3" }),
    ).toMatchObject({ RECONCILE_SECONDS: 60, RECONCILE_AFTER_MINUTES: 3 });
    expect(() => parseEnv({ ...base, RECONCILE_SECONDS: "1" })).toThrow(/RECONCILE_SECONDS/);
    expect(() => parseEnv({ ...base, RECONCILE_AFTER_MINUTES: "0" })).toThrow(
      /RECONCILE_AFTER_MINUTES/,
    );
    expect(() => parseEnv({ ...base, RECONCILE_AFTER_MINUTES: "soon" })).toThrow(
      /RECONCILE_AFTER_MINUTES/,
    );
  });
});
