/**
 * The first whole second after `now`: a cut-off there refuses every token issued until `now`
 * (their `iat`, whole seconds, is at most `now`'s second) without waiting for it. Tokens without a
 * session issued later in that second are refused too, which only matters for the other
 * services' tokens: this service's own carry a session, which the cut-off does not concern.
 */
export function wholeSecondAfter(now: Date): Date {
  return new Date((Math.floor(now.getTime() / 1000) + 1) * 1000);
}

/**
 * The moment a reset ends earlier sessions, chosen so whole-second `iat`s fall cleanly on either
 * side of it. JWT `iat` counts whole seconds, so a token issued just before a reset and one
 * issued just after it can share an `iat`; the reset therefore waits until the next whole second
 * S and commits there. A token issued before that moment has `iat` < S (its second ended before
 * S), one issued after it has `iat` >= S, and the rule is simply: refused when `iat` < S.
 * The wait is under a second, on an endpoint a person calls once. The cut-off concerns tokens
 * without a session (the other services' and older ones); a login that checked the old password
 * before the reset gets no session once the password changed (`startSession`), and the reset
 * ends the sessions started before.
 */
export async function nextWholeSecond(
  now: () => Date,
  sleep: (milliseconds: number) => Promise<void>,
): Promise<Date> {
  const boundary = wholeSecondAfter(now()).getTime();
  // A timer may fire a little early; wait until the clock really is there.
  for (let left = boundary - now().getTime(); left > 0; left = boundary - now().getTime()) {
    await sleep(left);
  }
  return new Date(boundary);
}

/** Whether a token issued at `iat` (seconds) is older than the user's cut-off. */
export function issuedBeforeCutoff(iat: number, notBefore: Date): boolean {
  return iat * 1000 < notBefore.getTime();
}
