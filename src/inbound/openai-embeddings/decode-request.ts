import { z } from "zod";
import type { EmbeddingRequest } from "../../contract/embedding.js";
import { GatewayError } from "../../contract/errors.js";
import { extraFields } from "../../wire/extra-fields.js";
import { compiledSchema } from "../compiled-schema.js";
import { validRequestBody } from "../validation-error.js";

const schema = compiledSchema(
  z.looseObject({
    model: z.string({ error: "model is required" }).min(1, "model is required"),
    input: z.union([
      z.string(),
      z.array(z.string()).min(1, "input must not be empty"),
      z.array(z.number().int()).min(1, "input must not be empty"),
      z.array(z.array(z.number().int())).min(1, "input must not be empty"),
    ]),
    dimensions: z.number().int().positive().optional(),
    encoding_format: z.enum(["float", "base64"]).optional(),
    user: z.string().optional(),
  }),
);

const CANONICAL_FIELDS = new Set(["model", "input", "dimensions", "encoding_format", "user"]);

/** Decodes an OpenAI embeddings body; a single string or token array becomes a list of one. */
export function decodeOpenAIEmbeddingRequest(body: unknown): EmbeddingRequest {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    throw new GatewayError("invalid_request", "The request body must be a JSON object.");
  }
  const wire = validRequestBody(schema, body);
  const input = typeof wire.input === "string" ? [wire.input] : isTokenArray(wire.input) ? [wire.input] : wire.input;
  const providerOptions = extraFields(wire, CANONICAL_FIELDS);
  const request: EmbeddingRequest = {
    model: wire.model,
    input: input as string[] | number[][],
    encodingFormat: wire.encoding_format ?? "float",
    providerOptions: providerOptions ? { openai: providerOptions } : {},
  };
  if (wire.dimensions !== undefined) request.dimensions = wire.dimensions;
  if (wire.user !== undefined) request.user = wire.user;
  return request;
}

function isTokenArray(input: unknown[]): input is number[] {
  return typeof input[0] === "number";
}
