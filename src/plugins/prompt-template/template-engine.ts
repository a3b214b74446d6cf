import { Liquid } from "liquidjs";

const noFiles = (): never => {
  throw new Error("templates cannot read files ({% include %} and {% render %} are off)");
};

/**
 * A Liquid engine for prompt templates: Liquid runs no JavaScript, and this one also reads no
 * files, fails on unknown variables and filters, sees only own properties, and bounds the
 * time and memory one template may use.
 */
export function createTemplateEngine(): Liquid {
  return new Liquid({
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    relativeReference: false,
    parseLimit: 100_000,
    renderLimit: 1_000,
    memoryLimit: 10_000_000,
    fs: {
      exists: async () => noFiles(),
      existsSync: noFiles,
      readFile: async () => noFiles(),
      readFileSync: noFiles,
      resolve: (_directory, file) => file,
    },
  });
}
