/**
 * Control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) and unpaired UTF-16
 * surrogates. Neither belongs in a name or an email, and they do not survive storage alike:
 * PostgreSQL refuses NUL in text while SQLite stores it, and an unpaired surrogate cannot be
 * encoded as UTF-8 at all (it silently becomes U+FFFD), so the databases would disagree.
 */
const CONTROL_OR_UNPAIRED = /[\p{Cc}\p{Cs}]/u;

/** An unpaired surrogate (a well-formed pair is one code point, which `u` mode reads as such). */
const UNPAIRED = /\p{Cs}/u;

/** Whether a name or email (after trimming) holds only characters the databases store alike. */
export function isStorableText(value: string): boolean {
  return !CONTROL_OR_UNPAIRED.test(value);
}

/**
 * Whether a password holds only characters every reader of the users table takes alike: no NUL
 * and no unpaired surrogate. UTF-8 turns every unpaired surrogate into the same U+FFFD here, so
 * different passwords would hash alike, while Python (the other OTAS services, Django) cannot
 * encode one at all. Django's forms refuse NUL, and plain bcrypt (this service's first hashes,
 * and OpenBSD's, where the format comes from) stops reading at it. Other control characters are
 * hashed exactly as sent everywhere, so a password may hold them (passwords are never otherwise
 * changed).
 */
export function isHashablePassword(value: string): boolean {
  return !value.includes("\u0000") && !UNPAIRED.test(value);
}
