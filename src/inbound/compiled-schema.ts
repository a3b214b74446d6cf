import { z } from "zod";

/**
 * A request schema with zod's ahead-of-time compiled fast path (`z.compile`): a valid body is
 * checked by generated code instead of the schema walk, and an invalid one falls back to the
 * walk, so errors are the same. A 60-message chat request with 8 tools validates about three
 * times faster (see docs/performance.md, Schema compilation).
 *
 * Strict: a schema zod cannot compile throws here, when the module loads, rather than quietly
 * keeping the slow path. Derive (`extend`, `refine`) before compiling: what is derived from a
 * compiled schema is not compiled.
 */
export function compiledSchema<T extends z.ZodType>(schema: T): T {
  return z.compile(schema, { strict: true });
}
