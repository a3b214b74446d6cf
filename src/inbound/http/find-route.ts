/**
 * The methods of the route for a path: an exact entry, or else one whose pattern has `:name`
 * segments (`/admin/keys/:id`) that match the path segment by segment. Handlers read the
 * parameters from the path themselves.
 */
export function findRoute<Methods>(routes: ReadonlyMap<string, Methods>, path: string): Methods | undefined {
  const exact = routes.get(path);
  if (exact) return exact;
  const segments = path.split("/");
  for (const [pattern, methods] of routes) {
    if (!pattern.includes("/:")) continue;
    const parts = pattern.split("/");
    if (parts.length !== segments.length) continue;
    if (
      parts.every((part, index) => (part.startsWith(":") ? (segments[index] ?? "") !== "" : part === segments[index]))
    ) {
      return methods;
    }
  }
  return undefined;
}
