import { providerTypesWithField } from "./provider-schema.js";

/**
 * `providers.aws (type "openai"): unknown field "region" — it belongs to type "bedrock"`: a field
 * refused in a provider entry, with the entry's type and the type the field is for, if any.
 * Undefined when the path is not a provider entry or the entry's type is unknown.
 */
export function describeUnknownProviderFields(
  path: ReadonlyArray<PropertyKey>,
  keys: readonly string[],
  entry: unknown,
): string | undefined {
  if (path.length !== 2 || path[0] !== "providers") return undefined;
  const type = entry !== null && typeof entry === "object" ? (entry as { type?: unknown }).type : undefined;
  if (typeof type !== "string") return undefined;
  const fields = keys.map((key) => {
    const owners = providerTypesWithField(key);
    if (owners.length === 0) return `unknown field "${key}"`;
    const ownerList = owners.map((owner) => `"${owner}"`).join(", ");
    return `unknown field "${key}" — it belongs to type${owners.length > 1 ? "s" : ""} ${ownerList}`;
  });
  return `providers.${String(path[1])} (type "${type}"): ${fields.join("; ")}`;
}
