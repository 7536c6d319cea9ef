import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "./support/http.js";
import { startTestServer, type TestServer } from "./support/test-server.js";
import { uniqueEmail } from "./support/users.js";

const MAX = 3;

// The audit's reproduction: behind a trusted proxy, `203.0.113.09` and `3405803785` (203.0.113.9
// written otherwise) each counted as a client of its own, so rewriting one address bought a
// fresh rate limit each time. None of this depends on the database.
describe("client addresses a trusted proxy writes in no standard notation", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite", {
      env: { RATE_LIMIT_MAX: MAX, TRUST_PROXY: ["127.0.0.1"] },
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  const create = (from: string) =>
    request(`${server.url}/api/user/v1/create/`, {
      body: { first_name: "A", last_name: "B", email: uniqueEmail("proxy"), password: "secret1" },
      headers: { "x-forwarded-for": from },
    });

  it("count together, however many spellings are tried", async () => {
    const spellings = [
      "203.0.113.09",
      "3405803785",
      "0xcb.0.113.9",
      "0313.0.0161.011",
      "203.0.29961",
      "not-an-ip",
    ];
    const statuses: number[] = [];
    for (const from of spellings) statuses.push((await create(from)).status);
    expect(statuses).toEqual([...Array(MAX).fill(200), ...Array(spellings.length - MAX).fill(429)]);
  });

  it("leave clients with real addresses their own counts", async () => {
    for (const from of ["203.0.113.9", "203.0.113.9", "198.51.100.7"]) {
      expect((await create(from)).status).toBe(200);
    }
  });
});
