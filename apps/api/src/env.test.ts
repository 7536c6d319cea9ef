import { describe, expect, it } from "vitest";
import { loadApiEnv } from "./env.js";

describe("loadApiEnv", () => {
  it("leaves PUBLIC_URL unset by default", () => {
    expect(loadApiEnv({}).PUBLIC_URL).toBeUndefined();
  });

  it.each([
    ["https://users.otas.example", "https://users.otas.example"],
    ["https://users.otas.example/", "https://users.otas.example"],
    ["http://127.0.0.1:8000/otas/", "http://127.0.0.1:8000/otas"],
  ])("takes PUBLIC_URL=%s as %s", (value, expected) => {
    expect(loadApiEnv({ PUBLIC_URL: value }).PUBLIC_URL).toBe(expected);
  });

  it.each([
    ["users.otas.example", /PUBLIC_URL: must be an absolute http/],
    ["/relative", /PUBLIC_URL: must be an absolute http/],
    ["ftp://users.otas.example", /PUBLIC_URL: must be an absolute http/],
    ["https://user:secret@users.otas.example", /PUBLIC_URL: must not carry credentials/],
    ["https://users.otas.example/?x=1", /PUBLIC_URL: must not carry credentials/],
    ["https://users.otas.example/#docs", /PUBLIC_URL: must not carry credentials/],
  ])("stops at PUBLIC_URL=%s", (value, message) => {
    expect(() => loadApiEnv({ PUBLIC_URL: value })).toThrow(message);
  });
});

describe("MAX_CONNECTIONS", () => {
  it("defaults to 900, below the common 1024-descriptor limit with room for the database pool", () => {
    expect(loadApiEnv({}).MAX_CONNECTIONS).toBe(900);
    expect(loadApiEnv({ MAX_CONNECTIONS: "5000" }).MAX_CONNECTIONS).toBe(5000);
  });

  it.each(["0", "-1", "many"])("stops at MAX_CONNECTIONS=%s", (value) => {
    expect(() => loadApiEnv({ MAX_CONNECTIONS: value })).toThrow(/MAX_CONNECTIONS/);
  });
});
