import { writeFile } from "node:fs/promises";
import { join } from "node:path";

/** A generated import file and what importing it must report. */
export interface GeneratedImport {
  path: string;
  rows: number;
  /** Rows that create a user on the first run. */
  valid: number;
  /** Rows whose email an earlier row of the same file already uses. */
  repeated: number;
  /** The expected `reason` of every invalid row, by its reported row number. */
  invalidReasons: Map<number, string>;
  /** A valid user whose password needs CSV quoting, to log in with afterwards. */
  quotedPasswordUser: { email: string; password: string };
}

type Kind = "valid" | "bad_email" | "no_password" | "broken_record" | "short_password" | "repeat";

/** Every 100 rows hold 4 invalid ones; row 5 repeats row 4's email, differently spelt. */
function kindOf(index: number): Kind {
  if (index === 5) return "repeat";
  const kinds: Partial<Record<number, Kind>> = {
    11: "bad_email",
    22: "no_password",
    33: "broken_record",
    44: "short_password",
  };
  return kinds[index % 100] ?? "valid";
}

const email = (tag: string, index: number) => `${tag}.${index}@example.com`;
/** A comma and a quote in every password, so CSV quoting is exercised on every row. */
const password = (index: number) => `pw-${index},"q"`;

function csvField(value: string): string {
  return /[",\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvLine(index: number, tag: string, kind: Kind): string {
  const middle = index % 2 === 0 ? "" : `King, "the ${index}th"`;
  const fields = [`Ada ${index}`, middle, `Lovelace ${index}`, email(tag, index), password(index)];
  if (kind === "bad_email") fields[3] = `no-at-sign-${index}.example.com`;
  if (kind === "no_password") fields[4] = "";
  if (kind === "short_password") fields[4] = "12345";
  if (kind === "repeat") fields[3] = `  ${email(tag, index - 1).toUpperCase()} `;
  if (kind === "broken_record") return fields.slice(0, 3).map(csvField).join(",");
  return fields.map(csvField).join(",");
}

function jsonLine(index: number, tag: string, kind: Kind): string {
  if (kind === "broken_record") return `{"first_name": "Ada ${index}", "email": `;
  const user: Record<string, string | null> = {
    first_name: `Ada ${index}`,
    middle_name: index % 2 === 0 ? null : `King ${index}`,
    last_name: `Lovelace ${index}`,
    email: email(tag, index),
    password: password(index),
  };
  if (kind === "bad_email") user.email = `no-at-sign-${index}.example.com`;
  if (kind === "no_password") delete user.password;
  if (kind === "short_password") user.password = "12345";
  if (kind === "repeat") user.email = ` ${email(tag, index - 1).toUpperCase()}`;
  return JSON.stringify(user);
}

const REASONS: Partial<Record<Kind, string>> = {
  bad_email: "invalid_email_format",
  no_password: "missing_fields: password",
  short_password: "password_too_short",
};

/**
 * Writes `rows` users to `dir/<tag>.<format>` (CSV with a header row; JSON Lines with a blank
 * line in the middle) with emails unique to `tag`.
 */
export async function writeUsersFile(
  dir: string,
  format: "csv" | "jsonl",
  rows: number,
  tag: string,
): Promise<GeneratedImport> {
  const lines: string[] =
    format === "csv" ? ["first_name,middle_name,last_name,email,password"] : [];
  const invalidReasons = new Map<number, string>();
  let valid = 0;
  let repeated = 0;
  for (let index = 0; index < rows; index += 1) {
    const kind = kindOf(index);
    if (format === "jsonl" && index === Math.floor(rows / 2)) lines.push("");
    lines.push(format === "csv" ? csvLine(index, tag, kind) : jsonLine(index, tag, kind));
    // CSV: the header is row 1; JSON Lines: the line number.
    const row = lines.length;
    if (kind === "valid") valid += 1;
    else if (kind === "repeat") repeated += 1;
    else if (kind === "broken_record") {
      invalidReasons.set(
        row,
        format === "csv" ? "wrong_column_count: expected 5, got 3" : "invalid_json",
      );
    } else invalidReasons.set(row, REASONS[kind] ?? kind);
  }
  const path = join(dir, `${tag}.${format}`);
  await writeFile(path, `${lines.join("\n")}\n`);
  return {
    path,
    rows,
    valid,
    repeated,
    invalidReasons,
    quotedPasswordUser: { email: email(tag, 1), password: password(1) },
  };
}
