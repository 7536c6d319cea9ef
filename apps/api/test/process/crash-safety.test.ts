import { createPasswordHasher, openDatabase } from "@otas/core";
import { createTestDatabase, type TestDatabase } from "@otas/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startCreateStream } from "../support/create-stream.js";
import { request } from "../support/http.js";
import { spawnServer } from "../support/spawn-server.js";
import { providers } from "../support/test-server.js";

describe.each(providers)("crash safety of the server process on %s", (provider) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("keeps every user answered 200 through a kill -9, and no partial user", async () => {
    const first = await spawnServer(database.url);
    const stream = startCreateStream(first.url);
    await stream.succeeded(40);
    first.child.kill("SIGKILL");
    await first.exited;
    await stream.stop();

    const created = stream.sent.filter((item) => item.status === 200);
    expect(created.length).toBeGreaterThanOrEqual(40);
    expect(stream.sent.some((item) => item.status === undefined)).toBe(true);

    const restarted = await spawnServer(database.url);
    try {
      for (const item of created) {
        const res = await request(`${restarted.url}/api/user/v1/login/`, {
          body: { email: item.email, password: item.password },
        });
        expect([item.email, res.status]).toEqual([item.email, 200]);
        expect((res.json as { response: { user: { id: string } } }).response.user.id).toBe(
          item.userId,
        );
      }
    } finally {
      await restarted.stop();
    }

    // Every stored row is a whole user whose hash verifies the password that was sent for it,
    // including rows of creates that were cut off before their answer.
    const passwords = new Map(stream.sent.map((item) => [item.email, item.password]));
    const hasher = createPasswordHasher(4);
    const db = await openDatabase(database.url);
    try {
      const rows = await (await db.prisma()).user.findMany();
      expect(rows.length).toBeGreaterThanOrEqual(created.length);
      for (const row of rows) {
        expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
        expect([row.firstName, row.lastName]).toEqual(["S", "T"]);
        expect(row.createdAt).toBeInstanceOf(Date);
        expect(row.updatedAt).toEqual(row.createdAt);
        const password = passwords.get(row.email);
        expect(password, `row for ${row.email} was never sent`).toBeDefined();
        expect((await hasher.verify(password ?? "", row.passwordHash)).matches).toBe(true);
      }
    } finally {
      await db.close();
    }
  });
});
