import type pg from "pg";
import { usersTableBehaviour } from "./users-table-behaviour.js";

/** A column as the `users` table must have it: the original's layout, which is also ours. */
interface ExpectedColumn {
  name: string;
  type: "uuid" | "character varying" | "timestamp with time zone";
  /** For varchar: the exact length, or the least one accepted. */
  length?: { exactly: number } | { atLeast: number };
  nullable: boolean;
}

/**
 * The `users` table of the original (Django's `users.0001_initial`) and of this service's
 * initial migration. They differ only in `password`: varchar(128) there, varchar(255) here; any
 * length from 128 holds every hash this service writes (83 characters at most).
 * @see docs/legacy-rest-contract.md ("An existing OTAS database")
 */
const EXPECTED_COLUMNS: ExpectedColumn[] = [
  { name: "id", type: "uuid", nullable: false },
  { name: "first_name", type: "character varying", length: { exactly: 100 }, nullable: false },
  { name: "middle_name", type: "character varying", length: { exactly: 100 }, nullable: true },
  { name: "last_name", type: "character varying", length: { exactly: 100 }, nullable: false },
  { name: "email", type: "character varying", length: { exactly: 254 }, nullable: false },
  { name: "password", type: "character varying", length: { atLeast: 128 }, nullable: false },
  { name: "created_at", type: "timestamp with time zone", nullable: false },
  { name: "updated_at", type: "timestamp with time zone", nullable: false },
];

interface ColumnRow {
  name: string;
  type: string;
  length: number | null;
  precision: number | null;
  nullable: "YES" | "NO";
}

/** Whether a `users` table exists in the schema unqualified names resolve to. */
export async function usersTableExists(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query(`SELECT to_regclass('users') IS NOT NULL AS exists`);
  return rows[0]?.exists === true;
}

/**
 * How an existing `users` table differs from the layout this service works with: one sentence
 * per difference (columns, types, nullability, primary key, unique email, and whatever could
 * change this service's writes: triggers, rules, other constraints, see users-table-behaviour),
 * none when it is the original's or ours. Extra non-unique indexes (the original's
 * `varchar_pattern_ops` one) are fine.
 */
export async function usersTableDifferences(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<ColumnRow>(
    `SELECT column_name AS name, data_type AS type, character_maximum_length AS length,
       datetime_precision AS precision, is_nullable AS nullable
     FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = 'users'`,
  );
  const byName = new Map(rows.map((row) => [row.name, row]));
  const differences = EXPECTED_COLUMNS.flatMap((expected) =>
    columnDifferences(expected, byName.get(expected.name)),
  );
  const known = new Set(EXPECTED_COLUMNS.map((column) => column.name));
  for (const row of rows) {
    if (!known.has(row.name))
      differences.push(`users has a column this service does not know: ${row.name}`);
  }
  if (!(await hasSingleColumnIndex(client, "id", "indisprimary"))) {
    differences.push("users.id is not the primary key");
  }
  if (!(await hasSingleColumnIndex(client, "email", "indisunique"))) {
    differences.push("users.email has no unique constraint");
  }
  differences.push(...(await usersTableBehaviour(client)));
  return differences;
}

function columnDifferences(expected: ExpectedColumn, actual: ColumnRow | undefined): string[] {
  const column = `users.${expected.name}`;
  if (actual === undefined) return [`${column} is missing`];
  const differences: string[] = [];
  if (actual.type !== expected.type || !lengthFits(expected, actual)) {
    differences.push(
      `${column} is ${describeType(actual)}; expected ${describeExpected(expected)}`,
    );
  } else if (expected.type === "timestamp with time zone" && actual.precision !== 6) {
    differences.push(
      `${column} keeps ${actual.precision} fraction digits; expected 6 (microseconds)`,
    );
  }
  if ((actual.nullable === "YES") !== expected.nullable) {
    differences.push(
      `${column} ${expected.nullable ? "is NOT NULL; expected NULL allowed" : "allows NULL; expected NOT NULL"}`,
    );
  }
  return differences;
}

function lengthFits(expected: ExpectedColumn, actual: ColumnRow): boolean {
  if (expected.length === undefined) return true;
  if (actual.length === null) return false;
  return "exactly" in expected.length
    ? actual.length === expected.length.exactly
    : actual.length >= expected.length.atLeast;
}

function describeType(row: ColumnRow): string {
  return row.length === null ? row.type : `${row.type}(${row.length})`;
}

function describeExpected(expected: ExpectedColumn): string {
  if (expected.length === undefined) return expected.type;
  return "exactly" in expected.length
    ? `${expected.type}(${expected.length.exactly})`
    : `${expected.type}(${expected.length.atLeast}) or longer`;
}

/** Whether `users` has a primary key or unique index on exactly this one column. */
async function hasSingleColumnIndex(
  client: pg.Client,
  column: string,
  kind: "indisprimary" | "indisunique",
): Promise<boolean> {
  const { rows } = await client.query(
    `SELECT 1 FROM pg_index i
       JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0]
     WHERE i.indrelid = to_regclass('users') AND i.${kind} AND i.indnatts = 1
       AND i.indpred IS NULL AND i.indexprs IS NULL AND a.attname = $1`,
    [column],
  );
  return rows.length > 0;
}
