import { type AppFailure, failureReply, type LegacyMeta } from "@otas/api";
import { Deadline } from "@otas/core";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { sendTrpcFailure, TRPC_PREFIX } from "../trpc/transport-failure.js";

declare module "fastify" {
  interface FastifyRequest {
    /**
     * The moment the answer is due (set before the handler runs): the request's database work
     * runs on clients bound to it (see `createContextFactory`). Undefined before the handler.
     */
    deadline: Deadline | undefined;
  }
  interface FastifyContextConfig {
    /** A legacy route's meta: the deadline's answer takes its `server_error` status from it. */
    legacy?: LegacyMeta;
  }
}

/**
 * How long, past the deadline, the answer waits for database work still in flight to end. That
 * work's limits were cut to the deadline, so the database ends it by then; this only covers a
 * connection that stopped answering altogether.
 */
const SETTLE_GRACE_MS = 2000;

const TIMED_OUT: AppFailure = { code: "server_error", expected: false, unavailable: true };

/** The deadline's answer: tRPC's error (503) under /trpc, else the envelope with the route's status. */
function answerTimedOut(request: FastifyRequest, reply: FastifyReply) {
  if (request.url.startsWith(`${TRPC_PREFIX}/`)) return sendTrpcFailure(request, reply, TIMED_OUT);
  const { status, body } = failureReply(TIMED_OUT, request.id, request.routeOptions.config.legacy);
  return reply.code(status).type("application/json").send(body);
}

/**
 * Every request, once received, is answered within `deadlineMs` (Node's `requestTimeout`
 * bounds receiving it). Its work runs under a {@link Deadline}, `request.deadline`, which the
 * procedures' context binds their database work to (`UserDeps.under`): every wait (a pool slot, a
 * lock, a statement, SQLite's wait for the write lock) is cut to the time left and nothing starts
 * once it has passed. When the deadline passes before the handler answered, no further database
 * work of the request may start, the work in flight is waited for (PostgreSQL ends it by then,
 * rolled back), and the caller gets `server_error: <request id>` — the legacy contract's status,
 * 503 over tRPC — with an error log line carrying that reference. So nothing the request wrote
 * can commit after its answer said it failed. The handler's own late answer is dropped.
 */
export function requestDeadline(app: FastifyInstance, deadlineMs: number): void {
  app.decorateRequest("deadline", undefined);
  app.addHook("preHandler", (request, reply, done) => {
    const deadline = new Deadline(deadlineMs);
    request.deadline = deadline;
    const passed = async () => {
      deadline.expire();
      let grace: NodeJS.Timeout | undefined;
      await Promise.race([
        deadline.settled(),
        new Promise((resolve) => {
          grace = setTimeout(resolve, SETTLE_GRACE_MS);
        }),
      ]);
      clearTimeout(grace);
      if (reply.sent || reply.raw.destroyed) return;
      request.log.error({ reference: request.id, deadlineMs }, "request deadline passed");
      await answerTimedOut(request, reply);
    };
    const timer = setTimeout(() => void passed(), deadlineMs);
    reply.raw.once("close", () => clearTimeout(timer));
    done();
  });
}
