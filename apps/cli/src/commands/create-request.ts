import { UsageError } from "../errors.js";
import { readStdin, STDIN_LIMIT_BYTES } from "../read-stdin.js";

/** The field flags of `create`, as commander hands them over. */
export interface CreateFlags {
  firstName?: string;
  middleName?: string;
  lastName?: string;
  email?: string;
  password?: string;
  stdin?: true;
}

/** Where the user to create comes from. */
export type RequestSource = "flags" | "stdin";

/**
 * The one rule, also stated in `create --help`: the JSON object on standard input is read when
 * `--stdin` is given, or when no field flag is given and standard input is not a terminal.
 * Otherwise the flags are the request. Mixing `--stdin` with field flags is a usage error.
 */
export function requestSource(flags: CreateFlags, stdinIsTerminal: boolean): RequestSource {
  const anyField = Object.keys(fieldsFromFlags(flags)).length > 0;
  if (flags.stdin === true && anyField) {
    throw new UsageError("--stdin reads the whole user from standard input: drop the field flags");
  }
  if (flags.stdin === true || (!anyField && !stdinIsTerminal)) return "stdin";
  if (!anyField) {
    throw new UsageError(
      "no user given: pass --first-name, --last-name, --email and --password, or pipe a JSON object",
    );
  }
  return "flags";
}

/**
 * The request body as core will validate it. Flags map to the contract's field names (absent
 * flags stay absent, so core reports them as `missing_fields`); stdin text that is not JSON
 * becomes `undefined`, which core reports as `invalid_json`, exactly like the REST API.
 */
export async function readCreateRequest(
  source: RequestSource,
  flags: CreateFlags,
): Promise<unknown> {
  if (source === "flags") return fieldsFromFlags(flags);
  const text = await readStdin();
  if (text === undefined) {
    throw new UsageError(
      `standard input holds more than ${STDIN_LIMIT_BYTES} bytes; create takes one user (use import for many)`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function fieldsFromFlags(flags: CreateFlags): Record<string, string> {
  const fields: Record<string, string> = {};
  const pairs = [
    ["first_name", flags.firstName],
    ["middle_name", flags.middleName],
    ["last_name", flags.lastName],
    ["email", flags.email],
    ["password", flags.password],
  ] as const;
  for (const [name, value] of pairs) if (value !== undefined) fields[name] = value;
  return fields;
}
