// Cohere error bodies (providers.md 6.1): `{"id":"<uuid>","message":"…"}` with the HTTP status.
import { randomUUID } from "node:crypto";
import type { ErrorReply } from "../mock-openai/errors.js";

export type { ErrorReply };

export function cohereError(status: number, message: string, headers?: Record<string, string>): ErrorReply {
  return { status, body: { id: randomUUID(), message }, ...(headers ? { headers } : {}) };
}

export const INTERNAL_ERROR_MESSAGE = "internal server error, this has been reported to our developers";

export function missingApiKey(): ErrorReply {
  return cohereError(401, "no api key supplied");
}

export function invalidApiToken(): ErrorReply {
  return cohereError(401, "invalid api token");
}

export function notFound(): ErrorReply {
  return cohereError(404, "404 page not found");
}

export function invalidRequest(problem: string): ErrorReply {
  return cohereError(400, `invalid request: ${problem}`);
}

export function modelNotFound(model: string): ErrorReply {
  return cohereError(
    404,
    `model '${model}' not found, make sure the correct model ID was used and that you have access to the model.`,
  );
}

/** The HTTP error for the `mock-error-*` scenario models, or undefined for any other model. */
export function scenarioError(model: string): ErrorReply | undefined {
  switch (model) {
    case "mock-error-400":
      return invalidRequest("temperature must be between 0 and 1");
    case "mock-error-404":
      return modelNotFound(model);
    case "mock-error-429":
      return cohereError(
        429,
        "You are using a Trial key, which is limited to 20 API calls / minute. You can continue to use the Trial " +
          "key for free or upgrade to a Production key with higher rate limits at 'https://dashboard.cohere.com/api-keys'.",
      );
    case "mock-error-500":
      return cohereError(500, INTERNAL_ERROR_MESSAGE);
    case "mock-error-503":
      return cohereError(503, "service unavailable, please try again later");
    default:
      return undefined;
  }
}
