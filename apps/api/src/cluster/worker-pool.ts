import cluster, { type Address, type Worker } from "node:cluster";
import { RETIRE_MESSAGE } from "../lifecycle/leave-rotation.js";
import { workerRestartPolicy } from "./restart-backoff.js";

/** How a worker ended: its exit code, or the signal that ended it. */
export interface WorkerEnd {
  code: number | null;
  signal: string | null;
}

/**
 * A worker shut down cleanly when it exited 0 — or when the stop signal ended it before it
 * installed its own handler, which it does before it listens: it had served nothing.
 */
export function cleanEnd(end: WorkerEnd): boolean {
  return end.code === 0 || end.signal === "SIGTERM" || end.signal === "SIGINT";
}

/** One worker of the pool. */
export interface PoolWorker {
  /** The cluster's id of the worker. */
  id: number;
  worker: Worker;
  /** Which of the pool's places it holds; a replacement takes the same one. */
  slot: number;
  /** It has started listening. */
  listening: boolean;
  /** It is being drained on purpose: its exit is not a crash. */
  retiring: boolean;
  /** Started by a rolling restart and not serving yet: it is not replaced if it dies. */
  onTrial: boolean;
  ended: Promise<WorkerEnd>;
}

/** What the pool tells its owner. */
export interface PoolEvents {
  /** A new worker, before it starts (e.g. to answer its messages). */
  forked(worker: Worker): void;
  listening(worker: Worker, address: Address): void;
  /** The number of serving workers (listening, not retiring) changed. */
  servingChanged(count: number): void;
  /** A worker died unexpectedly; its replacement starts after `restartInMs`. */
  crashed(worker: Worker, end: WorkerEnd & { restartInMs: number; othersServing: number }): void;
}

/**
 * The workers of node:cluster's primary: each holds a place (slot), a worker that dies is
 * replaced in its place after {@link workerRestartPolicy}'s delay, and a replacement can start a
 * worker on trial and drain another on purpose.
 */
export function workerPool(events: PoolEvents) {
  const alive = new Map<number, PoolWorker>();
  const pendingForks = new Set<NodeJS.Timeout>();
  const restarts = workerRestartPolicy();
  let stopping = false;

  const serving = () => [...alive.values()].filter((entry) => entry.listening && !entry.retiring);

  const start = (slot: number, onTrial = false): PoolWorker => {
    const worker = cluster.fork();
    events.forked(worker);
    let endWith: (end: WorkerEnd) => void = () => {};
    const ended = new Promise<WorkerEnd>((resolve) => {
      endWith = resolve;
    });
    const entry: PoolWorker = {
      id: worker.id,
      worker,
      slot,
      listening: false,
      retiring: false,
      onTrial,
      ended,
    };
    alive.set(worker.id, entry);
    worker.once("listening", (address) => {
      entry.listening = true;
      // Serving, it is a worker like the others: replaced if it dies.
      entry.onTrial = false;
      events.servingChanged(serving().length);
      events.listening(worker, address);
    });
    worker.once("exit", (code, signal) => {
      alive.delete(worker.id);
      events.servingChanged(serving().length);
      endWith({ code, signal });
      if (stopping || entry.retiring || entry.onTrial) return;
      const othersServing = serving().length;
      const restartInMs = restarts.delayMs({
        slot,
        now: Date.now(),
        wasServing: entry.listening,
        othersServing,
      });
      events.crashed(worker, { code, signal, restartInMs, othersServing });
      const timer = setTimeout(() => {
        pendingForks.delete(timer);
        if (!stopping) start(slot);
      }, restartInMs);
      pendingForks.add(timer);
    });
    return entry;
  };

  return {
    start,
    /** The workers serving now (listening, not being drained). */
    serving,
    /** Every live worker, serving or not. */
    alive: () => [...alive.values()],
    /** Resolves true once `entry` listens; false if it exits or `timeoutMs` passes first. */
    untilServing(entry: PoolWorker, timeoutMs: number): Promise<boolean> {
      if (entry.listening) return Promise.resolve(true);
      return new Promise((resolve) => {
        const finish = (started: boolean) => {
          clearTimeout(timer);
          entry.worker.off("listening", onListening);
          resolve(started);
        };
        const onListening = () => finish(true);
        const timer = setTimeout(() => finish(false), timeoutMs);
        entry.worker.once("listening", onListening);
        void entry.ended.then(() => finish(false));
      });
    },
    /**
     * Asks `entry` to make way: it stops accepting, finishes its requests and exits (SIGTERM
     * when it cannot be told). Resolves with how it ended; after `timeoutMs` it is killed.
     */
    async retire(entry: PoolWorker, timeoutMs: number): Promise<WorkerEnd> {
      entry.retiring = true;
      events.servingChanged(serving().length);
      if (entry.worker.isConnected()) entry.worker.send(RETIRE_MESSAGE);
      else entry.worker.process.kill("SIGTERM");
      const timer = setTimeout(() => entry.worker.process.kill("SIGKILL"), timeoutMs);
      const end = await entry.ended;
      clearTimeout(timer);
      return end;
    },
    /** Ends a worker on trial that did not start serving (it is not replaced). */
    abandon(entry: PoolWorker): void {
      entry.worker.process.kill("SIGKILL");
    },
    /** From now on nothing is replaced; sends SIGTERM to every live worker. */
    stopAll(): PoolWorker[] {
      stopping = true;
      for (const timer of pendingForks) clearTimeout(timer);
      const all = [...alive.values()];
      for (const entry of all) entry.worker.process.kill("SIGTERM");
      return all;
    },
  };
}

export type WorkerPool = ReturnType<typeof workerPool>;
