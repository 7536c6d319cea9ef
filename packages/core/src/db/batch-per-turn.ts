/**
 * Reads the keys asked for during one turn of the event loop in one load. The first ask of a turn
 * schedules the load for the end of that turn (`setImmediate`, after the turn's I/O has been
 * handled); the asks made until then join it, a key asked twice is loaded once, and a batch above
 * `maxKeys` is split. Nothing is kept between turns: a load starts after every ask it answers, so
 * each ask sees what was committed before it was made, as a query of its own would.
 *
 * Under load this turns the token checks of requests that arrived together into one query: one
 * round trip and one wake-up of the database for all of them instead of one each.
 */
export function batchPerTurn<Value>(
  load: (keys: string[]) => Promise<ReadonlyMap<string, Value>>,
  maxKeys = 100,
): (key: string) => Promise<Value | undefined> {
  type Waiter = { resolve: (value: Value | undefined) => void; reject: (error: unknown) => void };
  let pending: Map<string, Waiter[]> | null = null;

  const run = (batch: Map<string, Waiter[]>, keys: string[]) => {
    const settle = (each: (waiter: Waiter, key: string) => void) => {
      for (const key of keys) for (const waiter of batch.get(key) ?? []) each(waiter, key);
    };
    Promise.resolve()
      .then(() => load(keys))
      .then(
        (found) => settle((waiter, key) => waiter.resolve(found.get(key))),
        (error: unknown) => settle((waiter) => waiter.reject(error)),
      );
  };

  const flush = (batch: Map<string, Waiter[]>) => {
    const keys = [...batch.keys()];
    for (let start = 0; start < keys.length; start += maxKeys) {
      run(batch, keys.slice(start, start + maxKeys));
    }
  };

  return (key) =>
    new Promise((resolve, reject) => {
      let batch = pending;
      if (batch === null) {
        const opened = new Map<string, Waiter[]>();
        pending = batch = opened;
        setImmediate(() => {
          pending = null;
          flush(opened);
        });
      }
      const waiters = batch.get(key);
      if (waiters === undefined) batch.set(key, [{ resolve, reject }]);
      else waiters.push({ resolve, reject });
    });
}
