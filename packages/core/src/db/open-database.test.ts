import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { type Database, openDatabase } from "./open-database.js";

describe.each(["sqlite", "postgresql"] as const)("openDatabase on %s", (provider) => {
  let testDatabase: TestDatabase;
  let database: Database;

  beforeAll(async () => {
    testDatabase = await createTestDatabase(provider);
    database = await openDatabase(testDatabase.url);
  });

  afterAll(async () => {
    await database?.close();
    await testDatabase?.drop();
  });

  it("reports its provider and answers ping", async () => {
    expect(database.provider).toBe(provider);
    await expect(database.ping()).resolves.toBeUndefined();
  });

  it("creates a user and finds it again", async () => {
    const now = new Date("2025-01-02T03:04:05.678Z");
    const user = {
      id: randomUUID(),
      firstName: "Ada",
      middleName: null,
      lastName: "Lovelace",
      email: `ada.${provider}@example.com`,
      passwordHash: "$2b$10$hash",
      createdAt: now,
      updatedAt: now,
    };
    await (await database.prisma()).user.create({ data: user });

    const found = await (await database.prisma()).user.findUnique({ where: { email: user.email } });
    expect(found).toEqual(user);
  });
});
