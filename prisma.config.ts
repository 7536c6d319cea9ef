import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "prisma/config";

/**
 * Prisma CLI configuration (Prisma 7 keeps the datasource URL here, not in the schema).
 *
 * One codebase, two providers: the scheme of DATABASE_URL picks `prisma/sqlite` or
 * `prisma/postgresql` (schema and migrations), mirroring what the application does at run time.
 */

const repoRoot = path.dirname(fileURLToPath(import.meta.url));
const databaseUrl = process.env.DATABASE_URL ?? "file:./data/otas.db";
const provider = /^postgres(ql)?:\/\//i.test(databaseUrl) ? "postgresql" : "sqlite";

if (provider === "sqlite" && !databaseUrl.startsWith("file:")) {
  throw new Error(
    `DATABASE_URL must start with file: (SQLite) or postgres:// / postgresql:// (PostgreSQL); got "${databaseUrl.split(":")[0]}:".`,
  );
}

// The application resolves a relative SQLite path against its working directory, which is the
// repository root. The CLI would resolve it against whatever folder it was started from, so pin
// it to the repository root here and both name the same file.
function resolveSqliteUrl(url: string): string {
  const filename = url.slice("file:".length);
  return path.isAbsolute(filename) ? url : `file:${path.resolve(repoRoot, filename)}`;
}

// Prisma downloads its native schema engine unless this variable names an existing file. Offline,
// our stand-in drives the same engine compiled to WebAssembly (see tools/prisma-engine). Setting
// the variable yourself (e.g. to a native binary) wins.
const standInEngine = path.join(repoRoot, "tools/prisma-engine/bin/schema-engine.mjs");
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && existsSync(standInEngine)) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = standInEngine;
}

export default defineConfig({
  schema: path.join(repoRoot, "prisma", provider, "schema.prisma"),
  migrations: { path: path.join(repoRoot, "prisma", provider, "migrations") },
  datasource: { url: provider === "sqlite" ? resolveSqliteUrl(databaseUrl) : databaseUrl },
});
