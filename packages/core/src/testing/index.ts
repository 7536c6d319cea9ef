export { handMadeToken } from "../auth/hand-made-token.js";
export { createFakeDeps, fakeHasher } from "./fake-deps.js";
export { makeUnwritable } from "./file-faults.js";
export {
  createTestDatabase,
  type TestDatabase,
  type TestDatabaseOptions,
} from "./test-database.js";
