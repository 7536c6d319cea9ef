import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** A password hash made by Django, with its password (see the README beside the fixture). */
export interface DjangoHashVector {
  hasher: "argon2" | "bcrypt_sha256" | "scrypt";
  made_by: string;
  password: string;
  encoded: string;
  note?: string;
}

/** The vectors file; outside src/ so the same path works from src/testing and dist/testing. */
const vectorsFile = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../test-fixtures/django-hashers/vectors.json",
);

/** Django-made hashes of its argon2, bcrypt_sha256 and scrypt hashers, and a wrong password. */
export function djangoHashVectors(): { wrongPassword: string; vectors: DjangoHashVector[] } {
  const file = JSON.parse(readFileSync(vectorsFile, "utf8")) as {
    wrong_password: string;
    vectors: DjangoHashVector[];
  };
  return { wrongPassword: file.wrong_password, vectors: file.vectors };
}
