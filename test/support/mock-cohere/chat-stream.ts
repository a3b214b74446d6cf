// The `/v2/chat` SSE stream (providers.md 6.1): named events whose data repeats the type, and the
// write scripts of the stream scenarios.
import { pacedStreamSteps, type StreamStep } from "../mock-openai/http-io.js";
import { type JsonObject, textPieces } from "../mock-openai/wire.js";
import { type CohereReply, finishReasonOf } from "./chat-reply.js";
import { INTERNAL_ERROR_MESSAGE } from "./errors.js";

export function encodeCohereEvent(type: string, fields: JsonObject = {}): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...fields })}\n\n`;
}

function messageStart(reply: CohereReply): string {
  const message = { role: "assistant", content: [], tool_plan: "", tool_calls: [], citations: [] };
  return encodeCohereEvent("message-start", { id: reply.id, delta: { message } });
}

function messageEnd(reply: CohereReply): string {
  return encodeCohereEvent("message-end", {
    delta: { finish_reason: finishReasonOf(reply.answer), usage: reply.usage },
  });
}

/** Everything between message-start and message-end. */
function bodyEvents(reply: CohereReply): string[] {
  const { answer } = reply;
  if (answer.kind === "text") {
    return [
      encodeCohereEvent("content-start", { index: 0, delta: { message: { content: { type: "text", text: "" } } } }),
      ...textPieces(answer.text).map((text) =>
        encodeCohereEvent("content-delta", { index: 0, delta: { message: { content: { text } } } }),
      ),
      encodeCohereEvent("content-end", { index: 0 }),
    ];
  }
  const events = textPieces(answer.plan).map((tool_plan) =>
    encodeCohereEvent("tool-plan-delta", { delta: { message: { tool_plan } } }),
  );
  answer.calls.forEach((call, index) => {
    const start = { id: call.id, type: "function", function: { name: call.name, arguments: "" } };
    events.push(encodeCohereEvent("tool-call-start", { index, delta: { message: { tool_calls: start } } }));
    for (const fragment of textPieces(call.arguments)) {
      const delta = { message: { tool_calls: { function: { arguments: fragment } } } };
      events.push(encodeCohereEvent("tool-call-delta", { index, delta }));
    }
    events.push(encodeCohereEvent("tool-call-end", { index }));
  });
  return events;
}

/** The write script for a streamed reply under the given scenario model. */
export function cohereStreamSteps(reply: CohereReply, scenario: string): StreamStep[] {
  const start = messageStart(reply);
  const body = bodyEvents(reply);
  switch (scenario) {
    case "mock-truncated-stream":
      // The connection ends cleanly, but before message-end.
      return pacedStreamSteps([start, ...body.slice(0, 3)]);
    case "mock-stream-error": {
      const failed = encodeCohereEvent("message-end", {
        delta: { error: INTERNAL_ERROR_MESSAGE, finish_reason: "ERROR" },
      });
      return pacedStreamSteps([start, ...body.slice(0, 2), failed]);
    }
    case "mock-garbage":
      return pacedStreamSteps([start, 'event: content-delta\ndata: {"type":"content-delta",not json\n\n']);
    default:
      return pacedStreamSteps([start, ...body, messageEnd(reply)]);
  }
}
