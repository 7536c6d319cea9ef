import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providers, startTestServer, type TestServer } from "../support/test-server.js";
import { registerUser } from "../support/users.js";
import {
  type FuzzRequest,
  fuzzRequest,
  type PoisonedRequest,
  poisonedRequest,
} from "./arbitraries.js";
import { problemWith } from "./well-formed.js";

/** The fixed seed CI always replays, and how many cases each run sends per database. */
const FIXED_SEED = 20261125;
const FIXED_RUNS = 1200;
const RANDOM_RUNS = 400;
const POISONED_RUNS = 300;
const SEED_PASSWORD = "Fuzz-Seed-Password-7391";

/** Passwords in the body long and distinctive enough that seeing them echoed means a leak. */
function sentPasswords(body: string | undefined): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body ?? "");
  } catch {
    return [];
  }
  if (typeof parsed !== "object" || parsed === null) return [];
  const values = Object.entries(parsed as Record<string, unknown>);
  const others = values
    .filter(([key]) => !/^password$/i.test(key))
    .map(([, v]) => JSON.stringify(v));
  return values
    .filter(([key, value]) => /^password$/i.test(key) && typeof value === "string")
    .map(([, value]) => value as string)
    .filter((value) => value.length >= 12 && !others.some((other) => other.includes(value)));
}

/** The one answer a poisoned call may get. */
function expectedFor({ endpoint, field }: PoisonedRequest) {
  return endpoint.kind === "login"
    ? { status: 401, body: { status: 0, status_description: "login_failed" } }
    : {
        status: 400,
        body: {
          status: 0,
          status_description: `invalid_characters: ${field}`,
          response_body: null,
        },
      };
}

async function send(server: TestServer, fuzz: FuzzRequest) {
  const path = fuzz.trailingSlash ? fuzz.endpoint.path : fuzz.endpoint.path.slice(0, -1);
  const headers: Record<string, string> = {};
  if (fuzz.contentType !== undefined) headers["content-type"] = fuzz.contentType;
  if (fuzz.token !== undefined) headers["x-otas-user-token"] = fuzz.token;
  const response = await fetch(`${server.url}${path}`, {
    method: fuzz.endpoint.method,
    headers,
    ...(fuzz.body === undefined ? {} : { body: fuzz.body }),
  });
  return { status: response.status, text: await response.text() };
}

describe.each(providers)("fuzzing the REST endpoints on %s", (provider) => {
  let server: TestServer;
  let property: fc.IAsyncPropertyWithHooks<[FuzzRequest]>;
  let token: string;
  beforeAll(async () => {
    // Password changes of the one fuzzed account are counted per account: lift that limit too.
    server = await startTestServer(provider, { env: { RATE_LIMIT_ACCOUNT_MAX: 1_000_000 } });
    ({ token } = await registerUser(server.url, { password: SEED_PASSWORD }));
    property = fc.asyncProperty(fuzzRequest(token), async (fuzz) => {
      const { status, text } = await send(server, fuzz);
      const secrets = [SEED_PASSWORD, ...sentPasswords(fuzz.body)];
      const problem = problemWith(fuzz.endpoint, status, text, secrets);
      if (problem !== null) throw new Error(`${problem}: ${status} ${text.slice(0, 300)}`);
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  it(`answers ${FIXED_RUNS} fixed-seed requests with a well-formed 2xx/4xx body`, async () => {
    await fc.assert(property, { seed: FIXED_SEED, numRuns: FIXED_RUNS });
  }, 60_000);

  it(`answers ${RANDOM_RUNS} requests of a new random seed (printed on failure)`, async () => {
    const seed = Math.floor(Math.random() * 2 ** 31);
    try {
      await fc.assert(property, { seed, numRuns: RANDOM_RUNS });
    } catch (error) {
      throw new Error(`fuzz failure with seed ${seed}: ${(error as Error).message}`);
    }
  }, 60_000);

  it(`answers ${POISONED_RUNS} calls with a control character or lone surrogate in one field with its code`, async () => {
    const seed = Math.floor(Math.random() * 2 ** 31);
    const poisoned = fc.asyncProperty(poisonedRequest(), async (poison) => {
      const body = JSON.stringify(poison.body);
      const fuzz = { ...poison, trailingSlash: true, body, contentType: "application/json", token };
      const { status, text } = await send(server, fuzz);
      const expected = expectedFor(poison);
      if (status !== expected.status || text !== JSON.stringify(expected.body)) {
        throw new Error(
          `expected ${expected.status} ${JSON.stringify(expected.body)}: ${status} ${text}`,
        );
      }
    });
    try {
      await fc.assert(poisoned, { seed, numRuns: POISONED_RUNS });
    } catch (error) {
      throw new Error(`fuzz failure with seed ${seed}: ${(error as Error).message}`);
    }
  }, 60_000);

  it("leaves the server healthy", async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
  });
});
