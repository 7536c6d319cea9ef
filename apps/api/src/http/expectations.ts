import type { FastifyInstance } from "fastify";

/**
 * Serves a request whose `Expect` header asks for something other than `100-continue` as if the
 * header were absent, so it gets the same answer (the envelope, or tRPC's shape under /trpc,
 * with its request id and `Cache-Control: no-store`) as any other request, not Node's bare 417.
 * There is no other expectation for the service to meet, and RFC 9110 lets a server ignore one
 * (a 417 is a "MAY"); nginx, in front in production, does the same.
 * @see https://www.rfc-editor.org/rfc/rfc9110#section-10.1.1
 */
export function ignoreUnknownExpectations(app: FastifyInstance): void {
  app.server.on("checkExpectation", (request, response) => {
    app.server.emit("request", request, response);
  });
}
