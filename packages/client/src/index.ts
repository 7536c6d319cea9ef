export {
  createOtasClient,
  type OtasClient,
  type OtasClientOptions,
  type OtasTokenSource,
} from "./create-client.js";
export { otasErrorCode } from "./error-code.js";
export type { OtasErrorCode, OtasInputs, OtasOutputs, OtasUser } from "./types.js";
