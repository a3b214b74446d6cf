// The non-streaming `/v2/chat` answer (providers.md 6.1).
import type { JsonObject } from "../mock-openai/wire.js";
import { type CohereReply, finishReasonOf } from "./chat-reply.js";

export function cohereChatResponse(reply: CohereReply): JsonObject {
  const { answer } = reply;
  const message: JsonObject =
    answer.kind === "text"
      ? { role: "assistant", content: [{ type: "text", text: answer.text }] }
      : {
          // A tool-call turn has no content: the text before the calls is the tool plan.
          role: "assistant",
          tool_plan: answer.plan,
          tool_calls: answer.calls.map((call) => ({
            id: call.id,
            type: "function",
            function: { name: call.name, arguments: call.arguments },
          })),
        };
  return { id: reply.id, message, finish_reason: finishReasonOf(answer), usage: reply.usage };
}
