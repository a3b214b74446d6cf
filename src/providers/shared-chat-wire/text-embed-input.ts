import type { EmbeddingRequest } from "../../contract/embedding.js";
import { unsupportedFeature } from "./unsupported-feature.js";

/** The texts to embed, for a provider (`vendor`) that takes no token arrays. */
export function textEmbedInput(request: EmbeddingRequest, vendor: string): string[] {
  const input = request.input;
  if (!input.every((item): item is string => typeof item === "string")) {
    throw unsupportedFeature(`${vendor} embeds text only; token arrays are not supported.`, "input");
  }
  return input;
}
