import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

/** The secret the spawned server signs tokens with (the test forges an expired one with it). */
export const JWT_SECRET = "web-test-secret-that-is-at-least-32-bytes";

/** The built API server (`node apps/api/dist/server.js`) over a fresh SQLite file. */
export interface ApiServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts the API as production runs it, on SQLite in a temporary folder, one process, with mail
 * to `smtpUrl` and reset links to `appUrl`; resolves once it listens (or fails within 30 s).
 */
export async function startApiServer(smtpUrl: string, appUrl: string): Promise<ApiServer> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "otas-web-api-"));
  const child: ChildProcess = spawn(process.execPath, ["apps/api/dist/server.js"], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: "test",
      DATABASE_URL: `file:${path.join(dataDir, "otas.db")}`,
      DATA_DIR: dataDir,
      JWT_SECRET,
      BCRYPT_ROUNDS: "4",
      PORT: "0",
      HOST: "127.0.0.1",
      WEB_CONCURRENCY: "1",
      // The line that says where it listens is at info.
      LOG_LEVEL: "info",
      SMTP_URL: smtpUrl,
      MAIL_FROM: "OTAS <no-reply@otas.example>",
      APP_URL: appUrl,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the API did not listen within 30 s")), 30_000);
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      const address = /"address":"([^"]+)"/.exec(line)?.[1];
      if (address !== undefined) {
        clearTimeout(timer);
        resolve(address);
      }
    });
    void exited.then(() => reject(new Error("the API exited before listening")));
  }).catch(async (error: unknown) => {
    child.kill("SIGKILL");
    await exited;
    throw error;
  });
  return {
    url,
    async stop() {
      child.kill("SIGTERM");
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
