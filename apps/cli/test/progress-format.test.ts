import { describe, expect, it } from "vitest";
import { formatDuration, progressBar, progressLine } from "../src/import/progress-format.js";
import { createTally } from "../src/import/tally.js";

function stateAfter(done: number, seconds: number, total: number | undefined) {
  const tally = createTally();
  for (let row = 1; row <= done; row += 1) {
    tally.add(
      row % 10 === 0
        ? { row, email: "", outcome: "invalid", reason: "invalid_json" }
        : { row, email: "", outcome: "created" },
    );
  }
  return { tally, total, elapsedSeconds: seconds };
}

describe("progress display", () => {
  it("formats durations compactly", () => {
    expect([0, 4.4, 59.6, 125, 3600 + 120].map(formatDuration)).toEqual([
      "0s",
      "4s",
      "1m00s",
      "2m05s",
      "1h02m",
    ]);
  });

  it("shows count, percentage, rate, ETA and outcomes in a log line", () => {
    expect(progressLine(stateAfter(300, 2, 1200))).toBe(
      "300/1200 rows (25%), 150 rows/s, ETA 6s; 270 created, 0 exists, 30 invalid",
    );
    expect(progressLine(stateAfter(50, 1, undefined))).toBe(
      "50 rows, 50 rows/s; 45 created, 0 exists, 5 invalid",
    );
  });

  it("fits the bar to the terminal width", () => {
    for (const columns of [40, 80, 200]) {
      const bar = progressBar(stateAfter(600, 3, 1200), columns);
      expect(bar.length).toBeLessThan(columns);
    }
    expect(progressBar(stateAfter(600, 3, 1200), 120)).toMatch(
      /^\[█{15}░{15}\] 50% 600\/1200 · 200 rows\/s, ETA 3s · /,
    );
  });
});
