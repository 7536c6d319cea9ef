// Accounts whose email cannot receive a reset mail: not one plain `local@domain` address (a
// list, a display name around another address, a quoted local part, …). Sign-up accepts any
// email with an @ (the legacy contract), and "Forgot password?" mails nothing to these, so their
// owners cannot recover a password by mail; `change-email.ts` moves one to a plain address.
//   pnpm script scripts/undeliverable-emails.ts [--json]
import { parseArgs } from "node:util";
import { listUsers, openUserService, singleMailbox } from "@otas/core";
import { formatTable } from "./lib/table.js";

const PAGE = 500;
const { values } = parseArgs({ options: { json: { type: "boolean", default: false } } });

const users = await openUserService();
try {
  const found: { email: string; id: string; created_at: string }[] = [];
  for (let page = 1; ; page += 1) {
    const { users: rows } = await listUsers({ page, perPage: PAGE }, users.deps);
    for (const { email, id, created_at } of rows) {
      if (singleMailbox(email) === null) found.push({ email, id, created_at });
    }
    if (rows.length < PAGE) break;
  }
  if (values.json) {
    for (const row of found) console.log(JSON.stringify(row));
  } else if (found.length === 0) {
    console.log("Every account's email is one plain address.");
  } else {
    const rows = found.map((row) => [row.email, row.id, row.created_at]);
    console.log(formatTable(["email", "id", "created_at"], rows));
    console.log(`\n${found.length} account(s) cannot receive a reset mail.`);
  }
} finally {
  await users.close();
}
