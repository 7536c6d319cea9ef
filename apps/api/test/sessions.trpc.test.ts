import type { AppRouter, ErrorCode } from "@otas/api";
import { createTRPCClient, httpBatchLink, httpLink } from "@trpc/client";
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from "vitest";
import { providers, startTestServer, type TestServer } from "./support/test-server.js";
import { trpcFailure } from "./support/trpc.js";
import { registerUser } from "./support/users.js";

type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;

describe("the typed session procedures", () => {
  it("take and answer what their names say", () => {
    expectTypeOf<Inputs["user"]["endSession"]>().toEqualTypeOf<{ session_id: string }>();
    expectTypeOf<Inputs["user"]["signOut"]>().toEqualTypeOf<void>();
    expectTypeOf<Outputs["user"]["signOut"]>().toEqualTypeOf<null>();
    expectTypeOf<Outputs["user"]["signOutEverywhere"]>().toEqualTypeOf<null>();
    expectTypeOf<Outputs["user"]["endSession"]>().toEqualTypeOf<null>();
    expectTypeOf<Outputs["user"]["endOtherSessions"]>().toEqualTypeOf<{ ended_sessions: number }>();
    expectTypeOf<Outputs["user"]["sessions"]>().toEqualTypeOf<{
      sessions: {
        id: string;
        created_at: string;
        last_used_at: string;
        expires_at: string;
        user_agent: string | null;
        address: string | null;
        current: boolean;
      }[];
      total: number;
    }>();
  });
});

describe.each(providers)("sessions over tRPC on %s", (provider) => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(provider);
  });
  afterAll(async () => {
    await server?.close();
  });

  const clientFor = (token?: string, userAgent = "otas-test/1.0") =>
    createTRPCClient<AppRouter>({
      links: [
        httpLink({
          url: `${server.url}/trpc`,
          headers: () => ({
            "user-agent": userAgent,
            ...(token === undefined ? {} : { "x-otas-user-token": token }),
          }),
        }),
      ],
    });
  const failureOf = async (call: Promise<unknown>) => {
    const error = await trpcFailure(call);
    return { message: error.message, data: error.data, shape: error.shape };
  };
  const codeOf = async (call: Promise<unknown>): Promise<ErrorCode | undefined> =>
    (await trpcFailure(call)).data?.otasCode;
  const signIn = async (email: string, password: string, userAgent: string) =>
    (await clientFor(undefined, userAgent).user.login.mutate({ email, password })).jwt_token;

  it("lists the caller's sessions with the clients they came from, the current one marked", async () => {
    const { token, email, password } = await registerUser(server.url);
    const phone = await signIn(email, password, "phone-app/2.0");
    const listed = await clientFor(phone).user.sessions.query();
    expect(listed.total).toBe(2);
    expect(listed.sessions).toEqual([
      expect.objectContaining({ current: true, user_agent: "phone-app/2.0" }),
      expect.objectContaining({ current: false, user_agent: "node" }),
    ]);
    // The test server sees 127.0.0.1: only its /24 is kept.
    expect(listed.sessions.map((session) => session.address)).toEqual([
      "127.0.0.0/24",
      "127.0.0.0/24",
    ]);
    expect((await clientFor(token).user.sessions.query()).sessions[0]?.current).toBe(true);
  });

  it("never shows or ends another user's session: ending one answers exactly as an unknown id", async () => {
    const ada = await registerUser(server.url);
    const grace = await registerUser(server.url);
    const [gracesSession] = (await clientFor(grace.token).user.sessions.query()).sessions;
    const adaSees = await clientFor(ada.token).user.sessions.query();
    expect(adaSees.sessions.map((session) => session.id)).not.toContain(gracesSession?.id);
    const someoneElses = await failureOf(
      clientFor(ada.token).user.endSession.mutate({ session_id: gracesSession?.id ?? "" }),
    );
    const unknown = await failureOf(
      clientFor(ada.token).user.endSession.mutate({
        session_id: "7c9e6679-7425-40de-944b-e07fc1f90ae7",
      }),
    );
    expect(someoneElses).toEqual(unknown);
    expect(unknown.data).toMatchObject({
      otasCode: "session_not_found",
      code: "NOT_FOUND",
      httpStatus: 404,
    });
    expect((await clientFor(grace.token).user.me.query()).user.id).toBe(grace.user.id);
  });

  it("ends one session, the other sessions, or all of them; each token is refused at once", async () => {
    const { token, email, password, user } = await registerUser(server.url);
    const [phone, tablet, laptop] = [
      await signIn(email, password, "phone"),
      await signIn(email, password, "tablet"),
      await signIn(email, password, "laptop"),
    ];
    const listed = await clientFor(token).user.sessions.query();
    const tabletId = listed.sessions.find((session) => session.user_agent === "tablet")?.id;
    expect(await clientFor(token).user.endSession.mutate({ session_id: tabletId ?? "" })).toBe(
      null,
    );
    expect(await codeOf(clientFor(tablet).user.me.query())).toBe("invalid_token");
    expect(await clientFor(laptop).user.endOtherSessions.mutate()).toEqual({ ended_sessions: 2 });
    for (const ended of [token, phone]) {
      expect(await codeOf(clientFor(ended).user.me.query())).toBe("invalid_token");
    }
    expect((await clientFor(laptop).user.me.query()).user.id).toBe(user.id);
    expect(await clientFor(laptop).user.signOut.mutate()).toBeNull();
    expect(await codeOf(clientFor(laptop).user.me.query())).toBe("invalid_token");
    const again = await signIn(email, password, "again");
    expect(await clientFor(again).user.signOutEverywhere.mutate()).toBeNull();
    expect(await codeOf(clientFor(again).user.sessions.query())).toBe("invalid_token");
  });

  it("refuses a malformed session id as not found, and a missing one as missing", async () => {
    const { token } = await registerUser(server.url);
    const client = clientFor(token);
    expect(await codeOf(client.user.endSession.mutate({ session_id: "'; DROP TABLE x" }))).toBe(
      "session_not_found",
    );
    expect(await codeOf(client.user.endSession.mutate({} as never))).toBe("missing_fields");
    expect(await codeOf(clientFor().user.sessions.query())).toBe("missing_token");
  });

  it("batches the session calls with others (none hashes a password)", async () => {
    const { token } = await registerUser(server.url);
    const batched = createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({ url: `${server.url}/trpc`, headers: { "x-otas-user-token": token } }),
      ],
    });
    const [me, sessions] = await Promise.all([
      batched.user.me.query(),
      batched.user.sessions.query(),
    ]);
    expect(sessions.sessions[0]?.current).toBe(true);
    expect(me.user.id).toBeDefined();
  });
});
