-- CreateTable
CREATE TABLE "reset_mail_outbox" (
    "id" UUID NOT NULL,
    "request_id" VARCHAR(100) NOT NULL,
    "email" VARCHAR(254) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL,
    "due_at" TIMESTAMPTZ(6) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "claim" UUID,
    "token_digest" VARCHAR(64),
    "sealed_mail" TEXT,
    "expires_at" TIMESTAMPTZ(6),
    "last_error" VARCHAR(300),

    CONSTRAINT "reset_mail_outbox_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "reset_mail_outbox_due_at_idx" ON "reset_mail_outbox"("due_at");
