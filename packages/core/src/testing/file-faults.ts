import { execFileSync } from "node:child_process";
import {
  accessSync,
  chmodSync,
  closeSync,
  constants,
  mkdtempSync,
  openSync,
  rmSync,
  writeSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

function isWritable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Makes `file` unwritable, as an operator's mistake or a failing disk would: read-only by mode,
 * or, for root (whom modes do not stop), immutable with `chattr +i`.
 * @returns a function that makes it writable again (so its folder can be deleted)
 * @throws Error when neither works on this machine, rather than testing nothing
 */
export function makeUnwritable(file: string): () => void {
  chmodSync(file, 0o400);
  if (!isWritable(file)) return () => chmodSync(file, 0o600);
  chmodSync(file, 0o600);
  try {
    execFileSync("chattr", ["+i", file], { stdio: "pipe" });
  } catch (error) {
    throw new Error(
      `cannot make ${file} unwritable: modes do not stop root, and chattr +i failed (${(error as Error).message})`,
    );
  }
  return () => execFileSync("chattr", ["-i", file], { stdio: "pipe" });
}

/** A small file system of its own, to fill up. */
export interface SmallFileSystem {
  dir: string;
  /** Unmounts it and deletes the mount point. */
  unmount(): void;
}

/**
 * Mounts a tmpfs of `megabytes` on a new folder (needs root, or CAP_SYS_ADMIN).
 * @returns a string saying why it could not, where mounting is impossible (not root, no mount)
 */
export function mountSmallFileSystem(megabytes: number): SmallFileSystem | string {
  const dir = mkdtempSync(path.join(tmpdir(), "otas-tmpfs-"));
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${megabytes}m,mode=0700`, "tmpfs", dir], {
      stdio: "pipe",
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return `cannot mount a tmpfs (needs root): ${(error as Error).message.split("\n")[0]}`;
  }
  return {
    dir,
    unmount: () => {
      execFileSync("umount", [dir], { stdio: "pipe" });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes files in `dir` until its file system has no block left (ENOSPC), as a disk filled by
 * another program would be.
 * @returns a function that deletes them again
 */
export function fillFileSystem(dir: string): () => void {
  const big = path.join(dir, "filler");
  const tail = path.join(dir, "filler-tail");
  // Whole megabytes first, then the last blocks one small write at a time.
  writeUntilFull(big, 1 << 20);
  writeUntilFull(tail, 512);
  return () => {
    rmSync(big, { force: true });
    rmSync(tail, { force: true });
  };
}

function writeUntilFull(file: string, chunkSize: number): void {
  const fd = openSync(file, "w");
  const chunk = Buffer.alloc(chunkSize, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  } finally {
    closeSync(fd);
  }
}
