import type { OtasProcedureShape, OtasRouterShape } from "./generated/router.js";

/** Options of one call, as tRPC takes them. */
export interface OtasCallOptions {
  /** Aborts the call (its request, unless it shares a batch with calls not aborted). */
  signal?: AbortSignal;
  /** Passed to the client's links (e.g. your own logging link). */
  context?: Record<string, unknown>;
}

/** A procedure's arguments: its input (optional when it takes none) and the call's options. */
type CallArguments<Input> = undefined extends Input
  ? [input?: Input, options?: OtasCallOptions]
  : [input: Input, options?: OtasCallOptions];

/** A query procedure: `client.user.me.query()`. */
export interface OtasQuery<Input, Output> {
  query(...args: CallArguments<Input>): Promise<Output>;
}

/** A mutation procedure: `client.user.create.mutate({...})`. */
export interface OtasMutation<Input, Output> {
  mutate(...args: CallArguments<Input>): Promise<Output>;
}

/** The callable procedures of `Router`, nested as the router nests them. */
export type OtasClientOf<Router> = {
  [Key in keyof Router]: Router[Key] extends OtasProcedureShape<"query", infer Input, infer Output>
    ? OtasQuery<Input, Output>
    : Router[Key] extends OtasProcedureShape<"mutation", infer Input, infer Output>
      ? OtasMutation<Input, Output>
      : OtasClientOf<Router[Key]>;
};

/**
 * The typed client: `client.user.create.mutate(...)`, `client.user.me.query()`... It is tRPC's
 * own client at run time; its type is written out from the API's procedures, so it compiles
 * without tRPC's or the server's types.
 */
export type OtasClient = OtasClientOf<OtasRouterShape>;
