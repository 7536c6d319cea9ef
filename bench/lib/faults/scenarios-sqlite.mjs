// Faults of SQLite's storage: the database file or its -wal deleted under the running service,
// the disk full, the database locked by another connection.
import { execFile } from "node:child_process";
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { checkWrites, LOCKED_CLIENTS, pause, row, underLoad } from "./common.mjs";
import { seedUsers } from "./load.mjs";
import { startService, worstHealth } from "./service.mjs";

const run = promisify(execFile);

/** The service on a SQLite file in `dir`, with users to log in as. */
async function serviceOnFile(ctx, name, dir) {
  const file = path.join(dir, "otas.db");
  const databaseUrl = `file:${file}`;
  const service = await startService({
    databaseUrl,
    port: await ctx.freePort(),
    logFile: ctx.logFile(name, "service"),
  });
  return { file, databaseUrl, service, users: await seedUsers(service.url, 8) };
}

/**
 * Under load: the database file (`suffix` "") or its `-wal` deleted; the service stopped and
 * started again. What counts is what the service acknowledged after the deletion: the users
 * written before went with the file, whatever the service does (with the -wal, the stopping
 * service's last connection checkpoints them into the database file).
 */
async function deletedUnderLoad(ctx, name, suffix) {
  const dir = mkdtempSync(path.join(tmpdir(), "otas-faults-sqlite-"));
  const { file, databaseUrl, service, users } = await serviceOnFile(ctx, name, dir);
  const result = await underLoad(service.url, { users, ...ctx.timing(name) }, async () => {
    unlinkSync(`${file}${suffix}`);
    return { health: await worstHealth(service.url, [500, 1500]) };
  });
  await service.stop();
  // Started again (it creates the database anew), as after a deploy: what is left?
  const again = await startService({
    databaseUrl,
    port: service.port,
    logFile: ctx.logFile(name, "service-again"),
  });
  await again.stop();
  const writes = await checkWrites(databaseUrl, result.records, result.faultAt);
  rmSync(dir, { recursive: true, force: true });
  return { result, writes };
}

/** Under load: the database file deleted. */
export async function sqliteFileDeleted(ctx) {
  const { result, writes } = await deletedUnderLoad(ctx, "sqlite-deleted", "");
  return row("SQLite file deleted", "sqlite", result, writes, {
    notes: "acknowledged writes lost: those acknowledged after the deletion",
  });
}

/** Under load: the database's -wal deleted. */
export async function sqliteWalDeleted(ctx) {
  const { result, writes } = await deletedUnderLoad(ctx, "sqlite-wal-deleted", "-wal");
  return row("SQLite -wal deleted", "sqlite", result, writes, {
    notes: "acknowledged writes lost: those acknowledged after the deletion",
  });
}

/** Fills the file system under `dir` (a filler file written until ENOSPC). */
function fillDisk(dir) {
  const filler = path.join(dir, "filler");
  const fd = openSync(filler, "w");
  const chunk = Buffer.alloc(1 << 20);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if (error.code !== "ENOSPC") throw error;
  } finally {
    closeSync(fd);
  }
  // Then the last bytes: a file system full to the last block.
  const tail = openSync(path.join(dir, "filler-tail"), "w");
  try {
    for (;;) writeSync(tail, Buffer.alloc(512));
  } catch {
  } finally {
    closeSync(tail);
  }
  return () => {
    rmSync(filler, { force: true });
    rmSync(path.join(dir, "filler-tail"), { force: true });
  };
}

/** Under load: the file system of the database (a small tmpfs) filled up, then freed. */
export async function diskFull(ctx) {
  if (process.getuid?.() !== 0) {
    return { scenario: "disk full", database: "sqlite", skipped: "needs root to mount a tmpfs" };
  }
  const dir = mkdtempSync(path.join(tmpdir(), "otas-faults-tmpfs-"));
  await run("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", dir]);
  try {
    const { databaseUrl, service, users } = await serviceOnFile(ctx, "disk-full", dir);
    const { fullMs } = ctx.settings;
    const result = await underLoad(service.url, { users, ...ctx.timing("disk-full") }, async () => {
      const free = fillDisk(dir);
      const [health] = await Promise.all([worstHealth(service.url, [500, 1500]), pause(fullMs)]);
      free();
      return {
        health,
        notes: `full ${fullMs / 1000} s`,
      };
    });
    await service.stop();
    return row("disk full", "sqlite", result, await checkWrites(databaseUrl, result.records));
  } finally {
    await run("umount", [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Under load: another connection holding SQLite's write lock for `lockMs`. */
export async function sqliteLocked(ctx) {
  const dir = mkdtempSync(path.join(tmpdir(), "otas-faults-sqlite-"));
  const { file, databaseUrl, service, users } = await serviceOnFile(ctx, "locked-sqlite", dir);
  const { lockMs } = ctx.settings;
  const locker = new Database(file);
  const result = await underLoad(
    service.url,
    { users, clients: LOCKED_CLIENTS, ...ctx.timing("locked-table") },
    async () => {
      locker.exec("BEGIN IMMEDIATE");
      // Asked once the waiting requests hold every connection, a few times (any worker may
      // answer).
      const [health] = await Promise.all([
        worstHealth(service.url, [1000, 3000, 5000]),
        pause(lockMs),
      ]);
      locker.exec("COMMIT");
      return {
        health,
        notes: `locked ${lockMs / 1000} s`,
      };
    },
  );
  locker.close();
  await service.stop();
  const writes = await checkWrites(databaseUrl, result.records);
  rmSync(dir, { recursive: true, force: true });
  return row("database locked by another writer", "sqlite", result, writes);
}
