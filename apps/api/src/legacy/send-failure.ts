import { type AppFailure, failureReply } from "@otas/api";
import type { FastifyReply } from "fastify";

/** Sends the error envelope for a failure raised outside the procedures (404, 405, 413...). */
export function sendFailure(reply: FastifyReply, failure: AppFailure) {
  const { status, body } = failureReply(failure, reply.request.id, undefined);
  return reply.code(status).type("application/json").send(body);
}
