// What the session cut-off costs authenticate: core's authenticateUser in one process, on a fresh
// SQLite and PostgreSQL database, without the cut-off look-up, with it as a Prisma model query,
// and as shipped (plain SQL, beside the user look-up). Rounds are interleaved so a busy machine
// slows every variant alike; prints the median milliseconds per call.
//   node bench/session-cutoff-cost.mjs [calls per round, default 2000]
// Never part of the product (or of the test suite).
import {
  authenticateUser,
  createUser,
  createUserDeps,
  createUserInput,
  openDatabase,
  parseInput,
} from "@otas/core";
import { createTestDatabase } from "@otas/core/testing";

const calls = Number(process.argv[2] ?? 2000);
const rounds = 7;

for (const provider of ["sqlite", "postgresql"]) {
  const testDatabase = await createTestDatabase(provider);
  const database = await openDatabase(testDatabase.url);
  const client = database.client;
  const deps = createUserDeps(client, {
    jwtSecret: "x".repeat(32),
    jwtValidityDays: 30,
    bcryptRounds: 4,
  });
  const body = { first_name: "A", last_name: "B", email: "cost@example.com", password: "secret1" };
  const { jwt_token } = await createUser(parseInput(createUserInput, body), deps);
  const modelQuery = async (userId) =>
    (await client.sessionCutoff.findUnique({ where: { userId }, select: { notBefore: true } }))
      ?.notBefore ?? null;
  const variants = {
    "without the look-up": { ...deps, sessions: { ...deps.sessions, notBefore: async () => null } },
    "as a model query": { ...deps, sessions: { ...deps.sessions, notBefore: modelQuery } },
    "as shipped (SQL)": deps,
  };
  const time = async (variant) => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < calls; i += 1) await authenticateUser({ token: jwt_token }, variant);
    return Number(process.hrtime.bigint() - started) / 1e6 / calls;
  };
  for (const variant of Object.values(variants)) await time(variant);
  const samples = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, variant] of Object.entries(variants)) samples[name].push(await time(variant));
  }
  for (const [name, values] of Object.entries(samples)) {
    const median = values.sort((a, b) => a - b)[Math.floor(rounds / 2)];
    console.log(`${provider}: authenticateUser ${name}: ${median.toFixed(3)} ms a call`);
  }
  await database.close();
  await testDatabase.drop();
}
