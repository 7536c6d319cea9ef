import { querySql } from "./sql.js";

/** A PostgreSQL table's definition and rows as text, to compare before and after. */
export interface TableSnapshot {
  columns: string[];
  constraints: string[];
  indexes: string[];
  /** Triggers (PostgreSQL's own internal ones left out), rules and row-level security policies. */
  behaviour: string[];
  /** Every row in PostgreSQL's text form, sorted. */
  rows: string[];
}

/**
 * The definition and every row of each table, for tests that prove a take-over left the
 * original's tables as they were. Rows compare by their full text form (`row::text`).
 */
export async function snapshotTables(
  url: string,
  tables: readonly string[],
): Promise<Record<string, TableSnapshot>> {
  const snapshot: Record<string, TableSnapshot> = {};
  for (const table of tables) {
    const texts = async (sql: string) => (await querySql(url, sql)).map((row) => String(row.text));
    snapshot[table] = {
      columns: await texts(
        `SELECT concat_ws(' ', column_name, data_type, character_maximum_length, is_nullable, column_default) AS text
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '${table}' ORDER BY ordinal_position`,
      ),
      constraints: await texts(
        `SELECT conname || ' ' || pg_get_constraintdef(oid) AS text FROM pg_constraint
         WHERE conrelid = 'public.${table}'::regclass ORDER BY conname`,
      ),
      indexes: await texts(
        `SELECT indexdef AS text FROM pg_indexes WHERE schemaname = 'public' AND tablename = '${table}' ORDER BY indexname`,
      ),
      behaviour: await texts(
        `SELECT pg_get_triggerdef(oid) AS text FROM pg_trigger WHERE tgrelid = 'public.${table}'::regclass AND NOT tgisinternal
         UNION ALL SELECT pg_get_ruledef(oid) FROM pg_rewrite WHERE ev_class = 'public.${table}'::regclass AND rulename <> '_RETURN'
         UNION ALL SELECT 'policy ' || polname FROM pg_policy WHERE polrelid = 'public.${table}'::regclass
         UNION ALL SELECT 'row security ' || relrowsecurity FROM pg_class WHERE oid = 'public.${table}'::regclass
         ORDER BY 1`,
      ),
      rows: await texts(`SELECT t::text AS text FROM public."${table}" t ORDER BY 1`),
    };
  }
  return snapshot;
}

/** The tables of the public schema, sorted. */
export async function publicTables(url: string): Promise<string[]> {
  const rows = await querySql(
    url,
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
  );
  return rows.map((row) => String(row.tablename));
}
