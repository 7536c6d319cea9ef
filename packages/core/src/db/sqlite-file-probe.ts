import { accessSync, constants, statfsSync, statSync } from "node:fs";
import path from "node:path";

/** Which file a path named when it was opened: a new file at the same path has another. */
export interface FileIdentity {
  dev: number;
  ino: number;
}

/** The files a SQLite connection in WAL mode writes: the database and its `-wal`. */
export interface SqliteFiles {
  database: FileIdentity;
  wal: FileIdentity;
}

/**
 * Below this many free bytes on the database's file system, `/healthz` reports the disk full: a
 * write transaction appends a few 4 KiB pages to the `-wal` and a checkpoint may grow the
 * database, so a few more writes would fail with SQLITE_FULL.
 */
export const MIN_FREE_BYTES = 1024 * 1024;

/**
 * The SQLite storage under an open connection can no longer keep what is written to it (the
 * file deleted, replaced or unwritable, the disk full). The message names the file, for logs.
 */
export class SqliteStorageError extends Error {
  override readonly name = "SqliteStorageError";
  constructor(
    message: string,
    /** What happened to the file, for whoever decides what to do about it. */
    readonly fault: "deleted" | "replaced" | "unwritable" | "full" | "missing",
    /** The file it happened to. */
    readonly file: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The identity of the file at `path` now; undefined when there is none. */
function identityOf(file: string): FileIdentity | undefined {
  const stats = statSync(file, { throwIfNoEntry: false });
  return stats === undefined ? undefined : { dev: stats.dev, ino: stats.ino };
}

/**
 * The identities of the database file and its `-wal` right after a connection opened them in
 * WAL mode and read (which creates the `-wal`).
 * @throws SqliteStorageError when either is missing
 */
export function sqliteFilesOf(file: string): SqliteFiles {
  const database = identityOf(file);
  const wal = identityOf(`${file}-wal`);
  if (database === undefined || wal === undefined) {
    throw new SqliteStorageError(
      `the database file ${file} or its -wal is missing after opening`,
      "missing",
      file,
    );
  }
  return { database, wal };
}

function checkOne(file: string, opened: FileIdentity): void {
  const now = identityOf(file);
  if (now === undefined) {
    throw new SqliteStorageError(`the database file ${file} was deleted`, "deleted", file);
  }
  if (now.dev !== opened.dev || now.ino !== opened.ino) {
    throw new SqliteStorageError(
      `the database file ${file} was replaced by another file`,
      "replaced",
      file,
    );
  }
  try {
    // access() reports an immutable file or a read-only file system as not writable, even to root.
    accessSync(file, constants.R_OK | constants.W_OK);
  } catch (error) {
    throw new SqliteStorageError(
      `the database file ${file} cannot be written`,
      "unwritable",
      file,
      {
        cause: error,
      },
    );
  }
}

/**
 * Throws when the files a connection opened can no longer hold the service's writes: the
 * database file or its `-wal` deleted (the connection goes on writing the unlinked file, and a
 * restart finds nothing), replaced by another file, or no longer writable (made read-only or
 * immutable, or its file system remounted read-only). The open connection itself notices none of
 * these. A handful of stat/access calls: microseconds, synchronous, so it can run inside a write
 * transaction before its commit.
 * @throws SqliteStorageError
 */
export function checkSqliteFiles(file: string, opened: SqliteFiles): void {
  checkOne(file, opened.database);
  checkOne(`${file}-wal`, opened.wal);
}

/**
 * {@link checkSqliteFiles}, and the file system holding the database has at least
 * {@link MIN_FREE_BYTES} free (for unprivileged users: what root alone may use does not count).
 * @throws SqliteStorageError
 */
export async function probeSqliteFile(file: string, opened: SqliteFiles): Promise<void> {
  checkSqliteFiles(file, opened);
  const { bavail, bsize } = statfsSync(path.dirname(file));
  const free = bavail * bsize;
  if (free < MIN_FREE_BYTES) {
    throw new SqliteStorageError(
      `the file system holding ${file} is full (${free} bytes free, under ${MIN_FREE_BYTES})`,
      "full",
      file,
    );
  }
}
