// Error bodies shaped and worded as the Generative Language API sends them (providers.md 4.4).
import { SCENARIO } from "./scenarios.js";
import type { JsonObject } from "./wire.js";

export interface ErrorReply {
  status: number;
  body: JsonObject;
}

const SERVICE = "generativelanguage.googleapis.com";
const RATE_LIMITS_PAGE = "https://ai.google.dev/gemini-api/docs/rate-limits";

/** `{"error":{"code","message","status","details"?}}`, the google.rpc.Status JSON shape. */
export function googleError(code: number, status: string, message: string, details?: JsonObject[]): ErrorReply {
  return { status: code, body: { error: { code, message, status, ...(details ? { details } : {}) } } };
}

export function invalidArgument(message: string): ErrorReply {
  return googleError(400, "INVALID_ARGUMENT", message);
}

export function apiKeyInvalid(): ErrorReply {
  const message = "API key not valid. Please pass a valid API key.";
  return googleError(400, "INVALID_ARGUMENT", message, [
    {
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: "API_KEY_INVALID",
      domain: "googleapis.com",
      metadata: { service: SERVICE },
    },
    { "@type": "type.googleapis.com/google.rpc.LocalizedMessage", locale: "en-US", message },
  ]);
}

/** No key at all. */
export function unregisteredCaller(): ErrorReply {
  return googleError(
    403,
    "PERMISSION_DENIED",
    "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other " +
      "form of API consumer identity to call this API.",
  );
}

export function modelNotFound(model: string, method: string): ErrorReply {
  return googleError(
    404,
    "NOT_FOUND",
    `models/${model} is not found for API version v1beta, or is not supported for ${method}. Call ListModels to see ` +
      "the list of available models and their supported methods.",
  );
}

export function unknownField(name: string, at?: string): ErrorReply {
  const where = at === undefined ? "" : ` at '${at}'`;
  return invalidArgument(`Invalid JSON payload received. Unknown name "${name}"${where}: Cannot find field.`);
}

/** Google's field-violation style: `* GenerateContentRequest.contents[0].parts: …\n`. */
export function fieldViolation(request: string, path: string, problem: string): ErrorReply {
  return invalidArgument(`* ${request}.${path}: ${problem}\n`);
}

export const INTERNAL_MESSAGE =
  "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting";

export function internal(): ErrorReply {
  return googleError(500, "INTERNAL", INTERNAL_MESSAGE);
}

export const RETRY_DELAY_SECONDS = 37;

function resourceExhausted(model: string): ErrorReply {
  const message =
    `You exceeded your current quota, please check your plan and billing details. For more information on this error, ` +
    `head to: ${RATE_LIMITS_PAGE}. To monitor your current usage, head to: https://ai.dev/usage?tab=rate-limit. \n` +
    `* Quota exceeded for metric: ${SERVICE}/generate_content_free_tier_requests, limit: 10, model: ${model}\n` +
    `Please retry in ${RETRY_DELAY_SECONDS}.431915123s.`;
  return googleError(429, "RESOURCE_EXHAUSTED", message, [
    {
      "@type": "type.googleapis.com/google.rpc.QuotaFailure",
      violations: [
        {
          quotaMetric: `${SERVICE}/generate_content_free_tier_requests`,
          quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier",
          quotaDimensions: { location: "global", model },
          quotaValue: "10",
        },
      ],
    },
    {
      "@type": "type.googleapis.com/google.rpc.Help",
      links: [{ description: "Learn more about Gemini API quotas", url: RATE_LIMITS_PAGE }],
    },
    { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${RETRY_DELAY_SECONDS}s` },
  ]);
}

/** The HTTP error for the `mock-error-*` scenario models, or undefined for any other model. */
export function scenarioError(model: string, method: string): ErrorReply | undefined {
  switch (model) {
    case SCENARIO.error400:
      return invalidArgument("Request contains an invalid argument.");
    case SCENARIO.error403:
      return googleError(403, "PERMISSION_DENIED", "The caller does not have permission");
    case SCENARIO.error404:
      return modelNotFound(model, method);
    case SCENARIO.error429:
      return resourceExhausted(model);
    case SCENARIO.error500:
      return internal();
    case SCENARIO.error503:
      return googleError(503, "UNAVAILABLE", "The model is overloaded. Please try again later.");
    default:
      return undefined;
  }
}
