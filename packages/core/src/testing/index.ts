export { handMadeToken } from "../auth/hand-made-token.js";
export { publicTables, snapshotTables, type TableSnapshot } from "./database-snapshot.js";
export { type DjangoHashVector, djangoHashVectors } from "./django-hash-vectors.js";
export { createFakeDeps, createRecordingLog, fakeHasher } from "./fake-deps.js";
export {
  fillFileSystem,
  makeUnwritable,
  mountSmallFileSystem,
  type SmallFileSystem,
} from "./file-faults.js";
export {
  createOriginalOtasDatabase,
  type OriginalOtasUser,
  originalOtasOtherTables,
  originalOtasUsers,
} from "./original-otas-database.js";
export { parseRefusal } from "./parse-refusal.js";
export { type PgBouncer, type PgBouncerOptions, startPgBouncer } from "./pgbouncer.js";
export { type Finished, jsonLines, runProcess } from "./run-process.js";
export { querySql } from "./sql.js";
export { type HeldLock, lockUsersTable } from "./table-lock.js";
export {
  createTestDatabase,
  type TestDatabase,
  type TestDatabaseOptions,
} from "./test-database.js";
export { openTestDeps, type TestDeps } from "./test-deps.js";
