/**
 * Runs `work` on every item of `items`, at most `concurrency` at a time. Items are pulled only
 * when a worker is free, so a huge source is never read ahead of the work. The first error (of
 * the source or of `work`) stops the pulling; it is rethrown once the work in flight settles,
 * so nothing runs on after this returns.
 */
export async function forEachConcurrently<T>(
  items: AsyncIterable<T>,
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.asyncIterator]();
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined) {
      try {
        // Async generators queue concurrent next() calls, so each item goes to one worker.
        const next = await iterator.next();
        if (next.done === true) return;
        await work(next.value);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  if (failure !== undefined) {
    await iterator.return?.();
    throw failure.error;
  }
}
