-- CreateTable
CREATE TABLE "rate_limit_hits" (
    "key" VARCHAR(300) NOT NULL,
    "count" INTEGER NOT NULL,
    "reset_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "rate_limit_hits_pkey" PRIMARY KEY ("key")
);
