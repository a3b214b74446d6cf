// `/api/chat` answers (providers.md 6.3): the NDJSON lines of a stream, the single object of a
// non-streamed answer, and the write scripts of the stream scenarios.
import { pacedStreamSteps, type StreamStep } from "../mock-openai/http-io.js";
import { type JsonObject, textPieces } from "../mock-openai/wire.js";
import type { OllamaReply } from "./chat-reply.js";
import { RUNNER_ERROR_MESSAGE } from "./errors.js";

function line(object: JsonObject): string {
  return `${JSON.stringify(object)}\n`;
}

function toolCalls(reply: OllamaReply): JsonObject[] {
  if (reply.answer.kind !== "tool-calls") return [];
  return reply.answer.calls.map((call, index) => ({ function: { index, name: call.name, arguments: call.arguments } }));
}

/** Durations (ns) and counters of the final object. */
function counters(reply: OllamaReply): JsonObject {
  return {
    done_reason: reply.answer.kind === "text" ? reply.answer.doneReason : "stop",
    total_duration: 182242375,
    load_duration: 41295167,
    prompt_eval_count: reply.promptEvalCount,
    prompt_eval_duration: 24573166,
    eval_count: reply.evalCount,
    eval_duration: 115959084,
  };
}

export function ollamaChatResponse(reply: OllamaReply): JsonObject {
  const message: JsonObject = { role: "assistant", content: reply.answer.kind === "text" ? reply.answer.text : "" };
  if (reply.thinking) message["thinking"] = reply.thinking;
  const calls = toolCalls(reply);
  if (calls.length > 0) message["tool_calls"] = calls;
  return { model: reply.model, created_at: new Date().toISOString(), message, done: true, ...counters(reply) };
}

function contentLines(reply: OllamaReply): string[] {
  const created = () => new Date().toISOString();
  const chunk = (message: JsonObject) => line({ model: reply.model, created_at: created(), message, done: false });
  const lines: string[] = [];
  if (reply.thinking) {
    for (const thinking of textPieces(reply.thinking)) lines.push(chunk({ role: "assistant", content: "", thinking }));
  }
  if (reply.answer.kind === "text") {
    for (const content of textPieces(reply.answer.text)) lines.push(chunk({ role: "assistant", content }));
  } else {
    // Tool calls arrive whole, in one line.
    lines.push(chunk({ role: "assistant", content: "", tool_calls: toolCalls(reply) }));
  }
  return lines;
}

function finalLine(reply: OllamaReply): string {
  const message = { role: "assistant", content: "" };
  return line({ model: reply.model, created_at: new Date().toISOString(), message, done: true, ...counters(reply) });
}

/** The write script for a streamed reply under the given scenario model. */
export function ollamaStreamSteps(reply: OllamaReply, scenario: string): StreamStep[] {
  const lines = contentLines(reply);
  switch (scenario) {
    case "mock-truncated-stream":
      return pacedStreamSteps(lines.slice(0, 2));
    case "mock-stream-error":
      return pacedStreamSteps([...lines.slice(0, 2), line({ error: RUNNER_ERROR_MESSAGE })]);
    case "mock-garbage":
      return pacedStreamSteps([...lines.slice(0, 1), "not json {\n"]);
    default:
      return pacedStreamSteps([...lines, finalLine(reply)]);
  }
}
