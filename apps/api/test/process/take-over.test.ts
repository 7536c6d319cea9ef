import {
  createOriginalOtasDatabase,
  djangoHashVectors,
  type OriginalOtasUser,
  originalOtasOtherTables,
  originalOtasUsers,
  querySql,
  snapshotTables,
  type TestDatabase,
} from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "../support/http.js";
import { type ServerProcess, spawnServer } from "../support/spawn-server.js";

/** The server's own settings at their defaults (bcrypt cost 12 included); limits out of the way. */
const DEFAULTS = { BCRYPT_ROUNDS: "", MIGRATE_ON_START: "" };

const usable = ["ada", "zoe", "grace", "li", "long", "alan", "edsger"] as const;
const refused = ["plain", "unusable", "md5"] as const;

/** The user object the original answers for a fixture user. */
function expectedUser(user: OriginalOtasUser) {
  const [first_name, middle_name, last_name] = user.names;
  return {
    id: user.id,
    first_name,
    middle_name: middle_name ?? "",
    last_name,
    email: user.email,
    created_at: user.createdAt,
    updated_at: user.updatedAt,
  };
}

const storedHashes = async (url: string) =>
  Object.fromEntries(
    (await querySql(url, "SELECT email, password FROM users")).map((row) => [
      String(row.email),
      String(row.password),
    ]),
  );

describe("taking over the original's PostgreSQL database", () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let before: Awaited<ReturnType<typeof snapshotTables>>;
  let originalHashes: Record<string, string>;
  beforeAll(async () => {
    database = await createOriginalOtasDatabase();
    before = await snapshotTables(database.url, originalOtasOtherTables);
    originalHashes = await storedHashes(database.url);
    server = await spawnServer(database.url, DEFAULTS);
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const login = (email: string, password: string, url = server.url) =>
    request(`${url}/api/user/v1/login/`, { body: { email, password } });

  it("starts with default settings, adopting the users table", () => {
    expect(server.logs.map((line) => line.msg)).toContainEqual(
      expect.stringContaining("Adopted the existing OTAS users table"),
    );
  });

  it("logs in two simultaneous first logins of one Django user", async () => {
    const { alan } = originalOtasUsers;
    const answers = await Promise.all([
      login(alan.email, alan.password),
      login(alan.email, alan.password),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
  });

  it("logs every existing user in with their old password, answering the original's timestamps", async () => {
    for (const key of usable) {
      const user = originalOtasUsers[key];
      const answer = await login(user.email, user.password);
      expect(answer.status, key).toBe(200);
      const body = answer.json as { response: { user: unknown; jwt_token: string } };
      expect(body.response.user).toEqual(expectedUser(user));
      const me = await request(`${server.url}/api/user/v1/authenticate/`, {
        headers: { "x-otas-user-token": body.response.jwt_token },
      });
      expect((me.json as { response_body: { user: unknown } }).response_body.user).toEqual(
        expectedUser(user),
      );
    }
  });

  it("answers login_failed for rows that cannot log in, with the reason on the log line only", async () => {
    for (const key of refused) {
      const user = originalOtasUsers[key];
      const answer = await login(user.email, user.password);
      expect([answer.status, answer.json]).toEqual([
        401,
        { status: 0, status_description: "login_failed" },
      ]);
    }
    // Log lines arrive on the server's stdout, possibly just after the answer.
    const refusals = () => server.logs.filter((line) => line.msg === "request refused");
    await expect.poll(() => refusals().length).toBeGreaterThanOrEqual(refused.length);
    const reasons = refusals().map((line) => String(line.reason));
    expect(reasons).toEqual(
      expect.arrayContaining([
        expect.stringContaining("stored it as typed"),
        expect.stringContaining("marked unusable"),
        expect.stringContaining("hashed with md5"),
      ]),
    );
    const logText = JSON.stringify(server.logs);
    for (const user of Object.values(originalOtasUsers))
      expect(logText).not.toContain(user.password);
    for (const hash of Object.values(await storedHashes(database.url)))
      expect(logText).not.toContain(hash);
  });

  it("has upgraded each usable hash once, to bcrypt_sha256 at cost 12, and nothing else", async () => {
    const hashes = await storedHashes(database.url);
    for (const key of usable) {
      expect(hashes[originalOtasUsers[key].email]).toMatch(/^\$bcrypt-sha256\$v=2,t=2b,r=12\$/);
    }
    for (const key of refused) {
      const { email } = originalOtasUsers[key];
      expect(hashes[email]).toBe(originalHashes[email]);
    }
    const upgrades = () =>
      server.logs.filter((line) => line.msg === "password hash upgraded to the current scheme");
    await expect.poll(() => upgrades().length).toBe(usable.length);
  });

  it("keeps created_at's microseconds through an edit and advances updated_at", async () => {
    const { grace } = originalOtasUsers;
    const token = (
      (await login(grace.email, grace.password)).json as { response: { jwt_token: string } }
    ).response.jwt_token;
    const edit = await request(`${server.url}/api/user/v1/edit/`, {
      method: "PUT",
      headers: { "x-otas-user-token": token },
      body: { first_name: "Grace", middle_name: "Brewster", last_name: "Hopper" },
    });
    const edited = (edit.json as { response_body: { user: Record<string, string> } }).response_body
      .user;
    expect(edited.created_at).toBe(grace.createdAt);
    expect((edited.updated_at ?? "") > grace.updatedAt).toBe(true);
  });

  it("after a restart, logs in on the upgraded hashes without upgrading again", async () => {
    const hashes = await storedHashes(database.url);
    await server.stop();
    server = await spawnServer(database.url, DEFAULTS);
    for (const key of usable) {
      const user = originalOtasUsers[key];
      const answer = await login(user.email, user.password);
      expect(answer.status).toBe(200);
      // The upgrade left updated_at alone; only Grace's edit moved hers.
      const answered = (answer.json as { response: { user: Record<string, string> } }).response
        .user;
      if (key !== "grace") expect(answered).toEqual(expectedUser(user));
    }
    expect(await storedHashes(database.url)).toEqual(hashes);
    expect(server.logs.map((line) => line.msg)).not.toContain(
      "password hash upgraded to the current scheme",
    );
  });

  it("left the original's other tables, django_migrations included, exactly as they were", async () => {
    expect(await snapshotTables(database.url, originalOtasOtherTables)).toEqual(before);
  });
});

describe("taking over users whose hashes Django's other default hashers made", () => {
  it("logs each in with their password and upgrades the hash once", async () => {
    const database = await createOriginalOtasDatabase();
    const { vectors } = djangoHashVectors();
    const users = ["argon2", "scrypt", "bcrypt_sha256"].map((hasher, index) => {
      const vector = vectors.find((candidate) => candidate.hasher === hasher);
      if (vector === undefined) throw new Error(`no ${hasher} vector`);
      return {
        ...vector,
        email: `${hasher}@example.com`,
        id: `0d1a2b3c-4d5e-4f60-8a7b-00000000000${index}`,
      };
    });
    // As the original's model code would store them, on a Django with those hashers enabled.
    for (const user of users) {
      await querySql(
        database.url,
        `INSERT INTO users VALUES ('${user.id}', 'Hash', '', '${user.hasher}', '${user.email}', '${user.encoded}',
           '2026-11-29 14:54:43.123456+00', '2026-11-29 14:54:43.654321+00')`,
      );
    }
    const server = await spawnServer(database.url);
    try {
      for (const user of users) {
        const answer = await request(`${server.url}/api/user/v1/login/`, {
          body: { email: user.email, password: user.password },
        });
        expect(answer.status, user.hasher).toBe(200);
        expect((answer.json as { response: { user: unknown } }).response.user).toEqual({
          id: user.id,
          first_name: "Hash",
          middle_name: "",
          last_name: user.hasher,
          email: user.email,
          created_at: "2026-11-29T14:54:43.123456+00:00",
          updated_at: "2026-11-29T14:54:43.654321+00:00",
        });
      }
      const hashes = await storedHashes(database.url);
      for (const user of users) {
        expect(hashes[user.email]).toMatch(/^\$bcrypt-sha256\$v=2,t=2b,r=4\$/);
        const again = await request(`${server.url}/api/user/v1/login/`, {
          body: { email: user.email, password: user.password },
        });
        expect(again.status).toBe(200);
      }
      const upgrades = () =>
        server.logs.filter((line) => line.msg === "password hash upgraded to the current scheme");
      await expect.poll(() => upgrades().length).toBe(users.length);
      expect(await storedHashes(database.url)).toEqual(hashes);
    } finally {
      await server.stop();
      await database.drop();
    }
  }, 60_000);
});

describe("starting on an original database whose users table differs", () => {
  it("refuses to start, naming the difference, and changes nothing", async () => {
    const database = await createOriginalOtasDatabase();
    try {
      await querySql(database.url, "ALTER TABLE users ALTER COLUMN email TYPE varchar(300)");
      const tables = [...originalOtasOtherTables, "users"];
      const before = await snapshotTables(database.url, tables);
      const start = spawnServer(database.url, DEFAULTS);
      await expect(start).rejects.toThrow(
        /server exited \(1\)[\s\S]*users\.email is character varying\(300\); expected character varying\(254\)/,
      );
      expect(await snapshotTables(database.url, tables)).toEqual(before);
      expect(await querySql(database.url, "SELECT to_regclass('_prisma_migrations') AS t")).toEqual(
        [{ t: null }],
      );
    } finally {
      await database.drop();
    }
  });
});
