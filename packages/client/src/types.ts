import type { AppRouter } from "@otas/api";
import type { inferRouterError, inferRouterInputs, inferRouterOutputs } from "@trpc/server";

/** Every procedure's input, e.g. `OtasInputs["user"]["create"]`. */
export type OtasInputs = inferRouterInputs<AppRouter>;

/** Every procedure's result, e.g. `OtasOutputs["user"]["login"]`. */
export type OtasOutputs = inferRouterOutputs<AppRouter>;

/** The user object every procedure returns. */
export type OtasUser = OtasOutputs["user"]["me"]["user"];

/** The closed set of codes a failure carries in `error.data.otasCode` (the REST contract's). */
export type OtasErrorCode = inferRouterError<AppRouter>["data"]["otasCode"];
