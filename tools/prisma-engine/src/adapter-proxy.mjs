/**
 * Returns a view of a driver adapter (or transaction) with some methods replaced. A proxy rather
 * than a subclass or `Object.create`, because the adapters keep state in private class fields,
 * which only work when methods run with the original object as `this`.
 * @template {object} T
 * @param {T} target
 * @param {Partial<Record<keyof T, Function>>} overrides
 * @returns {T}
 */
export function overrideMethods(target, overrides) {
  return new Proxy(target, {
    get(object, property) {
      if (Object.hasOwn(overrides, property)) return overrides[/** @type {keyof T} */ (property)];
      const value = Reflect.get(object, property, object);
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}

const readsMigrationsTable = /\bfrom\s+(?:["`]?\w+["`]?\.)?["`]?_prisma_migrations\b/i;

/**
 * Gap 1: on a fresh database the wasm engine's read of `_prisma_migrations` fails with
 * TableDoesNotExist (surfacing as P1014), where the native engine treats a missing table as
 * "not initialised yet". Answer exactly that read with an empty result, on the connection and on
 * the transactions it starts.
 * @template {import("@prisma/driver-adapter-utils").SqlQueryable} T
 * @param {T} queryable
 * @returns {T}
 */
export function withMissingMigrationsTableAsEmpty(queryable) {
  /** @param {import("@prisma/driver-adapter-utils").SqlQuery} query */
  const queryRaw = async (query) => {
    try {
      return await queryable.queryRaw(query);
    } catch (error) {
      if (isTableDoesNotExist(error) && readsMigrationsTable.test(query.sql)) {
        return { columnNames: [], columnTypes: [], rows: [] };
      }
      throw error;
    }
  };
  if (!("startTransaction" in queryable)) return overrideMethods(queryable, { queryRaw });
  const adapter = /** @type {import("@prisma/driver-adapter-utils").SqlDriverAdapter} */ (
    queryable
  );
  /** @param {import("@prisma/driver-adapter-utils").IsolationLevel} [level] */
  const startTransaction = async (level) =>
    withMissingMigrationsTableAsEmpty(await adapter.startTransaction(level));
  return overrideMethods(queryable, { queryRaw, startTransaction });
}

/**
 * @param {unknown} error
 * @returns {boolean}
 */
function isTableDoesNotExist(error) {
  return (
    error instanceof Error &&
    error.name === "DriverAdapterError" &&
    /** @type {{ cause?: { kind?: string } }} */ (error).cause?.kind === "TableDoesNotExist"
  );
}
