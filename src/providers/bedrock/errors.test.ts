import { describe, expect, it } from "vitest";
import { fromBedrockErrorResponse, fromBedrockStreamException } from "./errors.js";

const coral = (name: string) => `${name}:http://internal.amazon.com/coral/com.amazon.bedrock/`;

describe("fromBedrockErrorResponse", () => {
  it.each([
    { status: 400, type: "ValidationException", retryable: false, openAIType: "invalid_request_error" },
    { status: 403, type: "AccessDeniedException", retryable: false, openAIType: "invalid_request_error" },
    { status: 404, type: "ResourceNotFoundException", retryable: false, openAIType: "invalid_request_error" },
    { status: 408, type: "ModelTimeoutException", retryable: true, openAIType: "invalid_request_error" },
    { status: 424, type: "ModelErrorException", retryable: false, openAIType: "invalid_request_error" },
    { status: 429, type: "ThrottlingException", retryable: true, openAIType: "rate_limit_error" },
    { status: 500, type: "InternalServerException", retryable: true, openAIType: "server_error" },
    { status: 503, type: "ServiceUnavailableException", retryable: true, openAIType: "server_error" },
  ])("$status $type", ({ status, type, retryable, openAIType }) => {
    const error = fromBedrockErrorResponse(status, '{"message":"Something went wrong."}', "aws", {
      "x-amzn-errortype": coral(type),
      "x-amzn-requestid": "rid-1",
    });
    expect(error).toMatchObject({
      code: "upstream_error",
      message: "Something went wrong.",
      status,
      type: openAIType,
      retryable,
      upstream: { provider: "aws", status, requestId: "rid-1", code: type },
    });
  });

  it.each([
    { name: "a capitalised Message", body: '{"Message":"Upper"}', message: "Upper" },
    { name: "a body that is not JSON", body: "<html>Bad Gateway</html>", message: "<html>Bad Gateway</html>" },
    { name: "an empty body", body: "", message: 'Provider "aws" answered with status 502.' },
  ])("reads $name", ({ body, message }) => {
    expect(fromBedrockErrorResponse(502, body, "aws", {}).message).toBe(message);
  });
});

describe("fromBedrockStreamException", () => {
  it.each([
    { type: "throttlingException", status: 429, retryable: true, code: "ThrottlingException" },
    { type: "validationException", status: 400, retryable: false, code: "ValidationException" },
    { type: "internalServerException", status: 500, retryable: true, code: "InternalServerException" },
    { type: "serviceUnavailableException", status: 503, retryable: true, code: "ServiceUnavailableException" },
    { type: "modelStreamErrorException", status: 424, retryable: false, code: "ModelStreamErrorException" },
    { type: "somethingNewException", status: 500, retryable: true, code: "SomethingNewException" },
  ])("$type → $status", ({ type, status, retryable, code }) => {
    const error = fromBedrockStreamException(type, '{"message":"Stopped."}', "aws", "rid-2");
    expect(error).toMatchObject({
      code: "upstream_error",
      status,
      retryable,
      message: "Stopped.",
      upstream: { code, requestId: "rid-2" },
    });
  });

  it("keeps the model's own status and message of a modelStreamErrorException", () => {
    const payload = '{"message":"Model failed.","originalStatusCode":500,"originalMessage":"overloaded"}';
    expect(fromBedrockStreamException("modelStreamErrorException", payload, "aws", undefined).message).toBe(
      "Model failed. (500: overloaded)",
    );
  });
});
