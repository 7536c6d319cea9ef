import { describe, expect, it } from "vitest";
import { requestPasswordReset } from "../password-reset/request-password-reset.js";
import { resetTokenDigest } from "../password-reset/reset-token.js";
import { createFakeDeps } from "../testing/fake-deps.js";
import { createUser } from "../users/create-user.js";
import { createUserInput } from "../users/create-user.schema.js";
import { parseInput } from "../validation/domain-error-from-issues.js";
import { type DeliveryOutcome, deliverResetMail } from "./deliver-reset-mail.js";
import { createMailSealer } from "./mail-sealer.js";
import { queueResetMail } from "./queue-reset-mail.js";
import type { ResetMail } from "./reset-mail-outbox.js";

const CLAIM_MS = 120_000;
const RETRY_DELAYS_MS = [1000, 5000, 30_000];

async function setup() {
  const fake = createFakeDeps();
  await createUser(
    parseInput(createUserInput, {
      first_name: "Ada",
      last_name: "L",
      email: "ada@example.com",
      password: "secret1",
    }),
    fake.deps,
  );
  const sent: ResetMail[] = [];
  let refusals = 0;
  const send = async (mail: ResetMail) => {
    if (refusals > 0) {
      refusals -= 1;
      // A mail server may quote what it refused: the link, or the token alone.
      const token = new URL(mail.link).searchParams.get("token");
      throw Object.assign(
        new Error(`451 Try again later (${mail.link} ${token})\nDATA ${mail.link}`),
        {
          responseCode: 451,
        },
      );
    }
    sent.push(mail);
    return { messageId: `<${sent.length}@test>` };
  };
  const queue = (email: string, requestId = "req-1") =>
    queueResetMail({ email, requestId }, fake.deps);
  const deliver = (): Promise<DeliveryOutcome<{ messageId: string }>> =>
    deliverResetMail({ send, claimMs: CLAIM_MS, retryDelaysMs: RETRY_DELAYS_MS }, fake.deps);
  const refuseNext = (count: number) => {
    refusals = count;
  };
  const tokenOf = (mail: ResetMail | undefined) =>
    new URL(mail?.link ?? "http://x").searchParams.get("token") ?? "";
  return { ...fake, sent, queue, deliver, refuseNext, tokenOf };
}

describe("queueResetMail and deliverResetMail", () => {
  it("stores the request alone; the delivery looks the account up, issues the token and sends", async () => {
    const { queue, deliver, sent, resetMails, resetTokens, tokenOf } = await setup();
    expect(await queue("ada@example.com")).toBe("queued");
    // The request is stored as asked: no look-up, no token yet.
    expect(resetMails.all()).toEqual([
      expect.objectContaining({ email: "ada@example.com", requestId: "req-1", mail: null }),
    ]);
    expect(resetTokens.all()).toEqual([]);

    expect(await deliver()).toEqual({
      kind: "sent",
      requestId: "req-1",
      attempts: 1,
      receipt: { messageId: "<1@test>" },
    });
    const [mail] = sent;
    expect(mail).toMatchObject({ mailbox: "ada@example.com", firstName: "Ada" });
    expect(mail?.link).toBe(
      `http://localhost:5173/reset-password?token=${tokenOf(mail)}&emailId=ada%40example.com`,
    );
    expect(mail?.expiresAt.toISOString()).toBe("2026-04-16T11:00:00.123Z");
    expect(resetTokens.all().map((token) => token.tokenDigest)).toEqual([
      resetTokenDigest(tokenOf(mail)),
    ]);
    expect(resetMails.all()).toEqual([]);
    expect(await deliver()).toEqual({ kind: "idle" });
  });

  it("does the same work for an unknown email, then drops it without a token or a mail", async () => {
    const { queue, deliver, sent, resetMails, resetTokens } = await setup();
    expect(await queue("nobody@example.com", "req-2")).toBe("queued");
    expect(resetMails.all()).toHaveLength(1);
    expect(await deliver()).toEqual({ kind: "no_mail", requestId: "req-2", reason: "no_account" });
    expect([sent, resetMails.all(), resetTokens.all()]).toEqual([[], [], []]);
  });

  it("stores nothing for an email that is not one plain mailbox", async () => {
    const { queue, resetMails } = await setup();
    expect(await queue("victim1@ex.io,victim2@ex.io")).toBe("not_one_mailbox");
    expect(await queue("n1 <victim@example.com>")).toBe("not_one_mailbox");
    expect(resetMails.all()).toEqual([]);
  });

  it("retries a refused send after each delay with the same link, the last delay repeating", async () => {
    const { queue, deliver, sent, resetMails, resetTokens, refuseNext, advanceClock, tokenOf } =
      await setup();
    await queue("ada@example.com");
    refuseNext(4);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      const outcome = await deliver();
      expect(outcome).toMatchObject({ kind: "failed", attempts: attempt });
      if (outcome.kind !== "failed") throw new Error("expected a failure");
      waits.push(outcome.retryInMs);
      // Not due before its delay is over.
      advanceClock(outcome.retryInMs - 1);
      expect(await deliver()).toEqual({ kind: "idle" });
      advanceClock(1);
    }
    expect(waits).toEqual([1000, 5000, 30_000, 30_000]);
    expect(await deliver()).toMatchObject({ kind: "sent", attempts: 5 });
    // One token was issued for the request, and the mail finally sent carries it.
    expect(resetTokens.all().map((token) => token.tokenDigest)).toEqual([
      resetTokenDigest(tokenOf(sent[0])),
    ]);
    expect(sent).toHaveLength(1);
    expect(resetMails.all()).toEqual([]);
  });

  it("keeps the link and its token out of what it reports and stores about a failure", async () => {
    const { queue, deliver, refuseNext, resetMails, sent, advanceClock, tokenOf } = await setup();
    await queue("ada@example.com");
    refuseNext(1);
    const failed = await deliver();
    expect(failed).toMatchObject({
      kind: "failed",
      failure: { message: "451 Try again later (… …)", responseCode: 451 },
    });
    const [stored] = resetMails.all();
    expect(stored?.lastError).toBe("451 Try again later (… …)");
    advanceClock(1000);
    await deliver();
    const token = tokenOf(sent[0]);
    expect(token).toHaveLength(43);
    expect(JSON.stringify([failed, stored])).not.toContain(token);
    // The stored mail is sealed: neither the token nor the link is readable in it.
    expect(stored?.mail?.sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
  });

  it("drops a mail whose link expired before it could be sent", async () => {
    const { queue, deliver, refuseNext, advanceClock, sent, resetMails } = await setup();
    await queue("ada@example.com", "req-3");
    refuseNext(1);
    await deliver();
    advanceClock(60 * 60_000);
    expect(await deliver()).toEqual({
      kind: "dropped",
      requestId: "req-3",
      attempts: 2,
      reason: "expired",
    });
    expect([sent, resetMails.all()]).toEqual([[], []]);
  });

  it("drops a mail whose link stopped working: a newer link, or a reset with it", async () => {
    const { queue, deliver, refuseNext, advanceClock, sent, deps } = await setup();
    await queue("ada@example.com");
    refuseNext(1);
    await deliver();
    // An operator printed a newer link meanwhile: the queued one no longer works.
    await requestPasswordReset({ email: "ada@example.com" }, deps);
    advanceClock(1000);
    expect(await deliver()).toMatchObject({ kind: "dropped", reason: "void" });
    expect(sent).toEqual([]);
  });

  it("retries a mail sealed under another JWT_SECRET instead of sending a broken one", async () => {
    const { queue, deliver, refuseNext, advanceClock, sent, deps, resetMails } = await setup();
    await queue("ada@example.com");
    refuseNext(1);
    await deliver();
    // A process whose JWT_SECRET differs (rotated meanwhile) claims the stored mail.
    const rotated = {
      ...deps,
      mailSealer: createMailSealer("another-secret-of-at-least-32-bytes"),
    };
    advanceClock(1000);
    const send = async () => ({ messageId: "never" });
    const outcome = await deliverResetMail(
      { send, claimMs: CLAIM_MS, retryDelaysMs: RETRY_DELAYS_MS },
      rotated,
    );
    expect(outcome).toMatchObject({
      kind: "failed",
      failure: { message: expect.stringContaining("does not open with this JWT_SECRET") },
    });
    expect(resetMails.all()).toHaveLength(1);
    // A process with the secret it was sealed with sends it.
    advanceClock(5000);
    expect(await deliver()).toMatchObject({ kind: "sent" });
    expect(sent).toHaveLength(1);
  });

  it("does not schedule a retry of a sent mail whose deletion failed: it waits out its claim", async () => {
    const { queue, deliver, deps, sent, advanceClock } = await setup();
    await queue("ada@example.com");
    const failing = {
      ...deps,
      resetMails: {
        ...deps.resetMails,
        remove: async () => {
          throw new Error("database gone");
        },
      },
    };
    const send = async () => ({ messageId: "<1@test>" });
    await expect(
      deliverResetMail({ send, claimMs: CLAIM_MS, retryDelaysMs: RETRY_DELAYS_MS }, failing),
    ).rejects.toThrow("database gone");
    // Not due at the first retry delay, nor just before its claim lapses.
    advanceClock(RETRY_DELAYS_MS[0] ?? 0);
    expect(await deliver()).toEqual({ kind: "idle" });
    advanceClock(CLAIM_MS - (RETRY_DELAYS_MS[0] ?? 0) - 1);
    expect(await deliver()).toEqual({ kind: "idle" });
    expect(sent).toEqual([]);
  });

  it("lets no one else take a claimed entry until its claim lapses, and ignores the lapsed holder", async () => {
    const { queue, resetMails, deps, advanceClock } = await setup();
    await queue("ada@example.com");
    const now = deps.now();
    const later = new Date(now.getTime() + CLAIM_MS);
    const first = await resetMails.claimNext(now, later, "claim-1");
    expect(first).toMatchObject({ claim: "claim-1", attempts: 1 });
    expect(await resetMails.claimNext(now, later, "claim-2")).toBeNull();
    advanceClock(CLAIM_MS);
    const second = await resetMails.claimNext(deps.now(), later, "claim-3");
    expect(second).toMatchObject({ claim: "claim-3", attempts: 2 });
    if (first === null) throw new Error("expected a claim");
    expect(await resetMails.remove(first)).toBe(false);
    expect(await resetMails.retryAt(first, now, "late")).toBe(false);
    expect(resetMails.all()).toHaveLength(1);
  });
});
