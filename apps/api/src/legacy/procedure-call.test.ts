import { type AppRouter, appRouter, type Context, toAppFailure } from "@otas/api";
import { createFakeDeps } from "@otas/core/testing";
import type { AnyProcedure } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { procedureCall } from "./procedure-call.js";

/** The procedure at `path`, as the legacy plugin finds it. */
function procedureAt(router: AppRouter, path: string): AnyProcedure {
  const procedures = router._def.procedures as unknown as Record<string, AnyProcedure>;
  const procedure = procedures[path];
  if (procedure === undefined) throw new Error(`no procedure at ${path}`);
  return procedure;
}

/** What a call answered: its output, or its error as the contract reads it (and tRPC's code). */
async function outcome(call: Promise<unknown>) {
  try {
    return { data: await call };
  } catch (error) {
    return { trpc: (error as { code?: unknown }).code, failure: toAppFailure(error) };
  }
}

describe("procedureCall", () => {
  const fake = createFakeDeps();
  const context = (token?: string): Context => ({
    deps: fake.deps,
    requestId: "req-1",
    log: { info: () => {}, error: () => {} },
    token,
  });
  /** The same call through tRPC's own procedure caller and through `procedureCall`. */
  const both = async (path: string, token: string | undefined, input: unknown) => {
    const procedure = procedureAt(appRouter, path);
    const viaTrpc = await outcome(
      procedure({
        path,
        ctx: context(token),
        type: procedure._def.type,
        getRawInput: async () => input,
        signal: undefined,
        batchIndex: 0,
      }),
    );
    const viaLegacy = await outcome(procedureCall(procedure, path)(context(token), input));
    return { viaTrpc, viaLegacy };
  };

  it("answers what tRPC's own caller answers, outputs and errors alike", async () => {
    const created = await procedureCall(procedureAt(appRouter, "user.create"), "user.create")(
      context(),
      { first_name: "Ada", last_name: "Lovelace", email: "ada@example.com", password: "s3cret-pw" },
    );
    const { jwt_token: token } = created as { jwt_token: string };
    const calls: Array<[string, string | undefined, unknown]> = [
      // Resolved through the token check, which adds the user to the context.
      ["user.authenticate", token, undefined],
      ["user.me", token, undefined],
      // Refused by the token check, by input parsing, by the use case.
      ["user.authenticate", undefined, undefined],
      ["user.authenticate", "not-a-token", undefined],
      ["user.update", token, { first_name: 7 }],
      ["user.login", undefined, { email: "ada@example.com", password: "wrong-password" }],
      ["user.create", undefined, {}],
    ];
    for (const [path, callToken, input] of calls) {
      const { viaTrpc, viaLegacy } = await both(path, callToken, input);
      expect(viaLegacy, path).toEqual(viaTrpc);
    }
    const { viaLegacy } = await both("user.authenticate", token, undefined);
    expect(viaLegacy).toMatchObject({ data: { user: { email: "ada@example.com" } } });
    const refused = await both("user.update", token, { first_name: 7 });
    expect(refused.viaLegacy).toMatchObject({
      trpc: "BAD_REQUEST",
      failure: { code: "invalid_field_type" },
    });
  });
});
