import jwt from "jsonwebtoken";
import { describe, expect, it } from "vitest";
import { DomainError } from "../errors/domain-error.js";
import { createFakeDeps, fakeHasher } from "../testing/fake-deps.js";
import { parseInput } from "../validation/domain-error-from-issues.js";
import { createUser } from "./create-user.js";
import { createUserInput } from "./create-user.schema.js";

function setup() {
  const fake = createFakeDeps();
  const create = (body: unknown) => createUser(parseInput(createUserInput, body), fake.deps);
  return { ...fake, create };
}

const body = {
  first_name: " Ada ",
  last_name: "Lovelace",
  email: " Ada@Example.com ",
  password: "secret1",
};

describe("createUser", () => {
  it("stores the normalised user and returns the contract's user object and a token", async () => {
    const { users, create, secret } = setup();
    const result = await create(body);
    expect(result.user).toEqual({
      id: "00000000-0000-4000-8000-000000000001",
      first_name: "Ada",
      middle_name: "",
      last_name: "Lovelace",
      email: "ada@example.com",
      created_at: "2026-04-16T10:00:00.123456+00:00",
      updated_at: "2026-04-16T10:00:00.123456+00:00",
    });
    const claims = jwt.verify(result.jwt_token, secret, {
      algorithms: ["HS256"],
      clockTimestamp: Date.parse("2026-04-16T10:00:00Z") / 1000,
    });
    expect(claims).toMatchObject({ user_id: result.user.id, email: "ada@example.com" });
    const stored = await users.findCredentialsByEmail("ada@example.com");
    expect(stored?.passwordHash).toBe(await fakeHasher.hash("secret1"));
  });

  it("refuses a second account for the same email in another case or spacing", async () => {
    const { users, create } = setup();
    await create(body);
    await expect(create({ ...body, email: "ADA@EXAMPLE.COM  " })).rejects.toEqual(
      new DomainError("user_already_exists", undefined, undefined, { fields: ["email"] }),
    );
    expect(users.size()).toBe(1);
  });

  it("stores an absent or empty middle name as the original does, ''", async () => {
    const { users, create } = setup();
    const result = await create({ ...body, middle_name: "   " });
    expect(result.user.middle_name).toBe("");
    expect((await users.findById(result.user.id))?.middleName).toBe("");
    const other = await create({ ...body, email: "other@example.com" }); // no middle_name
    expect((await users.findById(other.user.id))?.middleName).toBe("");
  });
});
