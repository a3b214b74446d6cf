/**
 * A batch write that failed after storing its first `written` records. Whoever retries the
 * batch retries only the rest, so a retry never stores a record twice.
 */
export class PartialWriteError extends Error {
  constructor(
    readonly written: number,
    cause: unknown,
  ) {
    super(`The write failed after ${written} records were stored: ${errorMessage(cause)}`, { cause });
    this.name = "PartialWriteError";
  }
}

function errorMessage(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}
