import { cpus, loadavg, totalmem } from "node:os";

/** What the figures were measured on. */
export function describeMachine() {
  const cores = cpus();
  return {
    cpu: cores[0]?.model.trim() ?? "unknown",
    cores: cores.length,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    /** 1-minute load average as the run starts: above the core count, others were busy too. */
    loadAverage: loadavg()[0] ?? Number.NaN,
  };
}
