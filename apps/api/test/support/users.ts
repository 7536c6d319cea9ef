import { request } from "./http.js";

let counter = 0;

/** An email no other test uses. */
export function uniqueEmail(tag = "user"): string {
  counter += 1;
  return `${tag}.${counter}.${process.pid}.${Date.now()}@example.com`;
}

/** Registers a user over REST and returns what a client keeps. */
export async function registerUser(baseUrl: string, overrides: Record<string, unknown> = {}) {
  const body = {
    first_name: "Ada",
    middle_name: "King",
    last_name: "Lovelace",
    email: uniqueEmail(),
    password: "secret1",
    ...overrides,
  };
  const res = await request(`${baseUrl}/api/user/v1/create/`, { body });
  if (res.status !== 200) throw new Error(`sign-up failed: ${res.text}`);
  const { user, jwt_token } = (
    res.json as { response_body: { user: Record<string, string>; jwt_token: string } }
  ).response_body;
  return { user, token: jwt_token, email: body.email as string, password: body.password as string };
}
