// What Linux's /proc says about a server and its workers: the process tree, CPU time, memory.
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";

const TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"]).toString().trim()) || 100;

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces). */
function statFields(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** `pid` and every process below it (a primary's workers). */
export function processTree(pid) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(statFields(entry)[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // The process ended while the table was read.
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i += 1) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

/** CPU time (user + system) the processes used so far, in microseconds. */
export function cpuMicroseconds(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = statFields(pid);
      // utime and stime are the 14th and 15th fields of stat; index 11 and 12 after the name.
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // Gone: its time is lost, which the caller sees as a worker restart anyway.
    }
  }
  return (ticks * 1e6) / TICKS_PER_SECOND;
}

/**
 * CPU time the whole machine has spent working so far (every process and the kernel: user, nice,
 * system, irq, softirq from /proc/stat's first line), in microseconds.
 */
export function machineCpuMicroseconds() {
  const stat = readFileSync("/proc/stat", "utf8");
  const [user, nice, system, , , irq, softirq] = stat
    .slice("cpu".length, stat.indexOf("\n"))
    .trim()
    .split(/\s+/)
    .map(Number);
  return ((user + nice + system + irq + softirq) * 1e6) / TICKS_PER_SECOND;
}

/** Resident memory of one process in MiB: total, anonymous (heaps, stacks) and file-backed (code). */
export function residentMemory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = (field) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
  return { rss: kib("VmRSS") / 1024, anon: kib("RssAnon") / 1024, file: kib("RssFile") / 1024 };
}

/**
 * Samples the resident memory of every process in `pid`'s tree every `everyMs` until stopped;
 * `stop()` answers each process's peak (with its anonymous and file-backed parts at that peak).
 */
export function sampleMemory(pid, everyMs = 200) {
  const peaks = new Map();
  const sample = () => {
    for (const member of processTree(pid)) {
      try {
        const now = residentMemory(member);
        if (!(peaks.get(member)?.rss >= now.rss)) peaks.set(member, now);
      } catch {
        // Gone between listing and reading.
      }
    }
  };
  sample();
  const timer = setInterval(sample, everyMs);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peaks;
    },
  };
}
