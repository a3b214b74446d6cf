/**
 * Gemini's `parameters` and `responseSchema` take an OpenAPI-3 subset, and the API answers 400
 * "Unknown name ..." for any other JSON Schema keyword. This keeps the keywords Gemini knows,
 * inlines `$ref`s, and rewrites the common JSON Schema idioms it has its own form for.
 */
type Schema = Record<string, unknown>;

/** Copied as they are (after the rewrites below). */
const KEPT_KEYWORDS = [
  "title",
  "description",
  "nullable",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
  "minLength",
  "maxLength",
  "pattern",
  "example",
  "default",
  "minimum",
  "maximum",
  "propertyOrdering",
] as const;

const STRING_FORMATS = new Set(["enum", "date-time"]);
const NUMBER_FORMATS = new Set(["int32", "int64", "float", "double"]);

/** Cleans a schema for Gemini; undefined when nothing of it is left that Gemini needs. */
export function cleanGeminiSchema(schema: unknown): Schema | undefined {
  if (!isSchema(schema)) return undefined;
  return clean(schema, schema, new Set());
}

function isSchema(value: unknown): value is Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function clean(schema: Schema, root: Schema, resolving: Set<string>): Schema {
  const reference = typeof schema.$ref === "string" ? schema.$ref : undefined;
  if (reference !== undefined) {
    const target = resolveReference(root, reference);
    // A recursive type cannot be inlined; Gemini gets a plain object at the point of recursion.
    if (!target || resolving.has(reference)) return { type: "object" };
    const { $ref: _reference, ...siblings } = schema;
    const inner = new Set(resolving).add(reference);
    return clean(Object.assign({}, target, siblings), root, inner);
  }
  const result: Schema = {};
  applyType(schema.type, result);
  applyUnion(schema, root, resolving, result);
  for (const part of Array.isArray(schema.allOf) ? schema.allOf : []) {
    if (isSchema(part)) mergeInto(result, clean(part, root, resolving));
  }
  applyEnum(schema, result);
  if (typeof schema.format === "string" && formatAllowed(schema.format, result.type)) result.format = schema.format;
  for (const keyword of KEPT_KEYWORDS) if (schema[keyword] !== undefined) result[keyword] = schema[keyword];
  if (isSchema(schema.properties)) {
    const properties: Schema = {};
    for (const [name, property] of Object.entries(schema.properties)) {
      properties[name] = isSchema(property) ? clean(property, root, resolving) : {};
    }
    result.properties = Object.assign({}, result.properties as Schema | undefined, properties);
  }
  const items = Array.isArray(schema.items) ? schema.items[0] : schema.items;
  if (isSchema(items)) result.items = clean(items, root, resolving);
  if (Array.isArray(schema.required)) {
    const known = isSchema(result.properties) ? result.properties : {};
    const required = schema.required.filter(
      (name): name is string => typeof name === "string" && Object.hasOwn(known, name),
    );
    if (required.length > 0) result.required = [...new Set([...((result.required as string[]) ?? []), ...required])];
  }
  return result;
}

function resolveReference(root: Schema, reference: string): Schema | undefined {
  const match = /^#\/(\$defs|definitions)\/(.+)$/.exec(reference);
  if (!match?.[1] || !match[2]) return undefined;
  const definitions = root[match[1]];
  const name = decodeURIComponent(match[2].replaceAll("~1", "/").replaceAll("~0", "~"));
  return isSchema(definitions) && isSchema(definitions[name]) ? definitions[name] : undefined;
}

/** `type: ["string","null"]` becomes `type: "string", nullable: true`; several types become anyOf. */
function applyType(type: unknown, result: Schema): void {
  if (typeof type === "string") {
    if (type === "null") result.nullable = true;
    else result.type = type;
    return;
  }
  if (!Array.isArray(type)) return;
  const types = type.filter((item): item is string => typeof item === "string" && item !== "null");
  if (types.length < type.length) result.nullable = true;
  if (types.length === 1) result.type = types[0];
  else if (types.length > 1) result.anyOf = types.map((item) => ({ type: item }));
}

/** oneOf is read as anyOf; a `{type:"null"}` branch becomes nullable; a single branch left is inlined. */
function applyUnion(schema: Schema, root: Schema, resolving: Set<string>, result: Schema): void {
  const branches = [
    ...(Array.isArray(schema.anyOf) ? schema.anyOf : []),
    ...(Array.isArray(schema.oneOf) ? schema.oneOf : []),
  ].filter(isSchema);
  if (branches.length === 0) return;
  const kept = branches.filter((branch) => branch.type !== "null");
  if (kept.length < branches.length) result.nullable = true;
  const cleaned = kept.map((branch) => clean(branch, root, resolving));
  if (cleaned.length === 1 && cleaned[0]) mergeInto(result, cleaned[0]);
  else if (cleaned.length > 1) result.anyOf = cleaned;
}

/** Gemini enums are lists of strings; `const` is a one-value enum. */
function applyEnum(schema: Schema, result: Schema): void {
  const values = Array.isArray(schema.enum) ? schema.enum : schema.const !== undefined ? [schema.const] : undefined;
  if (!values) return;
  if (values.includes(null)) result.nullable = true;
  const strings = values.filter((value) => value !== null);
  if (strings.length > 0 && strings.every((value) => typeof value === "string")) {
    result.enum = strings;
    result.type ??= "string";
  }
}

function formatAllowed(format: string, type: unknown): boolean {
  if (type === "string") return STRING_FORMATS.has(format);
  if (type === "number" || type === "integer") return NUMBER_FORMATS.has(format);
  return false;
}

/** allOf parts and single union branches: properties and required are unioned, other keywords kept first-come. */
function mergeInto(target: Schema, source: Schema): void {
  for (const [key, value] of Object.entries(source)) {
    if (key === "properties" && isSchema(value)) {
      target.properties = Object.assign({}, isSchema(target.properties) ? target.properties : undefined, value);
    } else if (key === "required" && Array.isArray(value)) {
      target.required = [...new Set([...(Array.isArray(target.required) ? target.required : []), ...value])];
    } else if (target[key] === undefined) {
      target[key] = value;
    }
  }
}
