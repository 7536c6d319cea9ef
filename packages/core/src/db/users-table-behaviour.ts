import type pg from "pg";

/**
 * What else on an existing `users` table could silently change, refuse or lose this service's
 * writes, beyond its columns and keys: one sentence per finding, naming it, none for the
 * original's table (Django creates none of these). Every such object is refused rather than
 * judged: a trigger that keeps `OLD.password` makes a password change answer success while the
 * old password still logs in; a rule or CHECK constraint turns sign-ups into 500s.
 *
 * Column defaults are not looked at: every INSERT of this service names all eight columns, so a
 * default never applies. Extra columns (an extra NOT NULL one included) are refused by the column
 * check in users-table-layout.
 */
export async function usersTableBehaviour(client: pg.Client): Promise<string[]> {
  const findings: string[][] = [
    await relationFindings(client),
    await columnFindings(client),
    await triggerFindings(client),
    await ruleFindings(client),
    await constraintFindings(client),
    await uniqueIndexFindings(client),
  ];
  return findings.flat();
}

const RELATION_KINDS: Record<string, string> = {
  p: "a partitioned table",
  v: "a view",
  m: "a materialized view",
  f: "a foreign table",
};

async function relationFindings(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{
    kind: string;
    persistence: string;
    row_security: boolean;
    policies: string[];
    children: string[];
  }>(
    `SELECT c.relkind AS kind, c.relpersistence AS persistence, c.relrowsecurity AS row_security,
       ARRAY(SELECT polname::text FROM pg_policy WHERE polrelid = c.oid ORDER BY 1) AS policies,
       ARRAY(SELECT inhrelid::regclass::text FROM pg_inherits WHERE inhparent = c.oid ORDER BY 1) AS children
     FROM pg_class c WHERE c.oid = to_regclass('users')`,
  );
  const [relation] = rows;
  if (relation === undefined) return [];
  const findings: string[] = [];
  const kind = RELATION_KINDS[relation.kind];
  if (kind !== undefined) findings.push(`users is ${kind}, not a plain table`);
  if (relation.persistence === "u") {
    findings.push("users is UNLOGGED: PostgreSQL empties it after a crash");
  }
  if (relation.row_security) {
    const policies = relation.policies.length === 0 ? "none" : relation.policies.join(", ");
    findings.push(`users has row-level security enabled (policies: ${policies})`);
  }
  if (relation.children.length > 0) {
    findings.push(`users has tables inheriting from it: ${relation.children.join(", ")}`);
  }
  return findings;
}

async function columnFindings(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{
    name: string;
    generated: string;
    identity: string;
    domain: string | null;
    deterministic: boolean | null;
    collation: string | null;
  }>(
    `SELECT a.attname AS name, a.attgenerated AS generated, a.attidentity AS identity,
       CASE WHEN t.typtype = 'd' THEN format_type(t.oid, NULL) END AS domain,
       coll.collisdeterministic AS deterministic, coll.collname AS collation
     FROM pg_attribute a
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_collation coll ON coll.oid = a.attcollation
     WHERE a.attrelid = to_regclass('users') AND a.attnum > 0 AND NOT a.attisdropped
     ORDER BY a.attnum`,
  );
  return rows.flatMap((column) => {
    const findings: string[] = [];
    const name = `users.${column.name}`;
    if (column.generated !== "") findings.push(`${name} is a generated column`);
    if (column.identity !== "") findings.push(`${name} is an identity column`);
    if (column.domain !== null) {
      findings.push(`${name} has the domain type ${column.domain}, whose checks would apply`);
    }
    if (column.deterministic === false) {
      findings.push(
        `${name} has the nondeterministic collation ${column.collation}: unequal values compare equal`,
      );
    }
    return findings;
  });
}

async function triggerFindings(client: pg.Client): Promise<string[]> {
  // Internal triggers are PostgreSQL's own: those enforcing the foreign keys of the original's
  // tables that reference users.
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT tgname AS name, pg_get_triggerdef(oid) AS definition FROM pg_trigger
     WHERE tgrelid = to_regclass('users') AND NOT tgisinternal ORDER BY tgname`,
  );
  return rows.map(
    (trigger) =>
      `users has a trigger, which could change or refuse this service's writes: ${trigger.name} (${withoutPrefix(trigger.definition, /^CREATE (CONSTRAINT )?TRIGGER \S+ /)})`,
  );
}

async function ruleFindings(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT rulename AS name, pg_get_ruledef(oid) AS definition FROM pg_rewrite
     WHERE ev_class = to_regclass('users') AND rulename <> '_RETURN' ORDER BY rulename`,
  );
  return rows.map(
    (rule) =>
      `users has a rule, which could rewrite this service's statements: ${rule.name} (${withoutPrefix(rule.definition, /^CREATE RULE \S+ AS\s+/).replace(/;$/, "")})`,
  );
}

const CONSTRAINT_KINDS: Record<string, string> = {
  c: "a CHECK constraint",
  f: "a foreign key",
  x: "an exclusion constraint",
  t: "a constraint trigger",
  p: "a primary key",
  u: "a unique constraint",
};

/** The keys both layouts have; anything else (a deferrable variant included) is refused. */
const KNOWN_KEYS = new Set(["PRIMARY KEY (id)", "UNIQUE (email)"]);

async function constraintFindings(client: pg.Client): Promise<string[]> {
  // NOT NULL is no pg_constraint row before PostgreSQL 18; there it is type n, checked with
  // the columns.
  const { rows } = await client.query<{ name: string; type: string; definition: string }>(
    `SELECT conname AS name, contype AS type, pg_get_constraintdef(oid) AS definition
     FROM pg_constraint WHERE conrelid = to_regclass('users') AND contype <> 'n' ORDER BY conname`,
  );
  return rows
    .filter((constraint) => !KNOWN_KEYS.has(constraint.definition))
    .map(
      (constraint) =>
        `users has ${CONSTRAINT_KINDS[constraint.type] ?? "a constraint"} this service does not know: ${constraint.name} (${constraint.definition})`,
    );
}

/**
 * Unique indexes beyond the key on `id` and the one on `email` (a constraint in the original, a
 * plain unique index in this service's migration): each could refuse a sign-up or an edit.
 */
async function uniqueIndexFindings(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS definition
     FROM pg_index i
     WHERE i.indrelid = to_regclass('users') AND i.indisunique
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
       AND NOT (i.indnatts = 1 AND i.indpred IS NULL AND i.indexprs IS NULL AND i.indimmediate
         AND (SELECT attname FROM pg_attribute WHERE attrelid = i.indrelid AND attnum = i.indkey[0]) IN ('id', 'email'))
     ORDER BY 1`,
  );
  return rows.map(
    (index) =>
      `users has a unique index this service does not know: ${index.name} (${index.definition})`,
  );
}

function withoutPrefix(definition: string, prefix: RegExp): string {
  return definition.replace(prefix, "");
}
