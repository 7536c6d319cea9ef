import type { Endpoint } from "./arbitraries.js";

/** Text that must never reach a client: stack frames, the ORM, SQL, bcrypt hashes. */
const FORBIDDEN = ["at ", "prisma", "SELECT", "INSERT", "$2b$", "$bcrypt-sha256$"];

/** What no stored name or email may hold: control characters and lone surrogates. */
const UNSTORABLE = /[\p{Cc}\p{Cs}]/u;

/** Why an answer is not acceptable, or null when it is. */
export function problemWith(
  endpoint: Endpoint,
  status: number,
  text: string,
  secrets: readonly string[],
): string | null {
  if (status < 200 || status >= 500 || (status >= 300 && status < 400)) return `status ${status}`;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return "not JSON";
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return "not an object";
  const body = json as Record<string, unknown>;
  const shape = endpoint.kind === "login" ? loginProblem(body) : envelopeProblem(body);
  if (shape !== null) return shape;
  if ((body.status === 1) !== (status === 200)) return `status ${status} with body ${text}`;
  const user = userOf(body.response_body ?? body.response);
  if (Object.values(user).some((value) => typeof value === "string" && UNSTORABLE.test(value))) {
    return "a user holding control characters or lone surrogates";
  }
  // The user object echoes what was sent; everything else must be free of internals.
  const { response_body, response, ...rest } = body;
  const outside = JSON.stringify({ ...rest, token: tokenOf(response_body ?? response) });
  for (const word of FORBIDDEN)
    if (outside.includes(word)) return `contains ${JSON.stringify(word)}`;
  for (const secret of secrets) if (text.includes(secret)) return "contains a password";
  return null;
}

function userOf(result: unknown): Record<string, unknown> {
  const user =
    typeof result === "object" && result !== null ? (result as { user?: unknown }).user : null;
  return typeof user === "object" && user !== null ? (user as Record<string, unknown>) : {};
}

function tokenOf(result: unknown): unknown {
  return typeof result === "object" && result !== null
    ? (result as { jwt_token?: unknown }).jwt_token
    : null;
}

function envelopeProblem(body: Record<string, unknown>): string | null {
  const keys = Object.keys(body).sort().join(",");
  if (keys !== "response_body,status,status_description") return `envelope keys ${keys}`;
  if (typeof body.status_description !== "string") return "status_description not a string";
  if (body.status === 0 && body.response_body !== null) return "error with a response_body";
  if (body.status !== 0 && body.status !== 1) return `status ${String(body.status)}`;
  return null;
}

function loginProblem(body: Record<string, unknown>): string | null {
  const keys = Object.keys(body).sort().join(",");
  if (body.status === 1) {
    if (keys !== "response,status,status_description") return `login keys ${keys}`;
    return body.status_description === "login_success" ? null : "bad login success";
  }
  if (keys !== "status,status_description") return `login failure keys ${keys}`;
  return ["login_failed", "rate_limited"].includes(String(body.status_description))
    ? null
    : `login failure ${String(body.status_description)}`;
}
