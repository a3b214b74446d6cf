/** What an async iterator's `next()` gives once the iterator has ended. */
export const ENDED: IteratorReturnResult<undefined> = { done: true, value: undefined };

/**
 * The source's next result handed to `onRead` (or its failure to `onFailure`) as one promise
 * chain: a stream stage that wraps another needs no async function, whose suspended frame would
 * stay on every open stream between two events. A `next()` that throws at once goes to
 * `onFailure` too, as it would inside an async function.
 */
export function chainNext<Item, Result>(
  source: AsyncIterator<Item>,
  onRead: (read: IteratorResult<Item>) => Result | PromiseLike<Result>,
  onFailure: (error: unknown) => never,
): Promise<Result> {
  try {
    return source.next().then(onRead, onFailure);
  } catch (error) {
    return Promise.reject(error).catch(onFailure);
  }
}
