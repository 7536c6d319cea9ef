-- AlterTable
ALTER TABLE "password_reset_tokens" ALTER COLUMN "created_at" SET DATA TYPE TIMESTAMPTZ(6),
ALTER COLUMN "expires_at" SET DATA TYPE TIMESTAMPTZ(6),
ALTER COLUMN "used_at" SET DATA TYPE TIMESTAMPTZ(6);

-- AlterTable
ALTER TABLE "rate_limit_hits" ALTER COLUMN "reset_at" SET DATA TYPE TIMESTAMPTZ(6);

-- AlterTable
ALTER TABLE "session_cutoffs" ALTER COLUMN "not_before" SET DATA TYPE TIMESTAMPTZ(6);
