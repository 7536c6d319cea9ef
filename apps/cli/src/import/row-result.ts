/** What happened to one row of an import. */
export type RowOutcome = "created" | "exists" | "invalid" | "failed";

/**
 * One line of the per-row report. `reason` is the contract's code for `invalid` rows (or
 * `unexpected_error` for `failed` ones); `user_id` is set for `created` rows. It never holds a
 * password or a hash.
 */
export interface RowResult {
  row: number;
  email: string;
  outcome: RowOutcome;
  reason?: string;
  user_id?: string;
}
