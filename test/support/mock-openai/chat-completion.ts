// The non-streaming `chat.completion` body (providers.md 1.2), with Azure's filter annotations (2).
import { type ChatReply, logprobsFor } from "./chat-reply.js";
import type { JsonObject } from "./wire.js";

const SAFE = { filtered: false, severity: "safe" };

export function azurePromptFilterResults(): JsonObject[] {
  return [
    {
      prompt_index: 0,
      content_filter_results: {
        hate: SAFE,
        jailbreak: { filtered: false, detected: false },
        self_harm: SAFE,
        sexual: SAFE,
        violence: SAFE,
      },
    },
  ];
}

export function azureContentFilterResults(): JsonObject {
  return {
    hate: SAFE,
    protected_material_code: { filtered: false, detected: false },
    protected_material_text: { filtered: false, detected: false },
    self_harm: SAFE,
    sexual: SAFE,
    violence: SAFE,
  };
}

function assistantMessage(reply: ChatReply): JsonObject {
  const { answer } = reply;
  if (answer.kind === "text") return { role: "assistant", content: answer.text, refusal: null, annotations: [] };
  return {
    role: "assistant",
    content: null,
    tool_calls: answer.calls.map((call) => ({
      id: call.id,
      type: "function",
      function: { name: call.name, arguments: call.arguments },
    })),
    refusal: null,
    annotations: [],
  };
}

export function finishReason(reply: ChatReply): string {
  return reply.answer.kind === "tool-calls" ? "tool_calls" : "stop";
}

export function chatCompletionBody(reply: ChatReply): JsonObject {
  const choices = Array.from({ length: reply.choiceCount }, (_, index) => {
    const choice: JsonObject = {
      index,
      message: assistantMessage(reply),
      logprobs: logprobsFor(reply),
      finish_reason: finishReason(reply),
    };
    if (reply.dialect === "azure") choice["content_filter_results"] = azureContentFilterResults();
    return choice;
  });
  const body: JsonObject = {
    id: reply.id,
    object: "chat.completion",
    created: reply.created,
    model: reply.model,
  };
  if (reply.dialect === "azure") body["prompt_filter_results"] = azurePromptFilterResults();
  return {
    ...body,
    choices,
    usage: reply.usage,
    service_tier: "default",
    system_fingerprint: reply.systemFingerprint,
  };
}
