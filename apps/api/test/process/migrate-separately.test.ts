import { cp, mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrateDatabase } from "@otas/core";
import {
  createOriginalOtasDatabase,
  createTestDatabase,
  originalOtasUsers,
  publicTables,
  querySql,
  snapshotTables,
  type TestDatabase,
} from "@otas/core/testing";
import { afterEach, describe, expect, it } from "vitest";
import { request } from "../support/http.js";
import { repoRoot, spawnServer } from "../support/spawn-server.js";
import { registerUser } from "../support/users.js";

const SEPARATELY = { MIGRATE_ON_START: "false" };
const COMMAND = /Run `otas-users db migrate` with this DATABASE_URL/;

/** The start-up error of a server that must refuse to start. */
async function refusal(url: string, env: Record<string, string>): Promise<string> {
  const server = await spawnServer(url, env).catch((error: Error) => error);
  if (server instanceof Error) return server.message;
  await server.stop();
  throw new Error("the server started");
}

/** The database's tables, for proof that a refused start created none. */
async function tables(url: string): Promise<string[]> {
  if (url.startsWith("postgresql:")) return publicTables(url);
  const rows = await querySql(url, "SELECT name FROM sqlite_master WHERE type = 'table'");
  return rows.map((row) => String(row.name)).sort();
}

describe.each(["sqlite", "postgresql"] as const)("MIGRATE_ON_START=false on %s", (provider) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
  });

  /** A database migrated by the previous release: every migration but the newest. */
  async function previousRelease(): Promise<{ database: TestDatabase; newest: string }> {
    const all = path.join(repoRoot, "prisma", provider, "migrations");
    const folder = await mkdtemp(path.join(tmpdir(), "otas-previous-"));
    cleanups.push(() => rm(folder, { recursive: true, force: true }));
    await cp(all, folder, { recursive: true });
    const names = (await readdir(all, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const newest = names.at(-1) ?? "";
    await rm(path.join(folder, newest), { recursive: true });
    const database = await createTestDatabase(provider, { migrate: false });
    cleanups.push(database.drop);
    await migrateDatabase(database.url, { migrationsDir: folder });
    return { database, newest };
  }

  it("refuses a database with a pending migration, alone and as a primary, then serves once it is migrated", async () => {
    const { database, newest } = await previousRelease();
    const before = await tables(database.url);

    for (const workers of ["1", "2"]) {
      const message = await refusal(database.url, { ...SEPARATELY, WEB_CONCURRENCY: workers });
      expect(message).toMatch(/server exited \(1\)/);
      expect(message).toContain(
        `MIGRATE_ON_START is false and the database is not migrated: 1 migration pending: ${newest}.`,
      );
      expect(message).toMatch(COMMAND);
    }
    expect(await tables(database.url)).toEqual(before);

    // What `otas-users db migrate` runs.
    expect((await migrateDatabase(database.url)).applied).toEqual([newest]);
    const server = await spawnServer(database.url, { ...SEPARATELY, WEB_CONCURRENCY: "2" });
    cleanups.push(async () => void (await server.stop()));
    const { token } = await registerUser(server.url);
    const headers = { "x-otas-user-token": token };
    const calls = [
      request(`${server.url}/api/user/v1/authenticate/`, { headers }),
      request(`${server.url}/api/user/v1/edit/`, {
        method: "PUT",
        headers,
        body: { first_name: "Ada", last_name: "Byron" },
      }),
      request(`${server.url}/api/user/v1/reset-password/update/`, {
        method: "PUT",
        headers,
        body: { password: "secret2" },
      }),
    ];
    expect((await Promise.all(calls)).map((answer) => answer.status)).toEqual([200, 200, 200]);
  });
});

describe("MIGRATE_ON_START=false on a database the original OTAS service made", () => {
  it("refuses to start until `otas-users db migrate` adopted it, changing nothing", async () => {
    const database = await createOriginalOtasDatabase();
    try {
      const everything = await publicTables(database.url);
      const before = await snapshotTables(database.url, everything);

      const message = await refusal(database.url, { ...SEPARATELY, WEB_CONCURRENCY: "2" });
      expect(message).toContain(
        "MIGRATE_ON_START is false and the database is not migrated: it holds the original OTAS service's users table, not adopted yet",
      );
      expect(message).toMatch(COMMAND);
      expect(await publicTables(database.url)).toEqual(everything);
      expect(await snapshotTables(database.url, everything)).toEqual(before);

      expect((await migrateDatabase(database.url)).adopted).toBeDefined();
      const server = await spawnServer(database.url, SEPARATELY);
      try {
        const { ada } = originalOtasUsers;
        const login = await request(`${server.url}/api/user/v1/login/`, {
          body: { email: ada.email, password: ada.password },
        });
        expect(login.status).toBe(200);
        const { jwt_token } = (login.json as { response: { jwt_token: string } }).response;
        const me = await request(`${server.url}/api/user/v1/authenticate/`, {
          headers: { "x-otas-user-token": jwt_token },
        });
        expect(me.status).toBe(200);
      } finally {
        await server.stop();
      }
    } finally {
      await database.drop();
    }
  });
});
