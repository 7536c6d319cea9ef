import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ConfigError } from "./env.js";

const MIN_PRODUCTION_SECRET_BYTES = 32;

/**
 * The JWT secret to sign with. In production it must be given and at least 32 bytes long.
 * Elsewhere, when unset, one is generated once and kept in `<dataDir>/jwt-secret` (owner-only),
 * so tokens survive restarts and every process sharing the folder agrees on it.
 */
export function resolveJwtSecret(options: {
  secret: string | undefined;
  production: boolean;
  dataDir: string;
  warn: (message: string) => void;
}): string {
  const { secret, production, dataDir, warn } = options;
  if (secret !== undefined) {
    if (production && Buffer.byteLength(secret, "utf8") < MIN_PRODUCTION_SECRET_BYTES) {
      throw new ConfigError(
        `Invalid configuration:\n  JWT_SECRET: must be at least ${MIN_PRODUCTION_SECRET_BYTES} bytes when NODE_ENV=production`,
      );
    }
    return secret;
  }
  if (production) {
    throw new ConfigError(
      "Invalid configuration:\n  JWT_SECRET: required when NODE_ENV=production (at least 32 bytes, shared with the other OTAS services)",
    );
  }
  const file = join(dataDir, "jwt-secret");
  mkdirSync(dataDir, { recursive: true });
  try {
    // "wx" fails when the file exists, so concurrent first starts keep one secret.
    writeFileSync(file, randomBytes(48).toString("base64url"), { flag: "wx", mode: 0o600 });
    warn(`JWT_SECRET is not set: generated one and kept it in ${file} (development only).`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    warn(`JWT_SECRET is not set: using the development secret kept in ${file}.`);
  }
  return readFileSync(file, "utf8").trim();
}
