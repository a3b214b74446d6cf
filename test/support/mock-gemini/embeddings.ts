// `:batchEmbedContents` (providers.md 4): deterministic unit vectors, 8 dimensions unless
// outputDimensionality asks otherwise (the real default is 3072; small keeps tests readable).
import { mockEmbedding } from "../mock-openai/embeddings.js";
import { type ErrorReply, fieldViolation } from "./errors.js";
import { type Exchange, sendGoogleJson } from "./http.js";
import { field, type JsonObject, objectField, objectsIn, partsOf, textOf } from "./wire.js";

const REQUEST = "BatchEmbedContentsRequest";
const DEFAULT_DIMENSIONS = 8;

export { mockEmbedding };

function requestProblem(requests: JsonObject[], model: string): ErrorReply | undefined {
  if (requests.length === 0) return fieldViolation(REQUEST, "requests", "requests is not specified");
  for (const [index, request] of requests.entries()) {
    if (request["model"] !== `models/${model}`) {
      return fieldViolation(REQUEST, `requests[${index}].model`, "unexpected model name format");
    }
    if (textOf(partsOf(objectField(request, "content"))) === "") {
      return fieldViolation(REQUEST, `requests[${index}].content.parts`, "contents.parts must not be empty.");
    }
  }
  return undefined;
}

export function respondBatchEmbedContents(exchange: Exchange, body: JsonObject, model: string): void {
  const requests = objectsIn(field(body, "requests"));
  const problem = requestProblem(requests, model);
  if (problem) {
    sendGoogleJson(exchange, problem.status, problem.body);
    return;
  }
  const embeddings = requests.map((request) => {
    const requested = field(request, "outputDimensionality");
    const dimensions = typeof requested === "number" && requested > 0 ? requested : DEFAULT_DIMENSIONS;
    return { values: mockEmbedding(textOf(partsOf(objectField(request, "content"))), dimensions) };
  });
  sendGoogleJson(exchange, 200, { embeddings });
}
