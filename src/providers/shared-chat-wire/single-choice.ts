import type { SamplingParameters } from "../../contract/chat-request.js";
import { unsupportedFeature } from "./unsupported-feature.js";

/** Refuses n > 1 for a provider (`vendor`, as clients know it) that answers with one choice per request. */
export function refuseSeveralChoices(sampling: SamplingParameters, vendor: string): void {
  if (sampling.n !== undefined && sampling.n > 1) {
    throw unsupportedFeature(`${vendor} returns one choice per request; n greater than 1 is not supported.`, "n");
  }
}
