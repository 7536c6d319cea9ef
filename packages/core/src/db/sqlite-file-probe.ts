import { constants } from "node:fs";
import { access, stat } from "node:fs/promises";

/** Which file a path named when it was opened: a new file at the same path has another. */
export interface FileIdentity {
  dev: number;
  ino: number;
}

/** The identity of the file at `path` now. */
export async function fileIdentity(path: string): Promise<FileIdentity> {
  const { dev, ino } = await stat(path);
  return { dev, ino };
}

/**
 * Rejects when the SQLite file a connection opened can no longer hold the service's writes:
 * deleted (the connection goes on reading and writing the unlinked file, and a restart would find
 * nothing), replaced by another file, or no longer writable (made read-only or immutable, or its
 * file system remounted read-only). `SELECT 1` on the open connection notices none of these.
 * @param opened the file's identity when the database was opened
 */
export async function probeSqliteFile(path: string, opened: FileIdentity): Promise<void> {
  let now: FileIdentity;
  try {
    now = await fileIdentity(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(`the database file ${path} was deleted`);
    }
    throw error;
  }
  if (now.dev !== opened.dev || now.ino !== opened.ino) {
    throw new Error(`the database file ${path} was replaced by another file`);
  }
  // access() reports an immutable file or a read-only file system as not writable, even to root.
  await access(path, constants.R_OK | constants.W_OK);
}
