import { GatewayError } from "../../contract/errors.js";

/** A request asks for what the provider cannot do; `param` names the field at fault. */
export function unsupportedFeature(message: string, param: string): GatewayError {
  return new GatewayError("unsupported_feature", message, { param });
}
