#!/usr/bin/env node
/**
 * Fails when the model blocks of prisma/sqlite/schema.prisma and prisma/postgresql/schema.prisma
 * differ once PostgreSQL's native-type attributes (@db.*) are removed and whitespace normalised,
 * or when a PostgreSQL DateTime column would keep fewer than six fraction digits.
 * The two schemas exist only because a Prisma schema has one provider; the data model is one.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const prismaDir = path.dirname(fileURLToPath(import.meta.url));

/**
 * The normalised `model`/`enum`/`type`/`view` blocks of a schema, by name.
 * @param {string} provider
 * @returns {Map<string, string[]>}
 */
function modelBlocks(provider) {
  const source = readFileSync(path.join(prismaDir, provider, "schema.prisma"), "utf8");
  const blocks = new Map();
  for (const [, kind, name, body] of source.matchAll(
    /^(model|enum|type|view)\s+(\w+)\s*\{([^}]*)\}/gm,
  )) {
    const lines = (body ?? "")
      .split("\n")
      .map((line) => line.replace(/\/\/.*$/, "").replace(/@db\.\w+(\([^)]*\))?/g, ""))
      .map((line) => line.trim().replace(/\s+/g, " "))
      .filter((line) => line !== "");
    blocks.set(`${kind} ${name}`, lines);
  }
  return blocks;
}

const sqlite = modelBlocks("sqlite");
const postgresql = modelBlocks("postgresql");
const problems = [];
for (const name of new Set([...sqlite.keys(), ...postgresql.keys()])) {
  const left = sqlite.get(name);
  const right = postgresql.get(name);
  if (!left || !right) {
    problems.push(`${name} exists only in prisma/${left ? "sqlite" : "postgresql"}/schema.prisma`);
    continue;
  }
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    if (left[i] !== right[i]) {
      problems.push(
        `${name}, line ${i + 1} of the block:\n    sqlite:     ${left[i] ?? "(missing)"}\n    postgresql: ${right[i] ?? "(missing)"}`,
      );
      break;
    }
  }
}

// Every time this service writes keeps microseconds, like the original's rows (PostgreSQL's
// timestamptz holds six fraction digits unless a column is declared with fewer).
const postgresSource = readFileSync(path.join(prismaDir, "postgresql", "schema.prisma"), "utf8");
for (const [line] of postgresSource.matchAll(/^\s*\w+\s+DateTime\??\s.*$/gm)) {
  if (!line.includes("@db.Timestamptz(6)")) {
    problems.push(`a DateTime without @db.Timestamptz(6) (microseconds): ${line.trim()}`);
  }
}

if (problems.length > 0) {
  console.error(
    "The Prisma schemas differ (model blocks compared after removing @db.*) or lose microseconds:",
  );
  for (const problem of problems) console.error(`  - ${problem}`);
  process.exit(1);
}
console.log(`Prisma models match across sqlite and postgresql (${sqlite.size} blocks).`);
