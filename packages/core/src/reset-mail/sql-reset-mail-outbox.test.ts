import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../db/open-database.js";
import { isForeignKeyViolation, sql } from "../db/sql-client.js";
import type { UserDeps } from "../dependencies.js";
import { issueResetLink } from "../password-reset/issue-reset-link.js";
import { resetTokenDigest } from "../password-reset/reset-token.js";
import { openTestDeps, type TestDeps } from "../testing/test-deps.js";
import { createUser } from "../users/create-user.js";
import { createUserInput } from "../users/create-user.schema.js";
import { parseInput } from "../validation/domain-error-from-issues.js";
import { deliverResetMail } from "./deliver-reset-mail.js";
import { queueResetMail } from "./queue-reset-mail.js";
import type { ResetMail } from "./reset-mail-outbox.js";
import { createSqlResetMailOutbox } from "./sql-reset-mail-outbox.js";

describe.each(["sqlite", "postgresql"] as const)("the reset mail outbox on %s", (provider) => {
  let opened: TestDeps;
  let database: Database;
  let deps: UserDeps;
  beforeAll(async () => {
    opened = await openTestDeps(provider);
    ({ database, deps } = opened);
  });
  afterAll(async () => {
    await opened?.close();
  });

  const signUp = async () => {
    const email = `outbox.${randomUUID()}@example.com`;
    const body = { first_name: "Ada", last_name: "L", email, password: "secret1" };
    const { user } = await createUser(parseInput(createUserInput, body), deps);
    return { email, user };
  };
  const rowsOf = (requestId: string) =>
    database.sql.query<Record<string, unknown>>(
      sql`SELECT * FROM reset_mail_outbox WHERE request_id = ${requestId}`,
    );
  /** Claims everything due now, so each test starts from an outbox with nothing due. */
  const drain = async () => {
    const sent: ResetMail[] = [];
    const send = async (mail: ResetMail) => void sent.push(mail);
    while (
      (await deliverResetMail({ send, claimMs: 60_000, retryDelaysMs: [1] }, deps)).kind !== "idle"
    );
    return sent;
  };

  it("keeps a failed mail sealed with its token's digest, then sends it and deletes it", async () => {
    const { email, user } = await signUp();
    const requestId = randomUUID();
    await drain();
    await queueResetMail({ email, requestId }, deps);
    expect(await rowsOf(requestId)).toEqual([
      expect.objectContaining({ email, attempts: 0, sealed_mail: null, token_digest: null }),
    ]);
    const refuse = async () => {
      throw new Error("connect ECONNREFUSED 127.0.0.1:25");
    };
    const failed = await deliverResetMail(
      { send: refuse, claimMs: 60_000, retryDelaysMs: [0] },
      deps,
    );
    expect(failed).toMatchObject({ kind: "failed", requestId, attempts: 1 });
    const [row] = await rowsOf(requestId);
    expect(row).toMatchObject({ claim: null, last_error: "connect ECONNREFUSED 127.0.0.1:25" });

    const [mail] = await drain();
    const token = new URL(mail?.link ?? "http://x").searchParams.get("token") ?? "";
    expect(mail?.mailbox).toBe(email);
    expect(row?.token_digest).toBe(resetTokenDigest(token));
    // What a copy of the database holds of the mail: no token and no link, in any spelling.
    const stored = JSON.stringify(row);
    for (const secret of [token, encodeURIComponent(token), mail?.link ?? "?", "reset-password"]) {
      expect(stored).not.toContain(secret);
    }
    const tokens = await database.sql.query<{ token_digest: string }>(
      sql`SELECT token_digest FROM password_reset_tokens WHERE user_id = ${user.id}`,
    );
    expect(tokens).toEqual([{ token_digest: resetTokenDigest(token) }]);
    expect(await rowsOf(requestId)).toEqual([]);
  });

  it("gives each of several concurrent claimers other entries, never one twice", async () => {
    await drain();
    // Two connections, as two processes have.
    const other = await openDatabase(opened.url);
    try {
      const outboxes = [deps.resetMails, createSqlResetMailOutbox(other.sql)];
      const requestId = randomUUID();
      for (let i = 0; i < 20; i += 1) {
        await queueResetMail({ email: `nobody.${i}.${randomUUID()}@example.com`, requestId }, deps);
      }
      const now = deps.now();
      const until = new Date(now.getTime() + 60_000);
      const claimer = async (outbox: (typeof outboxes)[number]) => {
        const entries = [];
        for (;;) {
          const entry = await outbox.claimNext(now, until, randomUUID());
          if (entry === null) return entries;
          entries.push(entry);
        }
      };
      const claimed = (
        await Promise.all(outboxes.flatMap((outbox) => [claimer(outbox), claimer(outbox)]))
      ).flat();
      expect(claimed).toHaveLength(20);
      expect(new Set(claimed.map((entry) => entry.id)).size).toBe(20);
      for (const entry of claimed) expect(await deps.resetMails.remove(entry)).toBe(true);
    } finally {
      await other.close();
    }
  });

  it("stores the token and the mail in one transaction: neither when the token cannot be stored", async () => {
    const { email, user } = await signUp();
    await drain();
    const requestId = randomUUID();
    await queueResetMail({ email, requestId }, deps);
    const now = deps.now();
    const entry = await deps.resetMails.claimNext(
      now,
      new Date(now.getTime() + 60_000),
      randomUUID(),
    );
    if (entry === null) throw new Error("expected an entry");
    const credentials = await deps.users.findCredentialsByEmail(email);
    if (credentials === null) throw new Error("expected the account");
    const { stored } = issueResetLink(credentials, deps);
    const mail = { tokenDigest: stored.tokenDigest, sealed: "v1.x", expiresAt: stored.expiresAt };
    // The account is deleted between its look-up and the store: the token's foreign key fails.
    expect(await deps.users.delete(user.id)).toBe("deleted");
    const failure = await deps.resetMails.storeMail(entry, mail, stored).catch((error) => error);
    expect(isForeignKeyViolation(failure)).toBe(true);
    expect(await rowsOf(requestId)).toEqual([expect.objectContaining({ sealed_mail: null })]);
    // A claim that lapsed stores nothing either.
    const { user: other } = await signUp();
    const lapsed = { ...entry, claim: randomUUID() };
    expect(await deps.resetMails.storeMail(lapsed, mail, { ...stored, userId: other.id })).toBe(
      false,
    );
    expect(
      await database.sql.query(
        sql`SELECT user_id FROM password_reset_tokens WHERE user_id = ${other.id}`,
      ),
    ).toEqual([]);
    expect(await deps.resetMails.remove(entry)).toBe(true);
  });

  it("counts what waits, by stage, and the oldest entry", async () => {
    await drain();
    expect(await deps.resetMails.depth()).toEqual({ requests: 0, mails: 0, oldestCreatedAt: null });
    const { email } = await signUp();
    const refuse = async () => {
      throw new Error("451 later");
    };
    const settings = { send: refuse, claimMs: 60_000, retryDelaysMs: [60_000] };
    await queueResetMail({ email: `nobody.${randomUUID()}@example.com`, requestId: "a" }, deps);
    expect(await deliverResetMail(settings, deps)).toMatchObject({ kind: "no_mail" });
    const before = Date.now();
    await queueResetMail({ email, requestId: "b" }, deps);
    expect(await deliverResetMail(settings, deps)).toMatchObject({ kind: "failed" });
    await queueResetMail({ email: `nobody.${randomUUID()}@example.com`, requestId: "c" }, deps);
    const depth = await deps.resetMails.depth();
    expect([depth.requests, depth.mails]).toEqual([1, 1]);
    expect(depth.oldestCreatedAt?.getTime()).toBeGreaterThanOrEqual(before);
    expect(depth.oldestCreatedAt?.getTime()).toBeLessThanOrEqual(Date.now());
  });
});
