import type { EmbeddingRequest, EmbeddingResponse } from "../../contract/embedding.js";
import { GatewayError } from "../../contract/errors.js";
import type { Usage } from "../../contract/usage.js";
import type { CohereEmbeddingResponse, TitanEmbeddingResponse } from "./wire-types.js";

/** Calls InvokeModel for one model with one JSON body; answers the parsed body and the input token header. */
export type InvokeModel = (body: Record<string, unknown>) => Promise<{ data: unknown; inputTokens?: number }>;

type EmbeddingFamily = "titan" | "cohere";

/** Cohere's InvokeModel takes at most 96 texts per call. */
const COHERE_BATCH_SIZE = 96;
/** Titan embeds one text per call; a few calls run at once. */
const TITAN_CONCURRENCY = 4;

/** Which request shape a model id wants, by its prefix (inference profiles and ARNs included). */
export function bedrockEmbeddingFamily(modelId: string): EmbeddingFamily | undefined {
  if (/(^|[./])amazon\.titan-embed/.test(modelId)) return "titan";
  if (/(^|[./])cohere\.embed/.test(modelId)) return "cohere";
  return undefined;
}

/**
 * Embeddings through InvokeModel: Titan takes `{inputText, dimensions}` per text, Cohere
 * `{texts, input_type}` per batch. providerOptions.bedrock fields are added to every body.
 */
export async function embedWithBedrock(
  request: EmbeddingRequest,
  upstreamModel: string,
  invoke: InvokeModel,
  badResponse: (what: string) => GatewayError,
): Promise<EmbeddingResponse> {
  const family = bedrockEmbeddingFamily(upstreamModel);
  if (!family) {
    throw new GatewayError(
      "unsupported_feature",
      `Bedrock embeddings support amazon.titan-embed-* and cohere.embed-* models, not "${upstreamModel}".`,
      { param: "model" },
    );
  }
  const texts = request.input.map((item) => {
    if (typeof item === "string") return item;
    throw new GatewayError("unsupported_feature", "Bedrock embedding models take text, not token arrays.", {
      param: "input",
    });
  });
  const options = request.providerOptions.bedrock ?? {};
  const results =
    family === "titan"
      ? await mapLimited(texts, TITAN_CONCURRENCY, async (text) => {
          const { data, inputTokens } = await invoke(
            Object.assign(
              {},
              options,
              { inputText: text },
              request.dimensions === undefined ? undefined : { dimensions: request.dimensions },
            ),
          );
          const wire = data as TitanEmbeddingResponse;
          if (!isVector(wire?.embedding)) throw badResponse("a Titan answer without an embedding");
          return { embeddings: [wire.embedding], inputTokens: wire.inputTextTokenCount ?? inputTokens };
        })
      : await mapLimited(batches(texts, COHERE_BATCH_SIZE), 1, async (batch) => {
          const { data, inputTokens } = await invoke({
            input_type: "search_document",
            ...options,
            texts: batch,
            ...(request.dimensions === undefined ? {} : { output_dimension: request.dimensions }),
          });
          const embeddings = cohereVectors(data as CohereEmbeddingResponse);
          if (!embeddings || embeddings.length !== batch.length)
            throw badResponse("a Cohere answer without embeddings");
          return { embeddings, inputTokens };
        });
  const response: EmbeddingResponse = {
    model: upstreamModel,
    embeddings: results.flatMap((result) => result.embeddings),
  };
  const counts = results.map((result) => result.inputTokens);
  if (counts.every((count) => count !== undefined)) response.usage = inputUsage(counts.reduce((a, b) => a + b, 0));
  return response;
}

function cohereVectors(wire: CohereEmbeddingResponse | undefined): number[][] | undefined {
  const embeddings = wire?.embeddings;
  const vectors = Array.isArray(embeddings) ? embeddings : embeddings?.float;
  return Array.isArray(vectors) && vectors.every(isVector) ? vectors : undefined;
}

function isVector(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((item) => typeof item === "number");
}

function inputUsage(inputTokens: number): Usage {
  return { inputTokens, outputTokens: 0, totalTokens: inputTokens };
}

function batches<T>(items: readonly T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += size) result.push(items.slice(start, start + size));
  return result;
}

/** Maps with at most `limit` calls in flight, keeping input order. */
async function mapLimited<T, R>(items: readonly T[], limit: number, map: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    // After one failure the others stop taking work: the whole answer is lost anyway.
    while (next < items.length && !failed) {
      const index = next++;
      try {
        results[index] = await map(items[index] as T);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
