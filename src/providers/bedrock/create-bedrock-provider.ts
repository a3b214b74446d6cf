import { UpstreamClient } from "../../outbound/upstream-client.js";
import { ProviderConfigError } from "../provider-config-error.js";
import type { ProviderFactory } from "../provider-factory.js";
import { splitBaseUrl } from "../split-base-url.js";
import { BedrockAdapter } from "./adapter.js";
import type { BedrockConfig } from "./config.js";
import { type BedrockAuthorizer, bearerAuthorizer, sigV4Authorizer } from "./sign-request.js";

/**
 * AWS Bedrock Runtime. Region: config.region, else AWS_REGION / AWS_DEFAULT_REGION. Auth, first
 * found wins: config.apiKey (a Bedrock API key, sent as a bearer token), config.accessKeyId +
 * secretAccessKey (+ sessionToken), env AWS_BEARER_TOKEN_BEDROCK, env AWS_ACCESS_KEY_ID +
 * AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN).
 */
export const createBedrockProvider: ProviderFactory<BedrockConfig> = (name, config, env) => {
  const region = config.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const authorize = bedrockAuthorizer(name, config, env, region);
  if (!config.baseUrl && !region) {
    throw new ProviderConfigError(name, "region", "required for Bedrock (or set AWS_REGION or AWS_DEFAULT_REGION)");
  }
  const url = new URL(config.baseUrl ?? `https://bedrock-runtime.${region}.amazonaws.com`);
  const base = splitBaseUrl(url.href);
  return new BedrockAdapter({
    name,
    type: config.type,
    models: config.models,
    client: new UpstreamClient(name, base.origin, config.timeouts, config.maxConnections),
    host: url.host,
    basePath: base.basePath,
    query: config.query,
    headers: config.headers,
    authorize,
  });
};

function bedrockAuthorizer(
  name: string,
  config: BedrockConfig,
  env: NodeJS.ProcessEnv,
  region: string | undefined,
): BedrockAuthorizer {
  if (config.apiKey) return bearerAuthorizer(config.apiKey);
  const signing = (accessKeyId: string, secretAccessKey: string, sessionToken: string | undefined) => {
    if (!region) {
      throw new ProviderConfigError(
        name,
        "region",
        "required to sign requests (or set AWS_REGION or AWS_DEFAULT_REGION)",
      );
    }
    return sigV4Authorizer({ accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }, region);
  };
  if (config.accessKeyId || config.secretAccessKey) {
    if (!config.accessKeyId) throw new ProviderConfigError(name, "accessKeyId", "required with secretAccessKey");
    if (!config.secretAccessKey) throw new ProviderConfigError(name, "secretAccessKey", "required with accessKeyId");
    return signing(config.accessKeyId, config.secretAccessKey, config.sessionToken);
  }
  if (env.AWS_BEARER_TOKEN_BEDROCK) return bearerAuthorizer(env.AWS_BEARER_TOKEN_BEDROCK);
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return signing(env.AWS_ACCESS_KEY_ID, env.AWS_SECRET_ACCESS_KEY, config.sessionToken ?? env.AWS_SESSION_TOKEN);
  }
  throw new ProviderConfigError(
    name,
    "accessKeyId",
    "Bedrock needs credentials: accessKeyId and secretAccessKey (or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY), " +
      "or apiKey for a Bedrock API key (or AWS_BEARER_TOKEN_BEDROCK)",
  );
}
