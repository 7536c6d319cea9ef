import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import {
  createTestDatabase,
  type TestDatabase,
  type TestDatabaseOptions,
} from "./test-database.js";

/**
 * The dump of a database made by the original Django service (see the README beside it). It
 * lives outside src/ so that the same path works from src/testing (vitest) and dist/testing.
 */
const dumpFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../test-fixtures/original-otas/dump.sql",
);

/** A user of the fixture: how the original stored the password, and the password itself. */
export interface OriginalOtasUser {
  id: string;
  email: string;
  /** The password that logs in, or the one the original stored as is (`plain`). */
  password: string;
  kind:
    | "pbkdf2_sha256_260000"
    | "pbkdf2_sha256_720000"
    | "pbkdf2_sha1_36000"
    | "plain_text"
    | "unusable"
    | "md5";
  /** As stored: the original's API stored an absent middle name as "", its model code as NULL. */
  names: readonly [first: string, middle: string | null, last: string];
  /** What the original answers: Python isoformat, all six digits. */
  createdAt: string;
  updatedAt: string;
}

const user = (
  id: string,
  email: string,
  password: string,
  kind: OriginalOtasUser["kind"],
  names: OriginalOtasUser["names"],
  createdAt: string,
  updatedAt: string,
): OriginalOtasUser => ({ id, email, password, kind, names, createdAt, updatedAt });

/**
 * Every user of the fixture, with the timestamps the original answers for them. Registered
 * through the original's API unless noted.
 */
export const originalOtasUsers = {
  /** Edited through the API after sign-up, so its two timestamps are seconds apart. */
  ada: user(
    "3a767292-cfae-4f5d-a8c2-70d15a7c290a",
    "ada@example.com",
    "django-260k-password",
    "pbkdf2_sha256_260000",
    ["Ada", "King", "Lovelace"],
    "2026-11-29T14:54:23.247321+00:00",
    "2026-11-29T14:54:35.779733+00:00",
  ),
  /** Non-ASCII names and password; a member of Grace's project, and the creator of an agent. */
  zoe: user(
    "ed8dce28-6248-419b-8391-8b218449c35e",
    "zoe@example.com",
    "pässwörd-ß-李",
    "pbkdf2_sha256_260000",
    ["Zoë", "Åsa", "Ørsted-Müller"],
    "2026-11-29T14:54:35.018824+00:00",
    "2026-11-29T14:54:35.018871+00:00",
  ),
  /** Owns the project "Analytical Engine" (created through the original's project API). */
  grace: user(
    "a76f9da5-38ab-490a-ac92-35a5604d01c1",
    "grace@example.com",
    "grace-original-pw",
    "pbkdf2_sha256_260000",
    ["Grace", "Brewster", "Hopper"],
    "2026-11-29T14:54:35.192039+00:00",
    "2026-11-29T14:54:35.192073+00:00",
  ),
  /** CJK and emoji names. */
  li: user(
    "fbbaddf1-1cbc-4ef0-afe0-77ea3fe0e6e9",
    "li@example.com",
    "dragon-password-1",
    "pbkdf2_sha256_260000",
    ["李", "", "小龍 🐉"],
    "2026-11-29T14:54:35.350790+00:00",
    "2026-11-29T14:54:35.350840+00:00",
  ),
  /** Signed up with a password starting with `pbkdf2_`, which the original stored unhashed. */
  plain: user(
    "39b973a8-ed56-4d02-8ddf-6af8860157b3",
    "plain@example.com",
    "pbkdf2_sha256$stored-as-typed",
    "plain_text",
    ["Plain", "", "Text"],
    "2026-11-29T14:54:35.379751+00:00",
    "2026-11-29T14:54:35.379786+00:00",
  ),
  /** A 101-character password (over bcrypt's 72 bytes). */
  long: user(
    "93d476f4-7613-48a7-8810-57504253f157",
    "long@example.com",
    `${"long-password-".repeat(7)}end`,
    "pbkdf2_sha256_260000",
    ["Long", "", "Password"],
    "2026-11-29T14:54:35.498849+00:00",
    "2026-11-29T14:54:35.498883+00:00",
  ),
  /** Model code: Django 5.0's 720000 iterations; no middle name (NULL). */
  alan: user(
    "fccb3b4d-167e-4ff0-abbc-0a845f05a0fe",
    "alan@example.com",
    "django-720k-password",
    "pbkdf2_sha256_720000",
    ["Alan", null, "Turing"],
    "2026-11-29T14:54:43.192565+00:00",
    "2026-11-29T14:54:43.192620+00:00",
  ),
  /** Model code: PBKDF2 with SHA-1 at 36000 iterations. */
  edsger: user(
    "ee8da108-558f-4d0f-95bc-1b54814eeac5",
    "edsger@example.com",
    "sha1-era-password",
    "pbkdf2_sha1_36000",
    ["Edsger", "Wybe", "Dijkstra"],
    "2026-11-29T14:54:43.216576+00:00",
    "2026-11-29T14:54:43.216611+00:00",
  ),
  /** Model code: Django's unusable password (`!` and 40 random characters). */
  unusable: user(
    "fd7f3810-293b-4870-b8c0-ae2e53b7cc53",
    "unusable@example.com",
    "!uxSGNLPi9hYvzvaB68yg1g37Jn2BlJqK94yBKAXB",
    "unusable",
    ["Nobody", null, "Unusable"],
    "2026-11-29T14:54:43.306391+00:00",
    "2026-11-29T14:54:43.306425+00:00",
  ),
  /** Model code: Django's salted MD5 hasher, an algorithm this service does not verify. */
  md5: user(
    "4e6cfa7a-5e81-4a23-9ca3-177c9124ef24",
    "md5@example.com",
    "md5-password",
    "md5",
    ["Md", null, "Five"],
    "2026-11-29T14:54:43.441038+00:00",
    "2026-11-29T14:54:43.441073+00:00",
  ),
} as const;

/** The tables of the original other than `users`, which a take-over must leave as they are. */
export const originalOtasOtherTables = [
  "agent",
  "agent_key",
  "agent_session",
  "auth_group",
  "auth_group_permissions",
  "auth_permission",
  "auth_user",
  "auth_user_groups",
  "auth_user_user_permissions",
  "backend_api_keys",
  "django_admin_log",
  "django_content_type",
  "django_migrations",
  "django_session",
  "project",
  "user_project_mapping",
] as const;

/**
 * A fresh PostgreSQL test database holding the original service's database (the fixture dump),
 * not migrated by this service.
 */
export async function createOriginalOtasDatabase(
  options: Pick<TestDatabaseOptions, "postgresUrl"> = {},
): Promise<TestDatabase> {
  const database = await createTestDatabase("postgresql", { ...options, migrate: false });
  try {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      // No parameters: the simple query protocol runs the whole script.
      await client.query(await dumpScript());
    } finally {
      await client.end();
    }
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}

/**
 * The dump as SQL. pg_dump writes psql's `\restrict`/`\unrestrict` meta-commands around it,
 * which only psql understands; every other line is plain SQL.
 */
async function dumpScript(): Promise<string> {
  const lines = (await readFile(dumpFile, "utf8")).split("\n");
  const unexpected = lines.find((line) => /^\\(?!restrict |unrestrict )/.test(line));
  if (unexpected !== undefined)
    throw new Error(`Unexpected psql command in the dump: ${unexpected}`);
  return lines.filter((line) => !line.startsWith("\\")).join("\n");
}
