import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPasswordHasher } from "../auth/password-hasher.js";
import { createJwtIssuer } from "../auth/token-issuer.js";
import { type Database, openDatabase } from "../db/open-database.js";
import { DomainError } from "../errors/domain-error.js";
import { createSqlSessionCutoffRepository } from "../password-reset/sql-session-cutoff-repository.js";
import { createSqlSessionRepository } from "../sessions/sql-session-repository.js";
import { createTestDatabase } from "../testing/test-database.js";
import { parseTimestamp } from "../time/epoch-micros.js";
import { parseInput } from "../validation/domain-error-from-issues.js";
import { createUser } from "./create-user.js";
import { createUserInput } from "./create-user.schema.js";
import { createSqlSessionUserLookup } from "./sql-session-user-lookup.js";
import { createSqlUserRepository } from "./sql-user-repository.js";
import { toUserDto } from "./user.js";
import type { UserRepository } from "./user-repository.js";

describe.each(["sqlite", "postgresql"] as const)("SQL user repository on %s", (provider) => {
  let drop: () => Promise<void>;
  let database: Database;
  let users: UserRepository;
  beforeAll(async () => {
    const testDatabase = await createTestDatabase(provider);
    drop = testDatabase.drop;
    database = await openDatabase(testDatabase.url);
    users = createSqlUserRepository(database.sql);
  });
  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  const newUser = (email: string) => ({
    id: randomUUID(),
    firstName: "😀 Ada",
    middleName: null,
    lastName: "Lovelace",
    email,
    passwordHash: "$2b$04$hash",
    createdAt: parseTimestamp("2026-11-29T14:16:00.862517Z"),
    updatedAt: parseTimestamp("2026-11-29T14:16:00.862563Z"),
  });

  it("stores a user and reads it back without the hash, timestamps to the microsecond", async () => {
    const user = newUser("store@example.com");
    const stored = await users.insert(user);
    const { passwordHash: _hash, ...expected } = user;
    expect(stored).toEqual(expected);
    expect(await users.findById(user.id)).toEqual(expected);
    expect(await users.findCredentialsByEmail(user.email)).toEqual({
      user: expected,
      passwordHash: "$2b$04$hash",
    });
    expect(await users.findById(randomUUID())).toBeNull();
    expect(await users.findCredentialsByEmail("nobody@example.com")).toBeNull();
    expect(toUserDto(stored)).toMatchObject({
      created_at: "2026-11-29T14:16:00.862517+00:00",
      updated_at: "2026-11-29T14:16:00.862563+00:00",
    });
  });

  /** A token without a session: no stored session, not signed out. */
  const sessionless = {
    sessionId: "00000000-0000-4000-8000-000000000000",
    tokenDigest: "0".repeat(64),
  };
  const unchecked = { session: null, revoked: false };

  it("reads a token's user with the cut-off of their sessions in one query", async () => {
    const sessionUsers = createSqlSessionUserLookup(database.sql);
    const cutoffs = createSqlSessionCutoffRepository(database.sql);
    const user = newUser("session@example.com");
    await users.insert(user);
    const { passwordHash: _hash, ...expected } = user;
    expect(await sessionUsers.find(user.id, sessionless)).toEqual({
      user: expected,
      notBefore: null,
      ...unchecked,
    });
    const notBefore = new Date("2026-11-29T15:00:01.000Z");
    await cutoffs.endSessionsBefore(user.id, notBefore);
    expect(await sessionUsers.find(user.id, sessionless)).toEqual({
      user: expected,
      notBefore,
      ...unchecked,
    });
    expect(await sessionUsers.find(randomUUID(), sessionless)).toBeNull();
  });

  it("reads the users of simultaneous token checks right, in one query per kind of token on PostgreSQL", async () => {
    const queries: string[] = [];
    const counting = {
      ...database.sql,
      query: <Row>(statement: Parameters<typeof database.sql.query>[0]) => {
        queries.push(statement.text);
        return database.sql.query<Row>(statement);
      },
    };
    const sessionUsers = createSqlSessionUserLookup(counting);
    const cutoffs = createSqlSessionCutoffRepository(database.sql);
    const sessions = createSqlSessionRepository(database.sql);
    const [ada, bob] = [newUser("batch.ada@example.com"), newUser("batch.bob@example.com")];
    await users.insert(ada);
    await users.insert(bob);
    const notBefore = new Date("2026-11-29T15:00:01.000Z");
    await cutoffs.endSessionsBefore(bob.id, notBefore);
    const adaSession = {
      id: randomUUID(),
      userId: ada.id,
      createdAt: new Date("2026-11-29T15:00:00.000Z"),
      expiresAt: new Date("2026-12-29T15:00:00.000Z"),
      lastUsedAt: new Date("2026-11-29T15:00:00.000Z"),
      userAgent: null,
      clientAddress: null,
    };
    expect(await sessions.startWhilePassword(adaSession, ada.passwordHash)).toBe(true);
    const withSession = { sessionId: adaSession.id, tokenDigest: null };
    const stored = { expiresAt: adaSession.expiresAt, lastUsedAt: adaSession.lastUsedAt };
    const { passwordHash: _a, ...adaRecord } = ada;
    const { passwordHash: _b, ...bobRecord } = bob;
    const found = await Promise.all([
      sessionUsers.find(ada.id, withSession),
      // PostgreSQL's uuid column matches any case; SQLite keeps ids as the text we wrote.
      sessionUsers.find(provider === "postgresql" ? bob.id.toUpperCase() : bob.id, sessionless),
      sessionUsers.find(randomUUID(), sessionless),
      sessionUsers.find(ada.id, sessionless),
      // Ada's session is not Bob's (and his cut-off does not concern a session's token).
      sessionUsers.find(bob.id, withSession),
    ]);
    expect(found).toEqual([
      { user: adaRecord, notBefore: null, session: stored, revoked: false },
      { user: bobRecord, notBefore, ...unchecked },
      null,
      { user: adaRecord, notBefore: null, ...unchecked },
      { user: bobRecord, notBefore: null, ...unchecked },
    ]);
    // On PostgreSQL: the tokens with a session claim in one query, those without in another.
    expect(queries).toHaveLength(provider === "postgresql" ? 2 : 5);
    // Not a uuid: no user, and the others' answers are not disturbed by it.
    if (provider === "sqlite") {
      expect(await sessionUsers.find("not-a-uuid", sessionless)).toBeNull();
    } else {
      const [bad, good] = await Promise.allSettled([
        sessionUsers.find("not-a-uuid", sessionless),
        sessionUsers.find(ada.id, sessionless),
      ]);
      expect(bad.status).toBe("rejected");
      expect(good).toEqual({
        status: "fulfilled",
        value: { user: adaRecord, notBefore: null, ...unchecked },
      });
    }
  });

  it("updates names and password, advancing updated_at by a microsecond, never created_at", async () => {
    const user = newUser("update@example.com");
    await users.insert(user);
    const updated = await users.updateProfile(user.id, {
      firstName: "Grace",
      middleName: "Brewster",
      lastName: "Hopper",
      updatedAt: user.updatedAt + 1,
    });
    expect(updated).toMatchObject({
      firstName: "Grace",
      middleName: "Brewster",
      createdAt: user.createdAt,
      updatedAt: user.updatedAt + 1,
    });
    expect(await users.updatePassword(user.id, "$2b$04$other", user.updatedAt + 2)).toBe(true);
    expect(await users.findCredentialsByEmail(user.email)).toMatchObject({
      user: { updatedAt: user.updatedAt + 2 },
      passwordHash: "$2b$04$other",
    });
    expect(await users.updateProfile(randomUUID(), { ...user, updatedAt: 0 })).toBeNull();
    expect(await users.updatePassword(randomUUID(), "x", 0)).toBe(false);
  });

  it("reads rows Prisma's own model API wrote (milliseconds)", async () => {
    const id = randomUUID();
    const at = new Date("2026-04-16T10:00:00.123Z");
    await (await database.prisma()).user.create({
      data: { ...newUser("prisma@example.com"), id, createdAt: at, updatedAt: at },
    });
    expect(await users.findById(id)).toMatchObject({ createdAt: at.getTime() * 1000 });
  });

  it("maps the unique constraint to user_already_exists, even for simultaneous inserts", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => users.insert(newUser("race@example.com"))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const result of results.filter((r) => r.status === "rejected")) {
      expect((result as PromiseRejectedResult).reason).toEqual(
        new DomainError("user_already_exists", undefined, undefined, { fields: ["email"] }),
      );
    }
    const prisma = await database.prisma();
    expect(await prisma.user.count({ where: { email: "race@example.com" } })).toBe(1);
  });

  it("runs createUser end to end with real bcrypt and the SQL repository", async () => {
    const now = () => new Date();
    const deps = {
      users,
      sessions: createSqlSessionRepository(database.sql),
      hasher: createPasswordHasher(4),
      tokens: createJwtIssuer({ secret: "x".repeat(32), validityDays: 30, now }),
      now,
      newId: randomUUID,
    };
    const input = parseInput(createUserInput, {
      first_name: "A",
      last_name: "B",
      email: " Mixed@Case.COM ",
      password: "secret1",
    });
    const result = await createUser(input, deps);
    expect(result.user.email).toBe("mixed@case.com");
    const credentials = await users.findCredentialsByEmail("mixed@case.com");
    expect(await deps.hasher.verify("secret1", credentials?.passwordHash ?? "")).toEqual({
      matches: true,
      outdated: false,
    });
    await expect(createUser({ ...input }, deps)).rejects.toEqual(
      new DomainError("user_already_exists", undefined, undefined, { fields: ["email"] }),
    );
  });
});
