import type { OtasErrorShape, OtasProcedureShape, OtasRouterShape } from "./generated/router.js";

type AnyProcedureShape = OtasProcedureShape<"query" | "mutation", unknown, unknown>;

/** Each procedure's input (or output), keyed as the router nests them. */
type InputsOf<Router> = {
  [Key in keyof Router]: Router[Key] extends AnyProcedureShape
    ? Router[Key]["input"]
    : InputsOf<Router[Key]>;
};
type OutputsOf<Router> = {
  [Key in keyof Router]: Router[Key] extends AnyProcedureShape
    ? Router[Key]["output"]
    : OutputsOf<Router[Key]>;
};

/** Every procedure's input, e.g. `OtasInputs["user"]["create"]`. */
export type OtasInputs = InputsOf<OtasRouterShape>;

/** Every procedure's result, e.g. `OtasOutputs["user"]["login"]`. */
export type OtasOutputs = OutputsOf<OtasRouterShape>;

/** The user object every procedure returns. */
export type OtasUser = OtasOutputs["user"]["me"]["user"];

/**
 * What a failure carries in tRPC's `error.data`: the contract's code (`otasCode`), its detail
 * (`email, password`, or `expired` for an expired token), the fields it is about as a list, and
 * tRPC's own code and HTTP status.
 */
export type OtasErrorData = OtasErrorShape["data"];

/** The closed set of codes a failure carries in `error.data.otasCode` (the REST contract's). */
export type { OtasErrorCode } from "./generated/router.js";
