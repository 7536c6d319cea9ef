import { execFileSync } from "node:child_process";
import { accessSync, chmodSync, constants } from "node:fs";

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
