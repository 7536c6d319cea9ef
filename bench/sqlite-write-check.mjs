// node bench/sqlite-write-check.mjs: what the storage check costs a SQLite write (issue 18 part 4).
// Every write the service makes on SQLite first checks, inside its transaction, that the database
// file and its -wal are still the ones opened and writable (stat + access of each). This times,
// in CPU microseconds per statement (the machine is shared, so CPU rather than wall time), a
// one-row INSERT as the SqlClient ran it before (its code, copied: an autocommit statement), the
// same in an IMMEDIATE transaction, and as openDatabase's client runs it now (that transaction
// with the check before its commit), and a read, which is not checked. Run after `pnpm build`.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase, sql } from "@otas/core";
import BetterSqlite3 from "better-sqlite3";

const STATEMENTS = 20_000;
const ROUNDS = 5;

async function cpuMicrosAsync(run) {
  const start = process.cpuUsage();
  for (let i = 0; i < STATEMENTS; i += 1) await run(i);
  const { user, system } = process.cpuUsage(start);
  return (user + system) / STATEMENTS;
}

const dir = mkdtempSync(path.join(tmpdir(), "otas-write-check-"));
const before = new BetterSqlite3(path.join(dir, "before.db"));
before.pragma("journal_mode = WAL");
before.exec("CREATE TABLE t (n INTEGER NOT NULL, s TEXT NOT NULL)");
// The SqlClient's execute() before the check, as it was.
const statements = new Map();
const prepared = (text) => {
  let statement = statements.get(text);
  if (statement === undefined) {
    statement = before.prepare(text);
    statements.set(text, statement);
  }
  return statement;
};
const run = (statement) => prepared(statement.sql).run(...statement.values).changes;
const executeBefore = async (statement) => run(statement);
const inTransaction = before.transaction(run);
const executeInTransaction = async (statement) => inTransaction.immediate(statement);
const now = await openDatabase(`file:${path.join(dir, "now.db")}`);
await now.sql.execute(sql`CREATE TABLE t (n INTEGER NOT NULL, s TEXT NOT NULL)`);

const median = (values) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)];
const results = { before: [], transaction: [], now: [], read: [] };
for (let round = 0; round < ROUNDS; round += 1) {
  results.before.push(
    await cpuMicrosAsync((i) => executeBefore(sql`INSERT INTO t VALUES (${i}, 'x')`)),
  );
  results.transaction.push(
    await cpuMicrosAsync((i) => executeInTransaction(sql`INSERT INTO t VALUES (${i}, 'x')`)),
  );
  results.now.push(
    await cpuMicrosAsync((i) => now.sql.execute(sql`INSERT INTO t VALUES (${i}, 'x')`)),
  );
  results.read.push(
    await cpuMicrosAsync((i) => now.sql.query(sql`SELECT n FROM t WHERE rowid = ${i}`)),
  );
}
before.close();
await now.close();
rmSync(dir, { recursive: true, force: true });

const show = (values) =>
  `${median(values).toFixed(1)} µs (rounds ${values.map((v) => v.toFixed(1)).join(", ")})`;
console.log(`CPU per statement, median of ${ROUNDS} rounds of ${STATEMENTS}:`);
console.log(`  INSERT, autocommit as before:        ${show(results.before)}`);
console.log(`  INSERT, in a transaction:            ${show(results.transaction)}`);
console.log(`  INSERT, checked transaction (now):   ${show(results.now)}`);
console.log(`  SELECT by rowid (not checked):       ${show(results.read)}`);
const cost = (from) => (median(results.now) - median(from)).toFixed(1);
console.log(
  `  added per write: ${cost(results.before)} µs, of which the check ${cost(results.transaction)} µs`,
);
