import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type JsonResponse, request } from "./support/http.js";
import { rawRequest } from "./support/raw-request.js";
import { startTestServer, type TestServer } from "./support/test-server.js";
import { registerUser } from "./support/users.js";

interface LogLine {
  level: number;
  msg?: string;
  reqId?: string;
  [field: string]: unknown;
}

type CallResult = { result?: unknown; error?: { data: { otasCode: string } } };

/** The contract code (or "ok") of each call of a batch answer. */
function outcomes(res: JsonResponse): string[] {
  expect(Array.isArray(res.json), res.text).toBe(true);
  return (res.json as CallResult[]).map((call) => call.error?.data.otasCode ?? "ok");
}

const calls = (procedure: string, count: number) => Array(count).fill(procedure).join(",");

// The audit's bypasses: the guard read the raw query text, so `?batch=%31` and `?%62atch=1` were
// batches to tRPC (128 user.me calls in one request, 25 logins) but not to the guard, and `%252C`
// in the path is a comma to tRPC (which decodes the router's already decoded path once more). The
// guard now judges tRPC's own reading of the request. None of this depends on the database.
describe("the tRPC batch guard, whatever the URL's spelling", () => {
  let server: TestServer;
  let token: string;
  let email: string;
  let password: string;
  const lines = () => server.logs.map((text) => JSON.parse(text) as LogLine);
  const get = (path: string) =>
    rawRequest(server.url, { method: "GET", path, headers: { "x-otas-user-token": token } });
  const post = (path: string, body: unknown) =>
    rawRequest(server.url, {
      method: "POST",
      path,
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", "x-otas-user-token": token },
    });
  const logsIn = async (secret: string) =>
    (await request(`${server.url}/api/user/v1/login/`, { body: { email, password: secret } }))
      .status === 200;

  beforeAll(async () => {
    // Logins of one account are limited too; the checks below log in often.
    server = await startTestServer("sqlite", { env: { RATE_LIMIT_ACCOUNT_MAX: 1_000_000 } });
    ({ token, email, password } = await registerUser(server.url));
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each([
    ["batch=1", "the plain flag"],
    ["batch=%31", "an encoded value"],
    ["%62atch=1", "an encoded key"],
    ["%62%61%74%63%68=%31", "everything encoded"],
    ["batch=1&batch=0", "the flag twice (tRPC reads the first)"],
  ])("refuses 17 calls with ?%s (%s), every call batch_not_allowed", async (query) => {
    const res = await get(`/trpc/${calls("user.me", 17)}?${query}&input=%7B%7D`);
    expect(res.status).toBe(400);
    expect(outcomes(res)).toEqual(Array(17).fill("batch_not_allowed"));
    const refused = lines().find(
      (line) => line.reqId === res.headers.get("x-request-id") && line.msg === "request refused",
    );
    expect(refused).toMatchObject({ level: 30, code: "batch_not_allowed", calls: 17 });
  });

  it("refuses a batch whose commas are encoded twice, as tRPC decodes them twice", async () => {
    const path = `/trpc/${Array(17).fill("user.me").join("%252C")}?batch=1&input=%7B%7D`;
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(outcomes(res)).toEqual(Array(17).fill("batch_not_allowed"));
  });

  it.each([
    ["/trpc/user.updatePassword,user.updatePassword?%62atch=1", "an encoded key"],
    ["/trpc/user.updatePassword,user.updatePassword?batch=%31", "an encoded value"],
    ["/trpc/user.updatePassword%252Cuser.updatePassword?batch=1", "a comma encoded twice"],
    ["/trpc/user.create%252Cuser.updatePassword?batch=1", "two hashing calls"],
  ])("runs no hashing call of a batch %s (%s)", async (path) => {
    const res = await post(path, {
      "0": { password: "batched-1" },
      "1": { password: "batched-2" },
    });
    expect(res.status).toBe(400);
    expect(outcomes(res)).toEqual(["batch_not_allowed", "batch_not_allowed"]);
    // Neither call ran: the password is still the one signed up with.
    expect(await logsIn(password)).toBe(true);
    expect(await logsIn("batched-1")).toBe(false);
    expect(await logsIn("batched-2")).toBe(false);
  });

  it("refuses 25 logins in one request however the flag is spelt", async () => {
    const inputs = Object.fromEntries(
      Array.from({ length: 25 }, (_, i) => [String(i), { email, password: `guess-${i}` }]),
    );
    const res = await post(`/trpc/${calls("user.login", 25)}?batch=%31`, inputs);
    expect(res.status).toBe(400);
    expect(outcomes(res)).toEqual(Array(25).fill("batch_not_allowed"));
  });

  it("still runs what the limits allow: 16 cheap calls, or one hashing call alone", async () => {
    const sixteen = await get(`/trpc/${calls("user.me", 16)}?batch=%31&input=%7B%7D`);
    expect(sixteen.status).toBe(200);
    expect(outcomes(sixteen)).toEqual(Array(16).fill("ok"));
    const alone = await post("/trpc/user.login?%62atch=1", { "0": { email, password } });
    expect([alone.status, outcomes(alone)]).toEqual([200, ["ok"]]);
    // A query string that is no batch to tRPC: one call of the whole path, which names nothing.
    const notBatch = await get(`/trpc/${calls("user.me", 2)}?batch=0&batch=1`);
    expect(notBatch.status).toBe(404);
  });

  it("logged none of it as an error", () => {
    expect(lines().filter((line) => line.level >= 50)).toEqual([]);
  });
});
