import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { coreEnvSchema, migrationDatabaseUrl, parseEnv, refineCoreEnv } from "./env.js";
import { resolveJwtSecret } from "./jwt-secret.js";

describe("parseEnv(coreEnvSchema)", () => {
  it("applies the defaults and treats empty strings as unset", () => {
    expect(parseEnv(coreEnvSchema, { DATABASE_URL: "", BCRYPT_ROUNDS: "" })).toEqual({
      NODE_ENV: "development",
      DATABASE_URL: "file:./data/otas.db",
      DATABASE_POOLER: "none",
      DATA_DIR: "./data",
      DATABASE_CONNECT_TIMEOUT_MS: 5000,
      DATABASE_STATEMENT_TIMEOUT_MS: 5000,
      DATABASE_LOCK_TIMEOUT_MS: 2000,
      DATABASE_BUSY_TIMEOUT_MS: 5000,
      JWT_VALIDITY_DAYS: 30,
      BCRYPT_ROUNDS: 12,
      APP_URL: "http://localhost:5173",
      RESET_TOKEN_TTL_MINUTES: 60,
      MIGRATE_ON_START: true,
    });
  });

  it("takes the database's time limits, refusing a PostgreSQL limit of 0 (no limit at all)", () => {
    const env = parseEnv(coreEnvSchema, {
      DATABASE_STATEMENT_TIMEOUT_MS: "1500",
      DATABASE_BUSY_TIMEOUT_MS: "0",
    });
    expect([env.DATABASE_STATEMENT_TIMEOUT_MS, env.DATABASE_BUSY_TIMEOUT_MS]).toEqual([1500, 0]);
    for (const name of [
      "DATABASE_CONNECT_TIMEOUT_MS",
      "DATABASE_STATEMENT_TIMEOUT_MS",
      "DATABASE_LOCK_TIMEOUT_MS",
    ]) {
      expect(() => parseEnv(coreEnvSchema, { [name]: "0" })).toThrow(new RegExp(name));
    }
    expect(() => parseEnv(coreEnvSchema, { DATABASE_LOCK_TIMEOUT_MS: "2s" })).toThrow(
      /DATABASE_LOCK_TIMEOUT_MS/,
    );
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

  it.each(["development", "production", "test"])("accepts NODE_ENV=%s", (value) => {
    expect(parseEnv(coreEnvSchema, { NODE_ENV: value }).NODE_ENV).toBe(value);
  });

  it.each(["Production", "PRODUCTION", "prod", "staging", " production"])(
    "stops at NODE_ENV=%j instead of running without production's checks",
    (value) => {
      expect(() => parseEnv(coreEnvSchema, { NODE_ENV: value })).toThrow(
        /NODE_ENV: must be development, production or test/,
      );
    },
  );
});

describe("a transaction pooler (DATABASE_POOLER, DIRECT_DATABASE_URL)", () => {
  const parse = (env: Record<string, string>) =>
    parseEnv(coreEnvSchema.superRefine(refineCoreEnv), env);
  const pooled = "postgresql://app@pgbouncer:6432/otas";
  const direct = "postgresql://app@db:5432/otas";

  it("migrates on the direct URL, and serves on the pooler's", () => {
    const env = parse({
      DATABASE_URL: pooled,
      DATABASE_POOLER: "transaction",
      DIRECT_DATABASE_URL: direct,
    });
    expect([env.DATABASE_POOLER, env.DATABASE_URL, migrationDatabaseUrl(env)]).toEqual([
      "transaction",
      pooled,
      direct,
    ]);
    expect(migrationDatabaseUrl(parse({ DATABASE_URL: direct }))).toBe(direct);
  });

  it("refuses to migrate through the pooler: at start, and when asked to", () => {
    expect(() => parse({ DATABASE_URL: pooled, DATABASE_POOLER: "transaction" })).toThrow(
      /DIRECT_DATABASE_URL: required to migrate with DATABASE_POOLER=transaction/,
    );
    const env = parse({
      DATABASE_URL: pooled,
      DATABASE_POOLER: "transaction",
      MIGRATE_ON_START: "false",
    });
    expect(() => migrationDatabaseUrl(env)).toThrow(/DIRECT_DATABASE_URL: required to migrate/);
  });

  it("refuses a pooler setting that cannot apply", () => {
    expect(() => parse({ DATABASE_POOLER: "transaction", MIGRATE_ON_START: "false" })).toThrow(
      /DATABASE_POOLER: transaction needs a postgresql:\/\/ DATABASE_URL/,
    );
    expect(() => parse({ DATABASE_URL: pooled, DATABASE_POOLER: "statement" })).toThrow(
      /DATABASE_POOLER: must be none or transaction/,
    );
    expect(() => parse({ DIRECT_DATABASE_URL: direct })).toThrow(
      /DIRECT_DATABASE_URL: only applies with a postgresql:\/\/ DATABASE_URL/,
    );
    expect(() => parse({ DATABASE_URL: pooled, DIRECT_DATABASE_URL: "db:5432" })).toThrow(
      /DIRECT_DATABASE_URL: must start with postgresql:\/\//,
    );
  });
});

describe("resolveJwtSecret", () => {
  const quiet = () => {};
  const freshDataDir = () => join(mkdtempSync(join(tmpdir(), "otas-secret-")), "data");
  const development = (dataDir: string) => ({
    secret: undefined,
    production: false,
    dataDir,
    warn: quiet,
  });
  /** A data folder whose jwt-secret file holds `content` with `mode`. */
  const keptSecret = (content: string, mode = 0o600) => {
    const dataDir = mkdtempSync(join(tmpdir(), "otas-secret-"));
    writeFileSync(join(dataDir, "jwt-secret"), content);
    chmodSync(join(dataDir, "jwt-secret"), mode);
    return dataDir;
  };

  it("requires a secret of at least 32 bytes in production", () => {
    const base = { production: true, dataDir: "/nonexistent", warn: quiet };
    expect(() => resolveJwtSecret({ ...base, secret: undefined })).toThrow(/JWT_SECRET: required/);
    expect(() => resolveJwtSecret({ ...base, secret: "short" })).toThrow(
      /JWT_SECRET: must be at least 32/,
    );
    expect(resolveJwtSecret({ ...base, secret: "x".repeat(32) })).toBe("x".repeat(32));
  });

  it("refuses a JWT_SECRET under 32 bytes outside production too", () => {
    const base = { production: false, dataDir: "/nonexistent", warn: quiet };
    expect(() => resolveJwtSecret({ ...base, secret: "x".repeat(31) })).toThrow(
      /JWT_SECRET: must be at least 32 bytes/,
    );
    // Bytes, not characters: 11 three-byte characters are 33 bytes.
    expect(resolveJwtSecret({ ...base, secret: "€".repeat(11) })).toBe("€".repeat(11));
  });

  it("generates, keeps (owner-only) and reuses a development secret, with a warning", () => {
    const dataDir = freshDataDir();
    const warnings: string[] = [];
    const options = { ...development(dataDir), warn: (m: string) => warnings.push(m) };
    const first = resolveJwtSecret(options);
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(statSync(join(dataDir, "jwt-secret")).mode & 0o777).toBe(0o600);
    expect(resolveJwtSecret(options)).toBe(first);
    expect(warnings).toHaveLength(2);
    expect(warnings.join()).not.toContain(first);
    // The temporary file the secret was written to before it got its name is gone.
    expect(readdirSync(dataDir)).toEqual(["jwt-secret"]);
  });

  it("reads a secret kept by an earlier run", () => {
    const kept = "kept-secret-of-at-least-thirty-two-bytes";
    const dataDir = keptSecret(`${kept}\n`);
    expect(resolveJwtSecret(development(dataDir))).toBe(kept);
    expect(readFileSync(join(dataDir, "jwt-secret"), "utf8")).toBe(`${kept}\n`);
  });

  it.each([
    ["empty (a crash between creating and writing it)", ""],
    ["only whitespace", " \n"],
    ["2 bytes", "ab"],
    ["31 bytes", "x".repeat(31)],
  ])("refuses a kept secret that is %s", (_name, content) => {
    expect(() => resolveJwtSecret(development(keptSecret(content)))).toThrow(
      /JWT_SECRET: unset, and the development secret in .*jwt-secret holds \d+ bytes \(at least 32 needed\)\. Delete it/,
    );
  });

  it.each([0o666, 0o620, 0o602])("refuses a kept secret others can write (mode %o)", (mode) => {
    const dataDir = keptSecret("x".repeat(48), mode);
    expect(() => resolveJwtSecret(development(dataDir))).toThrow(
      /JWT_SECRET: unset, and the development secret cannot be used: .*jwt-secret is writable by others/,
    );
  });

  it("generates a secret in a folder where a crashed run left a temporary file", () => {
    const dataDir = mkdtempSync(join(tmpdir(), "otas-secret-"));
    writeFileSync(join(dataDir, "jwt-secret.4242.0123456789ab.tmp"), "");
    expect(resolveJwtSecret(development(dataDir))).toHaveLength(64);
  });
});
