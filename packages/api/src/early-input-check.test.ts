import { createFakeDeps } from "@otas/core/testing";
import type { AnyProcedure } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { appRouter } from "./app-router.js";
import { earlyInputCheck } from "./early-input-check.js";
import { toAppFailure } from "./errors/app-error.js";

const procedures = appRouter._def.procedures as unknown as Record<string, AnyProcedure>;

/** Bodies that do not parse, of every kind the contract names (and some it does not). */
const refused: unknown[] = [
  undefined,
  null,
  {},
  [],
  [1],
  "text",
  42,
  { first_name: "A" },
  { first_name: 1, last_name: "L", email: "a@b.c", password: "secret1" },
  { first_name: "A", last_name: "L", email: "not-an-email", password: "secret1" },
  { first_name: "A", last_name: "L", email: "a@b.c", password: "short" },
  { first_name: "A\u0000", last_name: "L", email: "a@b.c", password: "secret1" },
  { first_name: "x".repeat(101), last_name: "L", email: "a@b.c", password: "secret1" },
  { email: "a@b.c" },
  { emailId: "", password: "" },
  { email: ["a@b.c"], password: "secret1" },
  { email: "a@b.c", password: "\ud800" },
];

/** What the procedure itself answers for `input`, through tRPC's middleware chain. */
async function answerOf(path: string, input: unknown) {
  const procedure = procedures[path] as AnyProcedure;
  return procedure({
    path,
    type: procedure._def.type,
    getRawInput: async () => input,
    signal: undefined,
    batchIndex: 0,
    ctx: {
      deps: createFakeDeps().deps,
      requestId: "req-1",
      log: { info: () => {}, error: () => {} },
      token: undefined,
      rateLimit: async () => false,
      passwordRecovery: { requestMail: async () => {} },
    },
  }).then(
    () => "passed",
    (error: unknown) => toAppFailure(error),
  );
}

describe("early input check", () => {
  it("applies to the procedures that parse their input first, and to no other", () => {
    const checked = Object.keys(procedures).filter((path) => {
      const procedure = procedures[path] as AnyProcedure;
      return earlyInputCheck(procedure) !== undefined;
    });
    // Protected procedures check the token first; recovery first checks that it is on.
    expect(checked.sort()).toEqual(["user.create", "user.login"]);
  });

  it.each(["user.create", "user.login"])(
    "refuses what %s refuses, with the same failure, and lets the rest through",
    async (path) => {
      const check = earlyInputCheck(procedures[path] as AnyProcedure);
      let refusedEarly = 0;
      for (const input of refused) {
        const early = check?.(input);
        // Input it lets through goes on to the procedure call, which parses it again.
        if (early === undefined) continue;
        refusedEarly += 1;
        expect(early, JSON.stringify(input)).toEqual(await answerOf(path, input));
      }
      expect(refusedEarly).toBeGreaterThanOrEqual(10);
      const valid =
        path === "user.create"
          ? { first_name: "A", last_name: "L", email: "a@b.c", password: "secret1" }
          : { email: "a@b.c", password: "secret1" };
      expect(check?.(valid)).toBeUndefined();
    },
  );
});
