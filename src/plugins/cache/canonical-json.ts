/**
 * JSON with object keys in sorted order and undefined fields left out, so two requests that
 * mean the same thing produce the same text (and the same cache key) whatever their key order.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalJson(item === undefined ? null : item)).join(",")}]`;
  const record = value as Record<string, unknown>;
  const fields: string[] = [];
  for (const name of Object.keys(record).sort()) {
    const field = record[name];
    if (field === undefined) continue;
    fields.push(`${JSON.stringify(name)}:${canonicalJson(field)}`);
  }
  return `{${fields.join(",")}}`;
}
