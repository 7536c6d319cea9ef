import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { ResetMailContent } from "./reset-mail-outbox.js";

/** Seals a reset mail's content for the outbox, and opens it to send it. */
export interface MailSealer {
  /** The content encrypted and authenticated, bound to `binding` (e.g. the entry it is stored in). */
  seal(content: ResetMailContent, binding: string): string;
  /**
   * The content sealed with the same key and binding.
   * @throws Error when it was sealed with another key (JWT_SECRET changed), for another binding,
   *   or altered.
   */
  open(sealed: string, binding: string): ResetMailContent;
}

const FORMAT = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * A {@link MailSealer} with AES-256-GCM under a key derived from `secret` (JWT_SECRET) by HKDF-SHA256
 * for this one purpose. A copy of the database without the secret holds no usable reset link;
 * whoever has the secret can already sign tokens for any account, so it adds nothing to theirs.
 * A fresh random IV per message; `binding` is authenticated data, so a sealed mail moved to
 * another row (or another token) does not open.
 */
export function createMailSealer(secret: string): MailSealer {
  const key = Buffer.from(
    hkdfSync("sha256", secret, "otas-user-service", "reset-mail-outbox v1", 32),
  );
  return {
    seal(content, binding) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv).setAAD(Buffer.from(binding, "utf8"));
      const plain = JSON.stringify({
        mailbox: content.mailbox,
        firstName: content.firstName,
        link: content.link,
      });
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return `${FORMAT}.${Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url")}`;
    },
    open(sealed, binding) {
      const [format, data] = sealed.split(".");
      const bytes = Buffer.from(data ?? "", "base64url");
      if (format !== FORMAT || bytes.length < IV_BYTES + TAG_BYTES) {
        throw new Error("the sealed mail is not in a known format");
      }
      const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES))
        .setAAD(Buffer.from(binding, "utf8"))
        .setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      let plain: string;
      try {
        plain = Buffer.concat([
          decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
          decipher.final(),
        ]).toString("utf8");
      } catch {
        throw new Error(
          "the sealed mail does not open with this JWT_SECRET (changed since it was stored?)",
        );
      }
      const content = JSON.parse(plain) as Partial<ResetMailContent>;
      const { mailbox, firstName, link } = content;
      if (
        typeof mailbox !== "string" ||
        typeof firstName !== "string" ||
        typeof link !== "string"
      ) {
        throw new Error("the sealed mail's content is incomplete");
      }
      return { mailbox, firstName, link };
    },
  };
}
