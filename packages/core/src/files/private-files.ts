import { closeSync, mkdirSync, openSync } from "node:fs";
import path from "node:path";

/**
 * Creates `folder` (and missing parents) readable by this user only (0700), as the data folder
 * holds the password hashes and the development JWT secret. A folder that exists keeps its mode:
 * an operator may have chosen a group on purpose.
 */
export function ensurePrivateFolder(folder: string): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
}

/**
 * Creates an empty `file` readable by this user only (0600) in a private folder, unless it
 * exists. SQLite treats an empty file as a new database and creates its `-wal` and `-shm` files
 * with the database file's mode, so they are owner-only too.
 * @see https://www.sqlite.org/tempfiles.html
 */
export function ensurePrivateFile(file: string): void {
  ensurePrivateFolder(path.dirname(file));
  try {
    closeSync(openSync(file, "wx", 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
}
