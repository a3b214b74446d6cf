/**
 * The fields of a wire object that have no canonical home (not in `known`), copied into a new
 * object to ride along as provider options or provider metadata; undefined when there are none.
 *
 * A `__proto__` key is left out: JSON.parse makes it an own key, and assigned to the copy it
 * would become the copy's prototype. A loop instead of Object.entries: no array per field on
 * every request.
 */
export function extraFields(wire: object, known: ReadonlySet<string>): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const key in wire) {
    if (known.has(key) || key === "__proto__" || !Object.hasOwn(wire, key)) continue;
    extra ??= {};
    extra[key] = (wire as Record<string, unknown>)[key];
  }
  return extra;
}
