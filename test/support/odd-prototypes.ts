/**
 * The paths of objects in `value` whose prototype is not the ordinary one (Object.prototype,
 * Array.prototype, or none). A JSON body's own "__proto__" key, copied with a plain assignment
 * or Object.assign, turns up here as the copy's prototype.
 */
export function oddPrototypes(value: unknown, path = "$"): string[] {
  if (value === null || typeof value !== "object") return [];
  const prototype = Object.getPrototypeOf(value);
  const own = prototype === Object.prototype || prototype === Array.prototype || prototype === null ? [] : [path];
  return own.concat(...Object.entries(value).map(([key, inner]) => oddPrototypes(inner, `${path}.${key}`)));
}
