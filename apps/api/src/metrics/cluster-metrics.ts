import type { Worker } from "node:cluster";
import {
  AggregatorRegistry,
  type MetricObjectWithValues,
  type MetricValue,
  type Registry,
} from "prom-client";
import type { MessageChannel } from "../cluster/channel.js";

type MetricsJson = MetricObjectWithValues<MetricValue<string>>[];

interface MetricsRequest {
  type: "otas:metrics-request";
  id: number;
}

interface MetricsAnswer {
  type: "otas:metrics";
  id: number;
  metrics: MetricsJson;
}

/** A worker that does not answer in this time is left out of the scrape (and logged). */
const ANSWER_TIMEOUT_MS = 2000;

/** The worker's side: answers the primary's requests with this process's metrics. */
export function answerMetricsRequests(primary: MessageChannel, registry: Registry): void {
  primary.on("message", (message) => {
    const request = message as Partial<MetricsRequest>;
    if (request?.type !== "otas:metrics-request" || typeof request.id !== "number") return;
    const { id } = request;
    void registry.getMetricsAsJSON().then((metrics) => {
      primary.send({ type: "otas:metrics", id, metrics } satisfies MetricsAnswer);
    });
  });
}

/**
 * The primary's side: asks every serving worker for its metrics and aggregates them with the
 * primary's own (`registry`) as prom-client's AggregatorRegistry does — counters and histograms
 * summed, gauges by their aggregator (sum, max, first...). Only workers already serving are asked,
 * so a worker being replaced never stalls a scrape; one that does not answer in time is skipped
 * and reported through `onMissing`.
 */
export function clusterMetricsCollector(
  registry: Registry,
  servingWorkers: () => Worker[],
  onMissing: (workerIds: number[]) => void,
) {
  let lastId = 0;
  return async (): Promise<string> => {
    lastId += 1;
    const id = lastId;
    const workers = servingWorkers();
    const answers = await Promise.all(
      workers.map(
        (worker) =>
          new Promise<MetricsJson | undefined>((resolve) => {
            const timer = setTimeout(() => finish(undefined), ANSWER_TIMEOUT_MS);
            const listener = (message: Partial<MetricsAnswer>) => {
              if (message?.type === "otas:metrics" && message.id === id) finish(message.metrics);
            };
            const finish = (metrics: MetricsJson | undefined) => {
              clearTimeout(timer);
              worker.off("message", listener);
              resolve(metrics);
            };
            worker.on("message", listener);
            try {
              worker.send({ type: "otas:metrics-request", id } satisfies MetricsRequest);
            } catch {
              // The worker died since it was listed: it is reported missing.
              finish(undefined);
            }
          }),
      ),
    );
    const missing = workers.filter((_, index) => answers[index] === undefined);
    if (missing.length > 0) onMissing(missing.map((worker) => worker.id));
    const all = [
      ...answers.filter((answer) => answer !== undefined),
      await registry.getMetricsAsJSON(),
    ];
    return AggregatorRegistry.aggregate(all).metrics();
  };
}
