// Error answers shaped like Bedrock Runtime's (providers.md 5.6): a `{"message"}` body and the
// exception name in `x-amzn-ErrorType`. Signature-failure names are marked unverified there.

export interface BedrockErrorReply {
  status: number;
  /** Exception name as x-amzn-ErrorType carries it before the colon. */
  type: string;
  message: string;
}

const CORAL_SUFFIX = ":http://internal.amazon.com/coral/com.amazon.bedrock/";

export function errorHeaders(reply: BedrockErrorReply): Record<string, string> {
  return { "x-amzn-errortype": `${reply.type}${CORAL_SUFFIX}` };
}

export function errorBody(reply: BedrockErrorReply): { message: string } {
  return { message: reply.message };
}

export function validation(message: string): BedrockErrorReply {
  return { status: 400, type: "ValidationException", message };
}

export function malformedInput(detail: string): BedrockErrorReply {
  return validation(`Malformed input request: ${detail}, please reformat your input and try again.`);
}

export function serialization(): BedrockErrorReply {
  return { status: 400, type: "SerializationException", message: "Unexpected character in request body." };
}

export function unknownOperation(): BedrockErrorReply {
  return { status: 404, type: "UnknownOperationException", message: "Unknown operation." };
}

export function missingAuthentication(): BedrockErrorReply {
  return { status: 403, type: "MissingAuthenticationTokenException", message: "Missing Authentication Token" };
}

export function unrecognizedClient(): BedrockErrorReply {
  return {
    status: 403,
    type: "UnrecognizedClientException",
    message: "The security token included in the request is invalid.",
  };
}

export function incompleteSignature(detail: string): BedrockErrorReply {
  return { status: 403, type: "IncompleteSignatureException", message: detail };
}

export function invalidSignature(message?: string): BedrockErrorReply {
  return {
    status: 403,
    type: "InvalidSignatureException",
    message:
      message ??
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret " +
        "Access Key and signing method. Consult the service documentation for details.",
  };
}

export const THROTTLING_MESSAGE = "Too many requests, please wait before trying again.";

/** The HTTP error of the `mock-error-*` scenario models, or undefined for any other model. */
export function scenarioError(modelId: string): BedrockErrorReply | undefined {
  switch (modelId) {
    case "mock-error-400":
      return validation(
        `Invocation of model ID ${modelId} with on-demand throughput isn't supported. Retry your request with the ` +
          "ID or ARN of an inference profile that contains this model.",
      );
    case "mock-error-403":
      return {
        status: 403,
        type: "AccessDeniedException",
        message: "You don't have access to the model with the specified model ID.",
      };
    case "mock-error-404":
      return {
        status: 404,
        type: "ResourceNotFoundException",
        message: "Could not resolve the foundation model from the provided model identifier.",
      };
    case "mock-error-429":
      return { status: 429, type: "ThrottlingException", message: THROTTLING_MESSAGE };
    case "mock-error-500":
      return {
        status: 500,
        type: "InternalServerException",
        message: "The system encountered an unexpected error during processing. Try your request again.",
      };
    case "mock-error-503":
      return {
        status: 503,
        type: "ServiceUnavailableException",
        message: "Bedrock is unable to process your request.",
      };
    default:
      return undefined;
  }
}
