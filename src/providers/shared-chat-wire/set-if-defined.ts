/** Writes `key` only when there is a value, so a body carries no field the client left out. */
export function setIfDefined(target: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) target[key] = value;
}
