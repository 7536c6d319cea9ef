import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PgBouncer, startPgBouncer } from "../testing/pgbouncer.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { openDatabase } from "./open-database.js";
import { postgresSqlClient } from "./postgres-sql-client.js";
import { type SqlClient, sql } from "./sql-client.js";

const LIMITS = { connectTimeoutMs: 5000, statementTimeoutMs: 5000, lockTimeoutMs: 2000 };

/**
 * Debian's PgBouncer (1.18) in transaction mode, with ONE server connection: every client
 * connection's transactions take turns on it, as they would share a few under load.
 */
describe("PostgreSQL behind PgBouncer in transaction mode", () => {
  let database: TestDatabase;
  let bouncer: PgBouncer;
  const clients: SqlClient[] = [];
  const client = (named: boolean) => {
    const pool = new pg.Pool({ connectionString: bouncer.through(database.url), max: 4 });
    const opened = postgresSqlClient(pool, { ...LIMITS, transactionPooler: !named });
    clients.push(opened);
    return opened;
  };
  beforeAll(async () => {
    database = await createTestDatabase("postgresql", { migrate: false });
    bouncer = await startPgBouncer({ poolSize: 1 });
  });
  afterAll(async () => {
    await Promise.all(clients.map((opened) => opened.close().catch(() => {})));
    await bouncer?.stop();
    await database?.drop();
  });

  it("breaks named prepared statements: two processes' clients collide on the server's", async () => {
    const [first, second] = [client(true), client(true)];
    const statement = sql`SELECT ${1}::integer AS one`;
    await expect(first.query(statement)).resolves.toEqual([{ one: 1 }]);
    // The second process prepares the same name on the one server connection, which has it.
    await expect(second.query(statement)).rejects.toMatchObject({ code: "42P05" });
  });

  it("works with unnamed statements, concurrently, transactions included", async () => {
    const processes = [client(false), client(false)];
    const [setup] = processes;
    await setup?.execute(sql`CREATE TABLE counter (id integer PRIMARY KEY, n integer NOT NULL)`);
    await setup?.execute(sql`INSERT INTO counter VALUES (1, 0)`);
    const bumps = processes.flatMap((opened) =>
      Array.from({ length: 40 }, (_, i) =>
        i % 2 === 0
          ? opened.execute(sql`UPDATE counter SET n = n + 1 WHERE id = ${1}`)
          : opened.atomically(sql`UPDATE counter SET n = n + 1 WHERE id = ${1}`, [
              sql`SELECT n FROM counter WHERE id = ${1} FOR UPDATE`,
            ]),
      ),
    );
    await Promise.all(bumps);
    await expect(setup?.query(sql`SELECT n FROM counter`)).resolves.toEqual([{ n: 80 }]);
  });

  it("is what openDatabase gives with transactionPooler: true", async () => {
    const opened = await openDatabase(bouncer.through(database.url), {
      poolSize: 3,
      transactionPooler: true,
    });
    const other = await openDatabase(bouncer.through(database.url), {
      poolSize: 3,
      transactionPooler: true,
    });
    try {
      const runs = [opened, other].flatMap((db) =>
        Array.from({ length: 20 }, (_, i) => db.sql.query(sql`SELECT ${i}::integer AS i`)),
      );
      expect((await Promise.all(runs)).flat()).toHaveLength(40);
      await opened.ping();
    } finally {
      await Promise.all([opened.close(), other.close()]);
    }
  });
});
