import type { DeliveryOutcome, OutboxDepth } from "@otas/core";
import { Counter, Gauge, type Registry } from "prom-client";

/** The reset mail outbox's metrics. */
export interface ResetMailMetrics {
  /** One delivery step of this process (see `deliverResetMail`). */
  delivered(outcome: DeliveryOutcome<unknown>): void;
  /** Where the outbox's depth is read at each scrape (it is the database's, shared). */
  watchOutbox(depth: () => Promise<OutboxDepth>): void;
}

/**
 * Counters of this process's deliveries (summed over workers), and gauges of the outbox read from
 * the database at each scrape: every worker reads the same table, so workers are aggregated by
 * their maximum, not their sum.
 */
export function createResetMailMetrics(registry: Registry): ResetMailMetrics {
  const registers = [registry];
  let depthSource: (() => Promise<OutboxDepth>) | undefined;
  /** The outbox's depth now; undefined without a source, or while the database fails. */
  const readDepth = async () => {
    try {
      return await depthSource?.();
    } catch {
      return undefined;
    }
  };
  new Gauge({
    name: "otas_reset_mail_outbox_depth",
    help: "Reset requests (stage=request) and mails (stage=mail) waiting in the database's outbox; absent while the database does not answer.",
    labelNames: ["stage"] as const,
    aggregator: "max",
    registers,
    async collect() {
      const depth = await readDepth();
      this.reset();
      if (depth === undefined) return;
      this.set({ stage: "request" }, depth.requests);
      this.set({ stage: "mail" }, depth.mails);
    },
  });
  new Gauge({
    name: "otas_reset_mail_outbox_oldest_seconds",
    help: "Age of the oldest entry waiting in the reset mail outbox (0 when empty).",
    aggregator: "max",
    registers,
    async collect() {
      const depth = await readDepth();
      this.reset();
      if (depth === undefined) return;
      const oldest = depth.oldestCreatedAt;
      this.set(oldest === null ? 0 : Math.max(0, (Date.now() - oldest.getTime()) / 1000));
    },
  });
  const sent = new Counter({
    name: "otas_reset_mails_sent_total",
    help: "Reset mails the mail server (or the development outbox folder) accepted.",
    registers,
  });
  const failures = new Counter({
    name: "otas_reset_mail_send_failures_total",
    help: "Sends of a reset mail that failed; each is retried later with the same link.",
    registers,
  });
  const dropped = new Counter({
    name: "otas_reset_mails_dropped_total",
    help: "Reset mails deleted unsent: reason=expired (its link expired first), void (the link stopped working).",
    labelNames: ["reason"] as const,
    registers,
  });
  sent.inc(0);
  failures.inc(0);
  dropped.inc({ reason: "expired" }, 0);
  dropped.inc({ reason: "void" }, 0);
  return {
    delivered(outcome) {
      if (outcome.kind === "sent") sent.inc();
      else if (outcome.kind === "failed") failures.inc();
      else if (outcome.kind === "dropped") dropped.inc({ reason: outcome.reason });
    },
    watchOutbox(depth) {
      depthSource = depth;
    },
  };
}
