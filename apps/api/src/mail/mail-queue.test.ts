import { describe, expect, it } from "vitest";
import { createMailQueue, type MailLog } from "./mail-queue.js";

function recordingLog() {
  const lines: { level: string; details: object; message: string }[] = [];
  const at =
    (level: string) =>
    (details: object, message: string): void =>
      void lines.push({ level, details, message });
  const log: MailLog = { info: at("info"), warn: at("warn"), error: at("error") };
  return { log, lines };
}

/** A task that fails `failures` times, then succeeds; counts its attempts. */
function flakyTask(failures: number) {
  let attempts = 0;
  return {
    task: async () => {
      attempts += 1;
      if (attempts <= failures)
        throw Object.assign(new Error("451 Try again later"), { responseCode: 451 });
    },
    attempts: () => attempts,
  };
}

describe("createMailQueue", () => {
  it("retries a failing task after each delay, logging every failure", async () => {
    const queue = createMailQueue({ retryDelaysMs: [5, 5, 5] });
    const { log, lines } = recordingLog();
    const flaky = flakyTask(2);
    queue.push(flaky.task, log);
    await queue.close();
    expect(flaky.attempts()).toBe(3);
    expect(lines.map((line) => [line.level, line.message])).toEqual([
      ["warn", "mail not sent: will retry"],
      ["warn", "mail not sent: will retry"],
    ]);
    expect(lines[0]?.details).toMatchObject({
      attempt: 1,
      err: { message: "451 Try again later", responseCode: 451 },
    });
  });

  it("gives up after the last delay and logs an error", async () => {
    const queue = createMailQueue({ retryDelaysMs: [1] });
    const { log, lines } = recordingLog();
    const flaky = flakyTask(5);
    queue.push(flaky.task, log);
    await queue.close();
    expect(flaky.attempts()).toBe(2);
    expect(lines.at(-1)).toMatchObject({ level: "error", message: "mail not sent: giving up" });
  });

  it("on close, retries at once instead of waiting out a long delay, and waits for it", async () => {
    const queue = createMailQueue({ retryDelaysMs: [3_600_000] });
    const { log } = recordingLog();
    const flaky = flakyTask(1);
    queue.push(flaky.task, log);
    // Let the first attempt fail, so the task is waiting for its retry.
    while (flaky.attempts() === 0) await new Promise((resolve) => setImmediate(resolve));
    await queue.close();
    expect(flaky.attempts()).toBe(2);
  });

  it("does not run a task before the current turn of the event loop ends", async () => {
    const queue = createMailQueue();
    const flaky = flakyTask(0);
    queue.push(flaky.task, recordingLog().log);
    await Promise.resolve();
    expect(flaky.attempts()).toBe(0);
    await queue.close();
    expect(flaky.attempts()).toBe(1);
  });
});
