import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { ensurePrivateFolder } from "../files/private-files.js";
import { ConfigError } from "./env.js";
import { createFileOnce, readPrivateFile } from "./secret-file.js";

/** HS256 keys shorter than the hash output (32 bytes) are guessable; RFC 7518 §3.2 forbids them. */
export const MIN_JWT_SECRET_BYTES = 32;

const invalid = (detail: string) =>
  new ConfigError(`Invalid configuration:\n  JWT_SECRET: ${detail}`);

/**
 * The JWT secret to sign with: `JWT_SECRET` when set, which must be at least 32 bytes
 * everywhere. In production it must be set. Elsewhere, when unset, one is generated once and
 * kept in `<dataDir>/jwt-secret` (owner-only), so tokens survive restarts and every process
 * sharing the folder agrees on it; that file too must hold at least 32 bytes and be writable by
 * its owner only, or start-up stops (an empty or foreign key would let anyone mint tokens).
 * @see https://www.rfc-editor.org/rfc/rfc7518#section-3.2
 */
export function resolveJwtSecret(options: {
  secret: string | undefined;
  production: boolean;
  dataDir: string;
  warn: (message: string) => void;
}): string {
  const { secret, production, dataDir, warn } = options;
  if (secret !== undefined) {
    if (Buffer.byteLength(secret, "utf8") < MIN_JWT_SECRET_BYTES) {
      throw invalid(`must be at least ${MIN_JWT_SECRET_BYTES} bytes`);
    }
    return secret;
  }
  if (production) {
    throw invalid(
      `required when NODE_ENV=production (at least ${MIN_JWT_SECRET_BYTES} bytes, shared with the other OTAS services)`,
    );
  }
  const file = join(dataDir, "jwt-secret");
  ensurePrivateFolder(dataDir);
  if (createFileOnce(file, randomBytes(48).toString("base64url"))) {
    warn(`JWT_SECRET is not set: generated one and kept it in ${file} (development only).`);
  } else {
    warn(`JWT_SECRET is not set: using the development secret kept in ${file}.`);
  }
  return readDevelopmentSecret(file);
}

function readDevelopmentSecret(file: string): string {
  const unusable = (why: string) =>
    invalid(
      `unset, and the development secret ${why}. Delete it to generate a new one, or set JWT_SECRET.`,
    );
  let secret: string;
  try {
    secret = readPrivateFile(file).trim();
  } catch (error) {
    throw unusable(`cannot be used: ${(error as Error).message}`);
  }
  const bytes = Buffer.byteLength(secret, "utf8");
  if (bytes < MIN_JWT_SECRET_BYTES) {
    throw unusable(`in ${file} holds ${bytes} bytes (at least ${MIN_JWT_SECRET_BYTES} needed)`);
  }
  return secret;
}
