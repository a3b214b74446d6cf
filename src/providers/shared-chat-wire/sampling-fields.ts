import type { SamplingParameters } from "../../contract/chat-request.js";

/** A provider's wire name for each sampling parameter it takes, in the order they are written. */
export type SamplingFieldNames = ReadonlyArray<readonly [keyof SamplingParameters, string]>;

/** Writes each sampling parameter the client set under the provider's name for it. */
export function setSamplingFields(
  target: Record<string, unknown>,
  sampling: SamplingParameters,
  names: SamplingFieldNames,
): void {
  for (const [parameter, field] of names) {
    const value = sampling[parameter];
    if (value !== undefined) target[field] = value;
  }
}
