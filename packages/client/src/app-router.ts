import type { TRPCBuiltRouter, TRPCMutationProcedure, TRPCQueryProcedure } from "@trpc/server";
import type { OtasErrorShape, OtasProcedureShape, OtasRouterShape } from "./generated/router.js";

/** tRPC's procedure types for the API's procedures, nested as the router nests them. */
type TrpcRecord<Router> = {
  [Key in keyof Router]: Router[Key] extends OtasProcedureShape<"query", infer Input, infer Output>
    ? TRPCQueryProcedure<{ input: Input; output: Output; meta: object; errorShape: OtasErrorShape }>
    : Router[Key] extends OtasProcedureShape<"mutation", infer Input, infer Output>
      ? TRPCMutationProcedure<{
          input: Input;
          output: Output;
          meta: object;
          errorShape: OtasErrorShape;
        }>
      : TrpcRecord<Router[Key]>;
};

/**
 * The API's router type, for tRPC's own tools: `createTRPCClient<AppRouter>`,
 * `createTRPCContext<AppRouter>()` of `@trpc/tanstack-react-query`, `inferRouterInputs`. The
 * same procedures, inputs, outputs and error shape as the server's router (a test compares them),
 * without its context: nothing of the server comes with it.
 */
export type AppRouter = TRPCBuiltRouter<
  { ctx: object; meta: object; errorShape: OtasErrorShape; transformer: false },
  TrpcRecord<OtasRouterShape>
>;
