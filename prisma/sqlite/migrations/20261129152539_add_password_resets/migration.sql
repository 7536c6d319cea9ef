-- CreateTable
CREATE TABLE "password_reset_tokens" (
    "user_id" TEXT NOT NULL PRIMARY KEY,
    "token_digest" TEXT NOT NULL,
    "password_fingerprint" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "expires_at" DATETIME NOT NULL,
    "used_at" DATETIME,
    CONSTRAINT "password_reset_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "session_cutoffs" (
    "user_id" TEXT NOT NULL PRIMARY KEY,
    "not_before" DATETIME NOT NULL,
    CONSTRAINT "session_cutoffs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "password_reset_tokens_token_digest_key" ON "password_reset_tokens"("token_digest");
