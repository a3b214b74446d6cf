import { describe, expect, it } from "vitest";
import { definePlugin, type PluginDefinition, type PluginServices } from "../contract/plugin.js";
import { loadPlugins } from "./load-plugins.js";

const services: PluginServices = {
  configDirectory: ".",
  logger: { info() {}, warn() {}, error() {} },
  models: { chat: () => Promise.reject(new Error("unused")), embed: () => Promise.reject(new Error("unused")) },
};

function load(definition: PluginDefinition<unknown>, timeoutMs?: number) {
  const builtins = new Map([["p", () => Promise.resolve(definition)]]);
  return loadPlugins([{ use: "p", enabled: true, with: {}, timeoutMs }], "plugins", builtins, services);
}

const noop = () => {};

describe("loadPlugins", () => {
  it("names the hooks after their definition", async () => {
    const [plugin] = await load(definePlugin({ name: "once", apiVersion: 1, create: () => ({ onRequest: noop }) }));
    expect(plugin?.name).toBe("once");
  });

  it("keeps a class-based plugin's own object, with its `this`", async () => {
    class Counter {
      #count = 0;
      onRequest() {
        this.#count++;
      }
      get count() {
        return this.#count;
      }
    }
    const counter = new Counter();
    const [plugin] = await load(definePlugin({ name: "counter", create: () => counter }));
    expect(plugin).toBe(counter);
    plugin?.onRequest?.({} as never);
    expect(counter.count).toBe(1);
  });

  it("still loads the old shape that repeats the same name in create()'s result", async () => {
    const [plugin] = await load(definePlugin({ name: "twice", create: () => ({ name: "twice", onRequest: noop }) }));
    expect(plugin?.name).toBe("twice");
  });

  it("refuses hooks named differently from their definition, saying what to change", async () => {
    await expect(load(definePlugin({ name: "a", create: () => ({ name: "b", onRequest: noop }) }))).rejects.toThrow(
      `plugins[0]: plugin "a"'s create() returns hooks named "b"; leave \`name\` out of the object create() returns: definePlugin's name ("a") is the plugin's name.`,
    );
  });

  it("names a frozen object's hooks by copying them", async () => {
    const [plugin] = await load(definePlugin({ name: "frozen", create: () => Object.freeze({ onRequest: noop }) }));
    expect(plugin?.name).toBe("frozen");
    expect(plugin?.onRequest).toBeTypeOf("function");
  });

  it("refuses a plugin written for another API version, naming it and both versions", async () => {
    await expect(load(definePlugin({ name: "future", apiVersion: 2, create: () => ({}) }))).rejects.toThrow(
      'plugins[0]: plugin "future" is written for plugin API version 2, but this gateway supports version 1; ' +
        "use a release of the plugin written for version 1, or a gateway that supports version 2.",
    );
    await expect(load({ name: "odd", apiVersion: "1" as never, create: () => ({}) })).rejects.toThrow(
      'plugins[0]: plugin "odd" has apiVersion "1"; set apiVersion: 1 (a whole number) in its definePlugin({ … }).',
    );
  });

  it("keeps wrapChat through hook timeouts, untimed", async () => {
    const wrapChat = async (_ctx: unknown, next: () => Promise<void>) => next();
    const [plugin] = await load(definePlugin({ name: "w", create: () => ({ wrapChat }) }), 10);
    expect(plugin?.wrapChat).toBeTypeOf("function");
  });
});
