// Moves an account to another email address: a typo at sign-up, a mailbox the owner lost, or an
// account `undeliverable-emails.ts` listed. The API cannot change an email; this does it in one
// transaction with what must go with it: the account's unused reset link and any reset mail still
// queued for the old address are deleted (they were meant for the old mailbox). Sessions stay
// signed in; end them with `otas-users sign-out <new email>` if the old mailbox was someone else's.
//   pnpm script scripts/change-email.ts old@example.com new@example.com
import {
  instantParam,
  isUniqueViolation,
  normalizeEmail,
  openUserService,
  singleMailbox,
  sql,
} from "@otas/core";

const [from, to] = process.argv.slice(2).map((email) => normalizeEmail(email ?? ""));
if (!from || !to || from === to) {
  console.error("usage: pnpm script scripts/change-email.ts <old email> <new, different email>");
  process.exit(2);
}
// Only an address a reset mail can go to: one plain local@domain, as "Forgot password?" needs.
if (singleMailbox(to) !== to) {
  console.error(`invalid_email_format: ${JSON.stringify(to)} is not one plain address`);
  process.exit(1);
}

const users = await openUserService();
try {
  // Several writes together: the UPDATE is the guard (no row: no such account, nothing else
  // runs); the deletes commit with it or not at all.
  const moved = await users.database.sql.atomically(
    sql`UPDATE users SET email = ${to}, updated_at = ${instantParam(users.database.sql, new Date())}
        WHERE email = ${from}`,
    [
      sql`DELETE FROM password_reset_tokens
          WHERE user_id = (SELECT id FROM users WHERE email = ${to})`,
      sql`DELETE FROM reset_mail_outbox WHERE email = ${from}`,
    ],
  );
  if (moved) {
    console.log(`moved ${from} to ${to}`);
  } else {
    console.error(`user_not_found: ${from}`);
    process.exitCode = 1;
  }
} catch (error) {
  // The new address belongs to another account: the database refused, nothing changed.
  if (!isUniqueViolation(error)) throw error;
  console.error(`user_already_exists: ${to}`);
  process.exitCode = 1;
} finally {
  await users.close();
}
