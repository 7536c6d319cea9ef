export type {
  OtasCallOptions,
  OtasClient,
  OtasClientOf,
  OtasMutation,
  OtasQuery,
} from "./client-types.js";
export { createOtasClient } from "./create-client.js";
export { isOtasError, type OtasError, otasErrorCode, otasErrorFields } from "./errors.js";
export type { OtasProcedureShape, OtasRouterShape } from "./generated/router.js";
export { OTAS_UNREACHABLE_MESSAGE, otasErrorMessage, otasErrorMessages } from "./messages.js";
export type {
  OtasClientOptions,
  OtasHeaders,
  OtasSessionEnd,
  OtasTokenSource,
  OtasTransport,
} from "./options.js";
export type { OtasErrorCode, OtasErrorData, OtasInputs, OtasOutputs, OtasUser } from "./types.js";
