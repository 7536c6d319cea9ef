-- CreateTable
CREATE TABLE "rate_limit_hits" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "count" INTEGER NOT NULL,
    "reset_at" DATETIME NOT NULL
);
