/**
 * @typedef {object} RpcErrorData
 * @property {boolean} is_panic
 * @property {string} message
 * @property {unknown} meta
 * @property {string | null} error_code
 */

/**
 * Builds the JSON-RPC error the native engine sends, which the CLI turns into its own error
 * (with the Prisma code when there is one, e.g. P3005, that some commands react to).
 * @param {unknown} error what the wasm engine (or an adapter through it) threw
 * @param {import("@prisma/driver-adapter-utils").ErrorRegistry} errorRegistry
 * @returns {{ code: number; message: string; data: RpcErrorData }}
 */
export function toRpcError(error, errorRegistry) {
  const cause = unwrapAdapterError(error, errorRegistry);
  return {
    code: 4466,
    message: "An error happened. Check the data field for details.",
    data: {
      is_panic: cause instanceof WebAssembly.RuntimeError,
      message: describeError(cause),
      meta: /** @type {{ meta?: unknown }} */ (cause)?.meta ?? null,
      error_code: prismaErrorCode(cause) ?? null,
    },
  };
}

/**
 * Errors that a driver adapter threw as plain JS errors travel through the engine as an id in the
 * adapter's error registry; fetch the original, which says what really went wrong.
 * @param {unknown} error
 * @param {import("@prisma/driver-adapter-utils").ErrorRegistry} errorRegistry
 * @returns {unknown}
 */
function unwrapAdapterError(error, errorRegistry) {
  const id = /** @type {{ cause?: { kind?: string; id?: number } }} */ (error)?.cause;
  if (id?.kind === "GenericJs" && typeof id.id === "number") {
    return errorRegistry.consumeError(id.id)?.error ?? error;
  }
  return error;
}

/**
 * @param {unknown} error
 * @returns {string | undefined}
 */
export function prismaErrorCode(error) {
  const code = /** @type {{ code?: unknown }} */ (error)?.code;
  return typeof code === "string" && /^P\d{4}$/.test(code) ? code : undefined;
}

/**
 * @param {unknown} error
 * @returns {string}
 */
export function describeError(error) {
  if (error instanceof Error) return error.message;
  if (typeof error === "object" && error !== null && "message" in error) {
    return String(error.message);
  }
  return String(error);
}
