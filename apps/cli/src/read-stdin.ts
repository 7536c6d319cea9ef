/** More than one user ever needs; `create` takes one user, `import` takes many. */
export const STDIN_LIMIT_BYTES = 1_048_576;

/**
 * All of standard input as UTF-8 text. Resolves with undefined when it holds more than
 * `limitBytes`, without buffering the rest.
 */
export async function readStdin(limitBytes = STDIN_LIMIT_BYTES): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limitBytes) {
      process.stdin.destroy();
      return undefined;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}
