import { openDatabase } from "@otas/core";
import { createTestDatabase, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, request } from "../support/http.js";
import { type ServerProcess, spawnServer } from "../support/spawn-server.js";
import { registerUser, uniqueEmail } from "../support/users.js";

describe("two server processes on one PostgreSQL database", () => {
  let database: TestDatabase;
  let servers: ServerProcess[] = [];
  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
    servers = await Promise.all([spawnServer(database.url), spawnServer(database.url)]);
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.drop();
  });

  it("lets exactly one of 50 concurrent creates of one email, split across both, succeed", async () => {
    const email = uniqueEmail("race");
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        request(`${servers[i % 2]?.url}/api/user/v1/create/`, {
          body: { first_name: "R", last_name: "C", email, password: "secret1" },
        }),
      ),
    );
    const descriptions = answers.map(
      (answer) => (answer.json as { status_description: string }).status_description,
    );
    expect(descriptions.filter((d) => d === "user_created")).toHaveLength(1);
    expect(descriptions.filter((d) => d === "user_already_exists")).toHaveLength(49);
    for (const answer of answers.filter((a) => a.status !== 200)) {
      expect([answer.status, answer.json]).toEqual([400, failure("user_already_exists")]);
    }
    const db = await openDatabase(database.url);
    try {
      expect(await (await db.prisma()).user.count({ where: { email } })).toBe(1);
    } finally {
      await db.close();
    }
  });

  it("accepts a token issued by one process on the other", async () => {
    const [a, b] = servers;
    const created = await request(`${a?.url}/api/user/v1/create/`, {
      body: { first_name: "T", last_name: "K", email: uniqueEmail("token"), password: "secret1" },
    });
    const { user, jwt_token } = (
      created.json as { response_body: { user: { id: string }; jwt_token: string } }
    ).response_body;
    const res = await request(`${b?.url}/api/user/v1/authenticate/`, {
      headers: { "x-otas-user-token": jwt_token },
    });
    expect(res.status).toBe(200);
    expect((res.json as { response_body: { user: { id: string } } }).response_body.user.id).toBe(
      user.id,
    );
  });

  it("refuses on one process, at once, the token the other signed out", async () => {
    const [a, b] = servers;
    const { token } = await registerUser(a?.url ?? "");
    const authenticate = () =>
      request(`${b?.url}/api/user/v1/authenticate/`, { headers: { "x-otas-user-token": token } });
    expect((await authenticate()).status).toBe(200);
    const signOut = await request(`${a?.url}/api/user/v1/logout/`, {
      headers: { "x-otas-user-token": token },
    });
    expect(signOut.status).toBe(200);
    expect((await authenticate()).status).toBe(401);
  });
});

describe("two processes starting at once on a fresh PostgreSQL database", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("postgresql", { migrate: false });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("both migrate without colliding, serve, and record each migration once", async () => {
    const servers = await Promise.all([spawnServer(database.url), spawnServer(database.url)]);
    try {
      for (const server of servers) {
        const res = await request(`${server.url}/healthz`, { method: "GET" });
        expect(res.status).toBe(200);
        const created = await request(`${server.url}/api/user/v1/create/`, {
          body: { first_name: "M", last_name: "G", email: uniqueEmail("mig"), password: "secret1" },
        });
        expect(created.status).toBe(200);
      }
    } finally {
      await Promise.all(servers.map((server) => server.stop()));
    }
    const db = await openDatabase(database.url);
    try {
      const rows = await (await db.prisma()).$queryRaw<
        { migration_name: string; finished: boolean }[]
      >`
        SELECT migration_name, finished_at IS NOT NULL AS finished FROM "_prisma_migrations"`;
      const names = rows.map((row) => row.migration_name);
      expect(names.length).toBeGreaterThanOrEqual(2);
      expect(new Set(names).size).toBe(names.length);
      expect(rows.every((row) => row.finished)).toBe(true);
    } finally {
      await db.close();
    }
  });
});
