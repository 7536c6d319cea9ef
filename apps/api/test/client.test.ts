import { createOtasClient, otasErrorCode } from "@otas/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./support/test-server.js";

describe("createOtasClient against a real server", () => {
  let server: TestServer;
  const email = `client.${process.pid}.${Date.now()}@example.com`;
  beforeAll(async () => {
    server = await startTestServer("postgresql");
  });
  afterAll(async () => {
    await server?.close();
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

  it("answers undefined for errors that did not come from the API", async () => {
    expect(otasErrorCode(new Error("boom"))).toBeUndefined();
    const unreachable = createOtasClient({ url: "http://127.0.0.1:9" });
    const error = await unreachable.user.me.query().catch((caught: unknown) => caught);
    expect(otasErrorCode(error)).toBeUndefined();
  });
});
