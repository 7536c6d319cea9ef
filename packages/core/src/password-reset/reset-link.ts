/**
 * The link a reset mail carries: the OTAS web app's reset page, which reads `token` and
 * `emailId` from its query string and posts them back with the new password.
 * @see docs/legacy-rest-contract.md ("What the OTAS web frontend calls")
 */
export function resetLink(appUrl: string, token: string, email: string): string {
  const base = appUrl.replace(/\/+$/, "");
  return `${base}/reset-password?token=${encodeURIComponent(token)}&emailId=${encodeURIComponent(email)}`;
}
