/**
 * A copy of `base` with `fields` set, type-checked like a spread (a misspelt or mistyped field
 * is a compile error) but built with Object.assign: on Node 20 a `{ ...base, field }` literal
 * costs about ten times as much and keeps young objects alive until the next full collection
 * (docs/performance.md, Object-literal shapes), so per-request code uses this.
 */
export function withFields<T extends object>(base: T, fields: Partial<T>): T {
  return Object.assign({}, base, fields);
}
