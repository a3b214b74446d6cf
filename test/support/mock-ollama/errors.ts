// Ollama error bodies (providers.md 6.3): `{"error":"…"}` with the HTTP status, also as a stream line.
import type { ErrorReply } from "../mock-openai/errors.js";

export type { ErrorReply };

export function ollamaError(status: number, message: string): ErrorReply {
  return { status, body: { error: message } };
}

/** What a runner that crashes mid-generation reports (`mock-stream-error`). */
export const RUNNER_ERROR_MESSAGE = "an error was encountered while running the model: unexpected EOF";

export function unauthorized(): ErrorReply {
  return ollamaError(401, "unauthorized");
}

export function modelNotFound(model: string): ErrorReply {
  return ollamaError(404, `model "${model}" not found, try pulling it first`);
}

/** The HTTP error for the `mock-error-*` scenario models, or undefined for any other model. */
export function scenarioError(model: string): ErrorReply | undefined {
  switch (model) {
    case "mock-error-400":
      return ollamaError(400, "invalid options: num_predict must be an integer");
    case "mock-error-404":
      return modelNotFound(model);
    case "mock-error-429":
      return ollamaError(429, "too many requests, please try again later");
    case "mock-error-500":
      return ollamaError(500, "llama runner process has terminated: exit status 2");
    case "mock-error-503":
      return ollamaError(503, "server busy, please try again.  maximum pending requests exceeded");
    default:
      return undefined;
  }
}
