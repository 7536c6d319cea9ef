/**
 * Per user, the moment before which tokens without a session are refused: a password reset or
 * change, signing out everywhere and ending the other sessions end every earlier one. (Tokens
 * with a session end with it.)
 * Kept in a table of its own: `users` is the original service's and stays as it is.
 */
export interface SessionCutoffRepository {
  /** The user's cut-off, or null when their sessions were never ended. */
  notBefore(userId: string): Promise<Date | null>;
  /** Sets the user's cut-off, replacing an earlier one (a later one is kept). */
  endSessionsBefore(userId: string, notBefore: Date): Promise<void>;
}
