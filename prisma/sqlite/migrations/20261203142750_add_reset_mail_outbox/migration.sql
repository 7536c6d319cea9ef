-- CreateTable
CREATE TABLE "reset_mail_outbox" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "request_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "due_at" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claim" TEXT,
    "token_digest" TEXT,
    "sealed_mail" TEXT,
    "expires_at" DATETIME,
    "last_error" TEXT
);

-- CreateIndex
CREATE INDEX "reset_mail_outbox_due_at_idx" ON "reset_mail_outbox"("due_at");
