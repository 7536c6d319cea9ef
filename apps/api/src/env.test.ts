import { describe, expect, it } from "vitest";
import { loadApiEnv } from "./env.js";

describe("loadApiEnv: mail settings", () => {
  it("takes an smtp:// or smtps:// URL with MAIL_FROM, and defaults the reset-mail limit", () => {
    const env = loadApiEnv({
      SMTP_URL: "smtps://mailer:p%40ss@smtp.example.com:465",
      MAIL_FROM: "OTAS <no-reply@otas.example>",
    });
    expect(env.SMTP_URL).toBe("smtps://mailer:p%40ss@smtp.example.com:465");
    expect([env.RATE_LIMIT_RESET_MAIL_MAX, env.RATE_LIMIT_RESET_MAIL_WINDOW_MS]).toEqual([
      5, 3_600_000,
    ]);
    expect(loadApiEnv({}).SMTP_URL).toBeUndefined();
  });

  it("stops on another scheme, naming the variable but never its credentials", () => {
    const load = () => loadApiEnv({ SMTP_URL: "http://mailer:hunter22@smtp.example.com" });
    expect(load).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(load).not.toThrow(/hunter22/);
  });

  it("requires MAIL_FROM with SMTP_URL", () => {
    expect(() => loadApiEnv({ SMTP_URL: "smtp://smtp.example.com:587" })).toThrow(
      /MAIL_FROM: required with SMTP_URL/,
    );
  });
});
