// pnpm script scripts/create-user.ts ada@example.com Ada Lovelace < password.txt
import { text } from "node:stream/consumers";
import { DomainError, openUserService } from "@otas/core";

const [email, firstName, lastName] = process.argv.slice(2);
const password = (await text(process.stdin)).replace(/\r?\n$/, ""); // never in argv
const users = await openUserService(); // DATABASE_URL's database, migrations applied
try {
  const { user } = await users.createUser({
    first_name: firstName,
    last_name: lastName,
    email,
    password,
  });
  console.log(`created ${user.email} (${user.id})`);
} catch (error) {
  if (!(error instanceof DomainError)) throw error;
  console.error(error.message); // the contract's code: user_already_exists, missing_fields: …
  process.exitCode = 1;
} finally {
  await users.close();
}
