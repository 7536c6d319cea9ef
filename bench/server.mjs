// The benchmark's own server: the product's app (buildApp) plus one bare Fastify route doing the
// same work as authenticate (JWT verification and the user lookup), to measure what the tRPC and
// REST adapter layers cost. Never part of the product.

import { authenticateUser, openConfiguredDeps, toUserDto } from "@otas/core";
import { buildApp, loadApiEnv } from "@otas/server";

const env = loadApiEnv();
// The runner first starts the real server (its cold start), which migrates the database.
const { database, deps } = await openConfiguredDeps(env, { migrate: false, warn: () => {} });
const app = await buildApp({ env, deps, database });

app.post("/bench/authenticate", async (request, reply) => {
  const token = request.headers["x-otas-user-token"];
  if (typeof token !== "string" || token === "") return reply.code(400).send({ status: 0 });
  try {
    const user = await authenticateUser({ token }, deps);
    return {
      status: 1,
      status_description: "user_authenticated",
      response_body: { user: toUserDto(user) },
    };
  } catch {
    return reply
      .code(401)
      .send({ status: 0, status_description: "invalid_token", response_body: null });
  }
});

const address = await app.listen({ port: 0, host: "127.0.0.1" });
console.log(JSON.stringify({ address }));
const stop = async () => {
  await app.close();
  await database.close();
  process.exit(0);
};
process.once("SIGTERM", stop);
process.once("SIGINT", stop);
