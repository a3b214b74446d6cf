/** A provider entry that cannot be built; the message names the config field. */
export class ProviderConfigError extends Error {
  constructor(providerName: string, field: string, problem: string) {
    super(`providers.${providerName}.${field}: ${problem}`);
    this.name = "ProviderConfigError";
  }
}
