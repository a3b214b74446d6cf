import { describe, expect, it } from "vitest";
import { PROVIDER_SPECIFICATION_VERSION, type ProviderAdapter } from "../contract/provider-adapter.js";
import { checkSpecificationVersion } from "./create-provider.js";
import { ProviderConfigError } from "./provider-config-error.js";

function adapterOf(specificationVersion: unknown): ProviderAdapter {
  const unused = () => Promise.reject(new Error("not used"));
  return {
    specificationVersion,
    name: "outside",
    type: "outside",
    models: [],
    chat: unused,
    chatStream: unused,
    close: async () => {},
  } as ProviderAdapter;
}

describe("checkSpecificationVersion", () => {
  it("accepts an adapter of this gateway's contract version", () => {
    expect(() => checkSpecificationVersion("main", "outside", adapterOf(PROVIDER_SPECIFICATION_VERSION))).not.toThrow();
  });

  it("refuses an adapter of another version, naming both", () => {
    const check = () => checkSpecificationVersion("main", "outside", adapterOf("switchyard.provider.v0"));
    expect(check).toThrow(ProviderConfigError);
    expect(check).toThrow(
      `providers.main.type: the "outside" adapter implements specificationVersion "switchyard.provider.v0", but this gateway needs "${PROVIDER_SPECIFICATION_VERSION}"`,
    );
  });

  it("refuses an adapter without a version", () => {
    expect(() => checkSpecificationVersion("main", "outside", adapterOf(undefined))).toThrow(
      /implements no specificationVersion/,
    );
  });
});
