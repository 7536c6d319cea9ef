import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { coreEnvSchema, parseEnv } from "./env.js";
import { resolveJwtSecret } from "./jwt-secret.js";

describe("parseEnv(coreEnvSchema)", () => {
  it("applies the defaults and treats empty strings as unset", () => {
    expect(parseEnv(coreEnvSchema, { DATABASE_URL: "", BCRYPT_ROUNDS: "" })).toEqual({
      NODE_ENV: "development",
      DATABASE_URL: "file:./data/otas.db",
      DATA_DIR: "./data",
      JWT_VALIDITY_DAYS: 30,
      BCRYPT_ROUNDS: 12,
      APP_URL: "http://localhost:5173",
      RESET_TOKEN_TTL_MINUTES: 60,
    });
  });

  it("takes the web app's URL without a trailing slash, and a reset link lifetime", () => {
    const env = parseEnv(coreEnvSchema, {
      APP_URL: "https://otas.example/app/",
      RESET_TOKEN_TTL_MINUTES: "15",
    });
    expect([env.APP_URL, env.RESET_TOKEN_TTL_MINUTES]).toEqual(["https://otas.example/app", 15]);
    expect(() => parseEnv(coreEnvSchema, { APP_URL: "otas.example" })).toThrow(
      /APP_URL: must be an http:\/\/ or https:\/\/ URL/,
    );
    expect(() => parseEnv(coreEnvSchema, { APP_URL: "ftp://otas.example" })).toThrow(/APP_URL/);
    expect(() => parseEnv(coreEnvSchema, { RESET_TOKEN_TTL_MINUTES: "0" })).toThrow(
      /RESET_TOKEN_TTL_MINUTES/,
    );
  });

  it("names every bad variable", () => {
    expect(() =>
      parseEnv(coreEnvSchema, {
        DATABASE_URL: "mysql://x",
        BCRYPT_ROUNDS: "3",
        JWT_VALIDITY_DAYS: "x",
      }),
    ).toThrow(/DATABASE_URL: must start with file:[\s\S]*JWT_VALIDITY_DAYS[\s\S]*BCRYPT_ROUNDS/);
  });
});

describe("resolveJwtSecret", () => {
  const quiet = () => {};

  it("requires a secret of at least 32 bytes in production", () => {
    const base = { production: true, dataDir: "/nonexistent", warn: quiet };
    expect(() => resolveJwtSecret({ ...base, secret: undefined })).toThrow(/JWT_SECRET: required/);
    expect(() => resolveJwtSecret({ ...base, secret: "short" })).toThrow(
      /JWT_SECRET: must be at least 32/,
    );
    expect(resolveJwtSecret({ ...base, secret: "x".repeat(32) })).toBe("x".repeat(32));
  });

  it("generates, keeps (owner-only) and reuses a development secret, with a warning", () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), "otas-secret-")), "data");
    const warnings: string[] = [];
    const options = {
      secret: undefined,
      production: false,
      dataDir,
      warn: (m: string) => warnings.push(m),
    };
    const first = resolveJwtSecret(options);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dataDir, "jwt-secret")).mode & 0o777).toBe(0o600);
    expect(resolveJwtSecret(options)).toBe(first);
    expect(warnings).toHaveLength(2);
    expect(warnings.join()).not.toContain(first);
  });

  it("reads a secret kept by an earlier run", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "otas-secret-"));
    writeFileSync(join(dataDir, "jwt-secret"), "kept-secret\n");
    expect(resolveJwtSecret({ secret: undefined, production: false, dataDir, warn: quiet })).toBe(
      "kept-secret",
    );
    expect(readFileSync(join(dataDir, "jwt-secret"), "utf8")).toBe("kept-secret\n");
  });
});
