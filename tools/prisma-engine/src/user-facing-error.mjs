/**
 * An error with a Prisma error code (P1001, P1003, …) that the CLI shows to the user as is.
 * @see https://www.prisma.io/docs/orm/reference/error-reference
 */
export class UserFacingError extends Error {
  /**
   * @param {string} code
   * @param {string} message
   */
  constructor(code, message) {
    super(message);
    this.name = "UserFacingError";
    this.code = code;
  }
}
