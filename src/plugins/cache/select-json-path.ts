/**
 * A small JSONPath subset for cache-key selectors: `$`, `.name`, `['name']`, `[2]`, `[-1]`,
 * `[1:3]`, `[-2:]` and `[*]`. Returns every value the path reaches, in order.
 */
export function selectJsonPath(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  for (const step of parseJsonPath(path)) {
    const next: unknown[] = [];
    for (const value of current) next.push(...applyStep(value, step));
    current = next;
  }
  return current;
}

type PathStep =
  | { kind: "field"; name: string }
  | { kind: "index"; index: number }
  | { kind: "slice"; start?: number; end?: number }
  | { kind: "all" };

const STEP = /^(?:\.([A-Za-z_$][\w$-]*)|\.\*|\[\*\]|\['([^']*)'\]|\["([^"]*)"\]|\[(-?\d+)\]|\[(-?\d*):(-?\d*)\])/;

/** Parses a selector; throws with the position of the first step it does not understand. */
export function parseJsonPath(path: string): PathStep[] {
  if (!path.startsWith("$")) throw new Error(`"${path}" must start with $`);
  const steps: PathStep[] = [];
  let rest = path.slice(1);
  while (rest.length > 0) {
    const match = STEP.exec(rest);
    if (!match) throw new Error(`"${path}": cannot read "${rest}"`);
    const [whole, dotName, singleQuoted, doubleQuoted, index, sliceStart, sliceEnd] = match;
    if (dotName !== undefined) steps.push({ kind: "field", name: dotName });
    else if (singleQuoted !== undefined) steps.push({ kind: "field", name: singleQuoted });
    else if (doubleQuoted !== undefined) steps.push({ kind: "field", name: doubleQuoted });
    else if (index !== undefined) steps.push({ kind: "index", index: Number(index) });
    else if (sliceStart !== undefined || sliceEnd !== undefined) {
      steps.push({
        kind: "slice",
        start: sliceStart ? Number(sliceStart) : undefined,
        end: sliceEnd ? Number(sliceEnd) : undefined,
      });
    } else steps.push({ kind: "all" });
    rest = rest.slice(whole.length);
  }
  return steps;
}

function applyStep(value: unknown, step: PathStep): unknown[] {
  if (value === null || typeof value !== "object") return [];
  if (step.kind === "field") {
    const field = (value as Record<string, unknown>)[step.name];
    return field === undefined ? [] : [field];
  }
  if (step.kind === "all") return Array.isArray(value) ? value : Object.values(value);
  if (!Array.isArray(value)) return [];
  if (step.kind === "index") {
    const item = value.at(step.index);
    return item === undefined ? [] : [item];
  }
  return value.slice(step.start, step.end);
}
