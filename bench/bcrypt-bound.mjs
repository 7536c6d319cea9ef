// The bcrypt bound: how many hashes per second this machine computes at a cost, with every core
// busy and nothing else running. Run as its own process: node bcrypt-bound.mjs <rounds> <seconds>
import { availableParallelism } from "node:os";
import bcrypt from "bcrypt";

const rounds = Number(process.argv[2] ?? 12);
const seconds = Number(process.argv[3] ?? 10);
const inFlight = availableParallelism() * 2;

// One warm-up hash per worker thread, so thread start-up is not counted.
await Promise.all(Array.from({ length: inFlight }, () => bcrypt.hash("warm-up", 4)));
let done = 0;
const started = performance.now();
const deadline = started + seconds * 1000;
async function worker() {
  while (performance.now() < deadline) {
    await bcrypt.hash(`password-${done}`, rounds);
    done += 1;
  }
}
await Promise.all(Array.from({ length: inFlight }, worker));
const elapsed = (performance.now() - started) / 1000;
console.log(JSON.stringify({ rounds, hashes: done, seconds: elapsed, perSecond: done / elapsed }));
