import { domainToASCII } from "node:url";

/** RFC 5321's limits: 64 octets of local part, 254 of address (a 256-octet path less `<>`). */
const LOCAL_MAX_OCTETS = 64;
const ADDRESS_MAX_OCTETS = 254;

/**
 * One atom of a dot-atom local part (RFC 5322 `atext`), and beyond ASCII letters, digits and
 * marks (RFC 6531). No quoting, spaces, comments, `<>`, `,`, `;`, `:`, `@`, `"` or controls.
 */
const LOCAL_ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~\p{L}\p{M}\p{N}]+$/u;
/** One DNS label after `domainToASCII`: letters, digits and inner hyphens. */
const DOMAIN_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * The mailbox a reset mail may go to, or null when `email` is not exactly one plainly written
 * address (`local@domain`).
 *
 * Sign-up only requires an `@` (the contract), so a stored email can be a recipient list
 * (`a@x.io,b@x.io`), a display name around someone else's address (`n1 <victim@x.io>`), a quoted
 * or commented form of another account's mailbox, or an address literal. Mail to such a string
 * would reach whoever it names, each account with its own hourly count. Only a dot-atom local
 * part and a host name pass; the domain is returned in its ASCII (punycode) form and the local
 * part in NFC, so one mailbox has one spelling, which is also the key of its hourly count.
 */
export function singleMailbox(email: string): string | null {
  const at = email.lastIndexOf("@");
  if (at <= 0 || at !== email.indexOf("@")) return null;
  const local = email.slice(0, at).normalize("NFC");
  const domainText = email.slice(at + 1);
  if (domainText === "" || domainText.endsWith(".") || domainText.startsWith("[")) return null;
  const atoms = local.split(".");
  if (!atoms.every((atom) => LOCAL_ATOM.test(atom))) return null;
  if (Buffer.byteLength(local, "utf8") > LOCAL_MAX_OCTETS) return null;
  // WHATWG's domainToASCII maps case and Unicode forms (UTS #46) and refuses what no host can be.
  const domain = domainToASCII(domainText);
  const labels = domain.split(".");
  if (!labels.every((label) => DOMAIN_LABEL.test(label))) return null;
  // A host name, not an IPv4 address written without its brackets.
  if (/^[0-9]+$/.test(labels.at(-1) ?? "")) return null;
  const mailbox = `${local}@${domain}`;
  return Buffer.byteLength(mailbox, "utf8") > ADDRESS_MAX_OCTETS ? null : mailbox;
}
