import { randomBytes } from "node:crypto";
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  linkSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { dirname } from "node:path";

/**
 * Creates `file` holding `content` (owner-only) unless it already exists, so that no process ever
 * sees it partly written: the content goes to a temporary file, is flushed to disk, and only
 * then gets its name with `link`, which (unlike `rename`) fails when the name is taken. Processes
 * racing on a fresh folder therefore all end up reading the one complete file, and a crash at any
 * point leaves either no file or a complete one (plus, at worst, a stray temporary file).
 * @returns true when this call created the file, false when it existed.
 */
export function createFileOnce(file: string, content: string): boolean {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
  const fd = openSync(temporary, "wx", 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, file);
    syncFolder(dirname(file));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(temporary);
  }
}

/** Flushes a folder's entries (the new name) to disk; not every platform can open a folder. */
function syncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, constants.O_RDONLY);
    fsyncSync(fd);
  } catch {
    // Best effort: the file's own content is already on disk.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * The text of a file that holds a secret, refusing one that is not private: not a regular file
 * (a FIFO, a device, a folder), writable or readable by its group or by others, or owned by
 * another user than this process's (or root). A symbolic link is followed, and what it points to
 * is checked. The checks run on the opened file, so it cannot be swapped between check and read;
 * it is opened without blocking, so a FIFO put in its place is refused instead of hanging the
 * start until something writes to it.
 * @throws Error saying what is wrong with the file.
 */
export function readPrivateFile(file: string): string {
  // O_NONBLOCK only changes how FIFOs and devices open (POSIX; Windows has neither the flag nor them).
  const fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new Error(`${file} is not a regular file`);
    // Mode bits and owners mean nothing on Windows, which has neither getuid nor POSIX modes.
    const uid = process.getuid?.();
    if (uid !== undefined) {
      const mode = (stats.mode & 0o777).toString(8).padStart(3, "0");
      if ((stats.mode & 0o022) !== 0) {
        throw new Error(`${file} is writable by others (mode ${mode}); chmod 600 it`);
      }
      if ((stats.mode & 0o044) !== 0) {
        throw new Error(`${file} is readable by others (mode ${mode}); chmod 600 it`);
      }
      if (stats.uid !== uid && stats.uid !== 0) {
        throw new Error(`${file} belongs to another user (uid ${stats.uid})`);
      }
    }
    return readFileSync(fd, "utf8");
  } finally {
    closeSync(fd);
  }
}
