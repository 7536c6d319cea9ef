import {
  createOtasClient,
  isOtasError,
  type OtasSessionEnd,
  type OtasTransport,
  otasErrorCode,
  otasErrorFields,
  otasErrorMessage,
  otasErrorMessages,
} from "@otas/client";
import { type AppRouter, otasLinks } from "@otas/client/trpc";
import { PASSWORD_MIN_LENGTH } from "@otas/core";
import { handMadeToken } from "@otas/core/testing";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetLinkIn, startSmtpServer, type TestSmtpServer } from "./support/smtp-server.js";
import { startTestServer, TEST_JWT_SECRET, type TestServer } from "./support/test-server.js";
import { registerUser, uniqueEmail } from "./support/users.js";

describe("createOtasClient against a real server", () => {
  let server: TestServer;
  let smtp: TestSmtpServer;
  const email = `client.${process.pid}.${Date.now()}@example.com`;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    server = await startTestServer("postgresql", {
      env: { SMTP_URL: smtp.url, MAIL_FROM: "otas@example.com" },
    });
  });
  afterAll(async () => {
    await server?.close();
    await smtp?.close();
  });

  it("registers, logs in and acts with the token it reads on each call", async () => {
    let token: string | undefined;
    const otas = createOtasClient({ url: `${server.url}/`, token: () => token });
    const created = await otas.user.create.mutate({
      first_name: " Ada ",
      last_name: "Lovelace",
      email: email.toUpperCase(),
      password: "secret1",
    });
    expect(created.user).toMatchObject({ first_name: "Ada", middle_name: "", email });
    const { jwt_token } = await otas.user.login.mutate({ email, password: "secret1" });
    token = jwt_token;
    expect((await otas.user.me.query()).user).toEqual(created.user);
    const edited = await otas.user.update.mutate({ first_name: "Grace", last_name: "Hopper" });
    expect(edited.user).toMatchObject({ id: created.user.id, first_name: "Grace" });
    expect(await otas.user.updatePassword.mutate({ password: "secret2" })).toBeNull();
    const stored = await (await server.database.prisma()).user.findUnique({ where: { email } });
    expect(stored?.firstName).toBe("Grace");
  });

  it("sends a fixed token string", async () => {
    const { jwt_token, user } = await createOtasClient({ url: server.url }).user.login.mutate({
      email,
      password: "secret2",
    });
    const otas = createOtasClient({ url: server.url, token: jwt_token });
    expect((await otas.user.authenticate.mutate()).user).toEqual(user);
  });

  it("gives failures the API's code", async () => {
    const anonymous = createOtasClient({ url: server.url });
    const codeOf = (promise: Promise<unknown>) =>
      promise.then(
        () => "succeeded",
        (error: unknown) => otasErrorCode(error),
      );
    expect(
      await codeOf(
        anonymous.user.create.mutate({
          first_name: "A",
          last_name: "B",
          email,
          password: "secret1",
        }),
      ),
    ).toBe("user_already_exists");
    expect(await codeOf(anonymous.user.login.mutate({ email, password: "wrong!" }))).toBe(
      "login_failed",
    );
    expect(await codeOf(anonymous.user.me.query())).toBe("missing_token");
    const forged = createOtasClient({ url: server.url, token: "not-a-jwt" });
    expect(await codeOf(forged.user.me.query())).toBe("invalid_token");
  });

  it("recovers a password by email, with typed codes for a bad token", async () => {
    const otas = createOtasClient({ url: server.url });
    expect(await otas.user.requestPasswordReset.mutate({ emailId: email })).toBeNull();
    const { token } = resetLinkIn(await smtp.nextMailTo(email));
    const forged = otas.user.resetPassword.mutate({
      emailId: email,
      token: "x",
      password: "abcdef",
    });
    expect(await forged.catch((error: unknown) => otasErrorCode(error))).toBe(
      "invalid_or_expired_token",
    );
    expect(
      await otas.user.resetPassword.mutate({ emailId: email, token, password: "recovered" }),
    ).toBeNull();
    expect((await otas.user.login.mutate({ email, password: "recovered" })).user.email).toBe(email);
  });

  it("answers undefined for errors that did not come from the API", async () => {
    expect(otasErrorCode(new Error("boom"))).toBeUndefined();
    const unreachable = createOtasClient({ url: "http://127.0.0.1:9" });
    const error = await unreachable.user.me.query().catch((caught: unknown) => caught);
    expect(otasErrorCode(error)).toBeUndefined();
  });

  it("names the fields of a failure and has a message for it", async () => {
    const anonymous = createOtasClient({ url: server.url });
    const failed = await anonymous.user.create
      .mutate({ first_name: "A", last_name: "B", email: uniqueEmail(), password: "abc" })
      .catch((error: unknown) => error);
    expect(isOtasError(failed)).toBe(true);
    expect(otasErrorFields(failed)).toEqual(["password"]);
    expect(otasErrorMessage(failed)).toBe(otasErrorMessages.password_too_short);
    // The message states the rule the server applies.
    expect(otasErrorMessages.password_too_short).toContain(String(PASSWORD_MIN_LENGTH));
    expect(otasErrorFields(new Error("boom"))).toEqual([]);
  });
});

/** A fetch that records the URL of every request it sends. */
function recordingFetch() {
  const urls: string[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    urls.push(String(input instanceof Request ? input.url : input));
    return globalThis.fetch(input, init);
  };
  return { urls, fetch };
}

/** The procedures each recorded /trpc request carried. */
const callsPerRequest = (urls: string[]) =>
  urls.map((url) => new URL(url).pathname.replace("/trpc/", "").split(","));

describe("createOtasClient's transports against the server's batch rules", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite");
  });
  afterAll(async () => {
    await server?.close();
  });

  it("a plain tRPC batch of two hashing calls is refused: the rule the client keeps", async () => {
    const raw = createTRPCClient<AppRouter>({
      links: [httpBatchLink({ url: `${server.url}/trpc` })],
    });
    const calls = [
      raw.user.login.mutate({ email: uniqueEmail(), password: "secret1" }),
      raw.user.login.mutate({ email: uniqueEmail(), password: "secret1" }),
    ];
    const codes = await Promise.all(calls.map((call) => call.catch(otasErrorCode)));
    expect(codes).toEqual(["batch_not_allowed", "batch_not_allowed"]);
  });

  it.each<OtasTransport>(["httpBatchLink", "httpBatchStreamLink", "httpLink"])(
    "%s: hashing calls travel alone, batches hold at most 16 calls, all succeed",
    async (transport) => {
      const { email, password, token } = await registerUser(server.url);
      const { urls, fetch } = recordingFetch();
      const otas = createOtasClient({ url: server.url, token, transport, fetch });
      const results = await Promise.all([
        otas.user.login.mutate({ email, password }),
        otas.user.login.mutate({ email, password }),
        otas.user.update.mutate({ first_name: "Ada", last_name: "Lovelace" }),
        ...Array.from({ length: 17 }, () => otas.user.me.query()),
      ]);
      expect(results.every((result) => result.user.email === email)).toBe(true);
      const requests = callsPerRequest(urls);
      const logins = requests.filter((calls) => calls.includes("user.login"));
      expect(logins).toEqual([["user.login"], ["user.login"]]);
      expect(Math.max(...requests.map((calls) => calls.length))).toBe(
        transport === "httpLink" ? 1 : 16,
      );
      expect(requests.flat().length).toBe(20);
    },
  );

  it("takes the caller's own links, run for every call", async () => {
    const { token } = await registerUser(server.url);
    const seen: string[] = [];
    const trpc = createTRPCClient<AppRouter>({
      links: otasLinks({
        url: server.url,
        token,
        links: [
          () =>
            ({ op, next }) => {
              seen.push(`${op.type} ${op.path}`);
              return next(op);
            },
        ],
      }),
    });
    expect((await trpc.user.me.query()).user).toBeDefined();
    expect(seen).toEqual(["query user.me"]);
  });
});

describe("createOtasClient's onSessionEnd", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer("sqlite");
  });
  afterAll(async () => {
    await server?.close();
  });

  /** A client whose token is `token`, and the session ends it reported. */
  function watched(token: string | undefined, fetch?: typeof globalThis.fetch) {
    const ends: OtasSessionEnd[] = [];
    const state = { token };
    const otas = createOtasClient({
      url: server.url,
      token: () => state.token,
      onSessionEnd: (end) => ends.push(end),
      ...(fetch === undefined ? {} : { fetch }),
    });
    return { otas, ends, state };
  }
  const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

  it("tells an expired token (reason expired) from a forged one (reason invalid)", async () => {
    const { user } = await registerUser(server.url);
    const now = Math.floor(Date.now() / 1000);
    const claims = { user_id: user.id, email: user.email, iat: now - 7200, exp: now - 3600 };
    const expired = watched(handMadeToken(claims, { secret: TEST_JWT_SECRET }));
    expect(await expired.otas.user.me.query().catch(otasErrorCode)).toBe("invalid_token");
    const forged = watched("not-a-token");
    expect(
      await forged.otas.user.update
        .mutate({ first_name: "A", last_name: "B" })
        .catch(otasErrorCode),
    ).toBe("invalid_token");
    await settle();
    expect(expired.ends).toEqual([{ reason: "expired", path: "user.me" }]);
    expect(forged.ends).toEqual([{ reason: "invalid", path: "user.update" }]);
  });

  it("is not called without a token, nor for a call sent with a token replaced since", async () => {
    const { token } = await registerUser(server.url);
    const anonymous = watched(undefined);
    expect(await anonymous.otas.user.me.query().catch(otasErrorCode)).toBe("missing_token");
    // A new sign-in while a call sent with the old token is on its way.
    let signIn: (() => void) | undefined;
    const replaced = watched("an-old-token", (input, init) => {
      signIn?.();
      return globalThis.fetch(input, init);
    });
    signIn = () => {
      replaced.state.token = token;
    };
    expect(await replaced.otas.user.me.query().catch(otasErrorCode)).toBe("invalid_token");
    signIn = undefined;
    expect((await replaced.otas.user.me.query()).user).toBeDefined();
    await settle();
    expect([anonymous.ends, replaced.ends]).toEqual([[], []]);
  });
});
