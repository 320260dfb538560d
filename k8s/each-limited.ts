// Many API calls with a bounded number in flight (thousands of status writes, bench set-ups):
// enough to keep the apiserver busy, few enough not to queue up behind its limits.

/** Runs fn over items with at most `limit` calls in flight; stops taking new items after a failure. */
export async function eachLimited<T>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      try {
        await fn(items[next++]!);
      } catch (err) {
        failed = true;
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
