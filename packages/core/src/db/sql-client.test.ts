import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { querySql } from "../testing/sql.js";
import { createTestDatabase } from "../testing/test-database.js";
import { type Database, openDatabase } from "./open-database.js";
import { isForeignKeyViolation, raw, sql } from "./sql-client.js";

describe.each(["sqlite", "postgresql"] as const)("SqlClient on %s", (provider) => {
  let database: Database;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const testDatabase = await createTestDatabase(provider);
    drop = testDatabase.drop;
    database = await openDatabase(testDatabase.url);
    await database.sql.execute(
      raw("CREATE TABLE parents (id TEXT PRIMARY KEY, name TEXT NOT NULL)"),
    );
    await database.sql.execute(
      raw(
        "CREATE TABLE children (id TEXT PRIMARY KEY, parent TEXT NOT NULL REFERENCES parents (id))",
      ),
    );
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it("binds values as parameters, never as text", async () => {
    const name = "Robert'); DROP TABLE parents; --";
    const id = randomUUID();
    expect(
      await database.sql.execute(sql`INSERT INTO parents (id, name) VALUES (${id}, ${name})`),
    ).toBe(1);
    expect(await database.sql.query(sql`SELECT name FROM parents WHERE id = ${id}`)).toEqual([
      { name },
    ]);
  });

  it("answers the rows of a write with RETURNING, and counts changed rows", async () => {
    const id = randomUUID();
    const rows = await database.sql.query<{ id: string }>(
      sql`INSERT INTO parents (id, name) VALUES (${id}, ${"x"}) RETURNING id`,
    );
    expect(rows).toEqual([{ id }]);
    expect(await database.sql.execute(sql`UPDATE parents SET name = ${"y"} WHERE id = ${id}`)).toBe(
      1,
    );
    expect(
      await database.sql.execute(sql`UPDATE parents SET name = ${"y"} WHERE id = ${"nope"}`),
    ).toBe(0);
  });

  it("reuses a statement with other values (SQLite prepares it once)", async () => {
    for (const name of ["a", "b", "c"]) {
      await database.sql.execute(
        sql`INSERT INTO parents (id, name) VALUES (${randomUUID()}, ${name})`,
      );
    }
    const names = await database.sql.query<{ name: string }>(
      sql`SELECT name FROM parents WHERE name IN (${"a"}, ${"b"}, ${"c"}) ORDER BY name`,
    );
    expect(names.map((row) => row.name)).toEqual(["a", "b", "c"]);
  });

  it("enforces foreign keys and recognises their violation", async () => {
    const error = await database.sql
      .execute(sql`INSERT INTO children (id, parent) VALUES (${randomUUID()}, ${"missing"})`)
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(isForeignKeyViolation(error)).toBe(true);
    expect(isForeignKeyViolation(new Error("other"))).toBe(false);
  });

  it("commits a guard and the statements after it together, or nothing", async () => {
    const id = randomUUID();
    await database.sql.execute(sql`INSERT INTO parents (id, name) VALUES (${id}, ${"free"})`);
    const names = async () =>
      (
        await database.sql.query<{ name: string }>(
          sql`SELECT name FROM parents WHERE id = ${id} OR name LIKE ${`${id}%`} ORDER BY name`,
        )
      ).map((row) => row.name);
    const claim = (from: string, to: string) =>
      sql`UPDATE parents SET name = ${to} WHERE id = ${id} AND name = ${from}`;
    const child = (name: string) =>
      sql`INSERT INTO parents (id, name) VALUES (${randomUUID()}, ${`${id}-${name}`})`;

    expect(await database.sql.atomically(claim("free", "taken"), [child("a"), child("b")])).toBe(
      true,
    );
    expect(await names()).toEqual([`${id}-a`, `${id}-b`, "taken"]);
    // The guard changes nothing: nothing after it runs.
    expect(await database.sql.atomically(claim("free", "again"), [child("c")])).toBe(false);
    expect(await names()).toEqual([`${id}-a`, `${id}-b`, "taken"]);
    // A later statement fails: the guard's change is rolled back with the rest.
    const failing = sql`INSERT INTO children (id, parent) VALUES (${randomUUID()}, ${"missing"})`;
    await expect(
      database.sql.atomically(claim("taken", "lost"), [child("d"), failing]),
    ).rejects.toSatisfy(isForeignKeyViolation);
    expect(await names()).toEqual([`${id}-a`, `${id}-b`, "taken"]);
  });

  it("lets one of two concurrent guards on one row through", async () => {
    const id = randomUUID();
    await database.sql.execute(sql`INSERT INTO parents (id, name) VALUES (${id}, ${"free"})`);
    const attempt = (by: string) =>
      database.sql.atomically(
        sql`UPDATE parents SET name = ${by} WHERE id = ${id} AND name = ${"free"}`,
        [sql`INSERT INTO parents (id, name) VALUES (${randomUUID()}, ${`${id}-${by}`})`],
      );
    const results = await Promise.all(["a", "b", "c", "d"].map(attempt));
    expect(results.filter(Boolean)).toHaveLength(1);
    const rows = await database.sql.query<{ name: string }>(
      sql`SELECT name FROM parents WHERE name LIKE ${`${id}-%`}`,
    );
    expect(rows).toHaveLength(1);
  });

  it("answers ping, and gives the Prisma client over the same database on demand", async () => {
    await expect(database.ping()).resolves.toBeUndefined();
    const id = randomUUID();
    await database.sql.execute(sql`INSERT INTO parents (id, name) VALUES (${id}, ${"seen"})`);
    const prisma = await database.prisma();
    expect(await database.prisma()).toBe(prisma);
    expect(await prisma.$queryRawUnsafe(`SELECT name FROM parents WHERE id = '${id}'`)).toEqual([
      { name: "seen" },
    ]);
  });
});

describe("SqlClient on postgresql when the server ends its connections", () => {
  it("keeps the process alive and connects again for the next query", async () => {
    const testDatabase = await createTestDatabase("postgresql");
    const database = await openDatabase(testDatabase.url);
    try {
      await database.ping();
      // What a server restart or an administrator does to the pool's idle connection.
      await querySql(
        testDatabase.url,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()",
      );
      await new Promise((resolve) => setTimeout(resolve, 200));
      await expect(database.ping()).resolves.toBeUndefined();
    } finally {
      await database.close();
      await testDatabase.drop();
    }
  });
});
