import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { spawnServer } from "../support/spawn-server.js";

/** The start-up error of a server that must refuse to start, from its stderr. */
async function refusal(env: Record<string, string>): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "otas-refusal-"));
  try {
    const server = await spawnServer(`file:${path.join(dir, "otas.db")}`, env);
    await server.stop();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("the server started");
}

describe("the server refuses to start", () => {
  it("with NODE_ENV=Production (only the exact, known values are accepted)", async () => {
    expect(await refusal({ NODE_ENV: "Production" })).toMatch(
      /server exited \(1\)[\s\S]*NODE_ENV: must be development, production or test/,
    );
  });

  it("with no JWT_SECRET and a 2-byte, world-writable development secret", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "otas-refusal-data-"));
    writeFileSync(path.join(dataDir, "jwt-secret"), "ab");
    chmodSync(path.join(dataDir, "jwt-secret"), 0o666);
    const message = await refusal({ NODE_ENV: "development", JWT_SECRET: "", DATA_DIR: dataDir });
    expect(message).toMatch(/JWT_SECRET: unset, and the development secret cannot be used/);
    expect(message).toMatch(/writable by others \(mode 666\)/);
  });

  it("with an empty development secret (a crash between creating and writing it)", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "otas-refusal-data-"));
    writeFileSync(path.join(dataDir, "jwt-secret"), "", { mode: 0o600 });
    expect(await refusal({ JWT_SECRET: "", DATA_DIR: dataDir })).toMatch(
      /JWT_SECRET: unset, and the development secret in .*jwt-secret holds 0 bytes/,
    );
  });

  it("with a JWT_SECRET under 32 bytes, in development too", async () => {
    expect(await refusal({ NODE_ENV: "development", JWT_SECRET: "x".repeat(31) })).toMatch(
      /JWT_SECRET: must be at least 32 bytes/,
    );
  });
});
