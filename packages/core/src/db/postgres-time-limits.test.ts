import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PgBouncer, startPgBouncer } from "../testing/pgbouncer.js";
import { lockUsersTable } from "../testing/table-lock.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { Deadline } from "../time-limits/deadline.js";
import { type Database, openDatabase } from "./open-database.js";
import { sql } from "./sql-client.js";

const LIMITS = { statementTimeoutMs: 400, lockTimeoutMs: 200, connectTimeoutMs: 2000 };

/** How long `work` took to settle, and how it settled. */
async function timed(work: () => Promise<unknown>) {
  const started = performance.now();
  const outcome = await work().then(
    () => ({ code: "resolved" }),
    (error: { code?: string; cause?: { code?: string } }) => ({
      code: error.code ?? error.cause?.code ?? String(error),
    }),
  );
  return { ...outcome, ms: performance.now() - started };
}

// PostgreSQL's own limits end a statement: on a direct connection as the session's settings (one
// round trip a statement), behind a transaction pooler as each transaction's SET LOCAL.
describe.each([
  ["a direct connection", false],
  ["PgBouncer in transaction mode", true],
] as const)("PostgreSQL's time limits through %s", (_name, pooled) => {
  let database: TestDatabase;
  let bouncer: PgBouncer | undefined;
  let opened: Database;
  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
    bouncer = pooled ? await startPgBouncer({ poolSize: 2 }) : undefined;
    const url = bouncer === undefined ? database.url : bouncer.through(database.url);
    opened = await openDatabase(url, { ...LIMITS, poolSize: 2, transactionPooler: pooled });
  });
  afterAll(async () => {
    await opened?.close();
    await bouncer?.stop();
    await database?.drop();
  });

  it("ends a statement that runs past DATABASE_STATEMENT_TIMEOUT_MS (57014)", async () => {
    const slow = await timed(() => opened.sql.query(sql`SELECT pg_sleep(${5})`));
    expect(slow.code).toBe("57014");
    expect(slow.ms).toBeLessThan(3000);
    await expect(opened.sql.query(sql`SELECT ${1}::integer AS one`)).resolves.toEqual([{ one: 1 }]);
  });

  it("ends a wait for a lock past DATABASE_LOCK_TIMEOUT_MS (55P03), and writes nothing", async () => {
    const lock = await lockUsersTable(database.url);
    try {
      const waiting = await timed(() =>
        opened.sql.execute(sql`UPDATE users SET first_name = ${"x"} WHERE email = ${"none"}`),
      );
      expect(waiting.code).toBe("55P03");
      expect(waiting.ms).toBeLessThan(3000);
    } finally {
      await lock.release();
    }
  });

  it("cuts the limits to a deadline's time left", async () => {
    const url = bouncer === undefined ? database.url : bouncer.through(database.url);
    const patient = await openDatabase(url, {
      ...LIMITS,
      statementTimeoutMs: 20_000,
      lockTimeoutMs: 20_000,
      poolSize: 1,
      transactionPooler: pooled,
    });
    try {
      const cut = await timed(() =>
        patient.sql.under(new Deadline(300)).query(sql`SELECT pg_sleep(${30})`),
      );
      expect(cut.code).toBe("57014");
      expect(cut.ms).toBeLessThan(5000);
    } finally {
      await patient.close();
    }
  });
});
