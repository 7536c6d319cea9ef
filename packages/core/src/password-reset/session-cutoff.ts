/**
 * The moment a reset ends earlier sessions, chosen so whole-second `iat`s fall cleanly on either
 * side of it. JWT `iat` counts whole seconds, so a token issued just before a reset and one
 * issued just after it can share an `iat`; the reset therefore waits until the next whole second
 * S and commits there. A token issued before that moment has `iat` < S (its second ended before
 * S), one issued after it has `iat` >= S, and the rule is simply: refused when `iat` < S.
 * The wait is under a second, on an endpoint a person calls once. One race stays open: a login
 * that checked the old password just before the reset and issues its token just after it (within
 * one password hash, a fraction of a second) gets a token that works.
 */
export async function nextWholeSecond(
  now: () => Date,
  sleep: (milliseconds: number) => Promise<void>,
): Promise<Date> {
  const boundary = (Math.floor(now().getTime() / 1000) + 1) * 1000;
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
