/**
 * A typed key for `ctx.state`. Make it once, at module level, and use the same object in every
 * hook: keys are compared by identity, so two plugins that pick the same name never clash.
 */
export interface StateKey<T> {
  /** For reading in a debugger; not what the key is compared by. */
  readonly name: string;
  /** Never set: it only carries the value's type for the type checker. */
  readonly valueType?: () => T;
}

/** A new key for values of type T kept in `ctx.state`. */
export function stateKey<T>(name: string): StateKey<T> {
  return Object.freeze({ name });
}

/**
 * Per-request state shared between a plugin's hooks. At run time a plain Map, so tests may pass
 * `new Map()`; string keys still work but give `unknown` and may clash with another plugin's.
 */
export interface RequestState {
  get<T>(key: StateKey<T>): T | undefined;
  /** @deprecated A string key: make a key once with `stateKey<T>(name)` and pass it instead. */
  get(key: string): unknown;
  set<T>(key: StateKey<T>, value: NoInfer<T>): this;
  /** @deprecated A string key: make a key once with `stateKey<T>(name)` and pass it instead. */
  set(key: string, value: unknown): this;
  has(key: StateKey<unknown> | string): boolean;
  delete(key: StateKey<unknown> | string): boolean;
}
