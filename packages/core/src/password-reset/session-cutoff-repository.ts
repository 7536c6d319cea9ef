/**
 * Per user, the moment before which issued tokens are refused (a password reset through the
 * emailed link ends every earlier session). Kept in a table of its own: `users` is the original
 * service's and stays as it is.
 */
export interface SessionCutoffRepository {
  /** The user's cut-off, or null when their sessions were never ended. */
  notBefore(userId: string): Promise<Date | null>;
  /** Sets the user's cut-off, replacing an earlier one. */
  endSessionsBefore(userId: string, notBefore: Date): Promise<void>;
}
