import { UsageError } from "./errors.js";
import { readStdin } from "./read-stdin.js";

/** The state of a password being typed at a prompt. */
export interface Typing {
  value: string;
  /** Enter was pressed. */
  done: boolean;
  /** Ctrl-C or Ctrl-D on an empty line. */
  cancelled: boolean;
}

/**
 * Applies keystrokes read in raw mode: printable characters are added, backspace removes the
 * last character (code point), Enter finishes, Ctrl-C cancels. Nothing is echoed.
 */
export function applyKeystrokes(typing: Typing, chunk: string): Typing {
  let { value } = typing;
  for (const key of chunk) {
    if (key === "\r" || key === "\n") return { value, done: true, cancelled: false };
    if (key === "\u0003" || (key === "\u0004" && value === "")) {
      return { value: "", done: true, cancelled: true };
    }
    if (key === "\u007f" || key === "\b") value = [...value].slice(0, -1).join("");
    else if (key >= " ") value += key;
  }
  return { value, done: false, cancelled: false };
}

/** Asks for a password on the terminal without echoing it; the question goes to stderr. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.setEncoding("utf8");
  stdin.resume();
  let typing: Typing = { value: "", done: false, cancelled: false };
  return new Promise((resolve, reject) => {
    const onData = (chunk: string) => {
      typing = applyKeystrokes(typing, chunk);
      if (!typing.done) return;
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
      if (typing.cancelled) reject(new UsageError("cancelled; nothing was changed"));
      else resolve(typing.value);
    };
    stdin.on("data", onData);
  });
}

/**
 * The new password: typed twice at a prompt without echo when standard input is a terminal,
 * otherwise the first line of standard input (its line ending removed, nothing else).
 */
export async function readNewPassword(): Promise<string> {
  if (process.stdin.isTTY === true) {
    const password = await promptHidden("New password: ");
    if ((await promptHidden("Repeat it: ")) !== password) {
      throw new UsageError("the two passwords differ; nothing was changed");
    }
    return password;
  }
  const text = await readStdin();
  if (text === undefined) throw new UsageError("standard input is too large for a password");
  const lines = text.replace(/\r?\n$/, "");
  if (lines.includes("\n")) throw new UsageError("standard input holds more than one line");
  return lines;
}
