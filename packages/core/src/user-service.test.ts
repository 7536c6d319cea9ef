import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import jwt from "jsonwebtoken";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "./errors/domain-error.js";
import { createTestDatabase } from "./testing/test-database.js";
import { openUserService, type UserService } from "./user-service.js";

describe.each(["sqlite", "postgresql"] as const)(
  "openUserService (the scripts' entry) on %s",
  (provider) => {
    let service: UserService;
    let drop: () => Promise<void>;
    const secret = "script-secret-of-at-least-32-bytes!!";
    beforeAll(async () => {
      const database = await createTestDatabase(provider);
      drop = database.drop;
      service = await openUserService({
        env: {
          DATABASE_URL: database.url,
          JWT_SECRET: secret,
          BCRYPT_ROUNDS: "4",
          DATA_DIR: mkdtempSync(join(tmpdir(), "otas-data-")),
        },
      });
    });
    afterAll(async () => {
      await service?.close();
      await drop?.();
    });

    it("creates a user from a script in a few lines, with a working token", async () => {
      const { user, jwt_token } = await service.createUser({
        first_name: "Script",
        last_name: "User",
        email: "Script@Example.com",
        password: "secret1",
      });
      expect(user.email).toBe("script@example.com");
      expect(jwt.verify(jwt_token, secret)).toMatchObject({ user_id: user.id });
    });

    it("validates like the API", async () => {
      await expect(
        service.createUser({ first_name: "A", last_name: "B", email: "nope", password: "secret1" }),
      ).rejects.toEqual(
        new DomainError("invalid_email_format", undefined, undefined, { fields: ["email"] }),
      );
      await expect(service.createUser({} as never)).rejects.toEqual(
        new DomainError("missing_fields", "first_name, last_name, email, password"),
      );
    });
  },
);
