import type { ChatResponse } from "../contract/chat-response.js";
import type { StreamChunk, StreamEvent } from "../contract/stream-event.js";

/** Replays a whole response as stream events, for a streamed request answered by a plugin. */
export function responseToStream(response: ChatResponse): StreamChunk[] {
  const events: StreamEvent[] = [
    { type: "stream-start", id: response.id, model: response.model, created: response.created },
  ];
  for (const choice of response.choices) {
    const choiceIndex = choice.index;
    events.push({ type: "role-start", choiceIndex });
    let toolIndex = 0;
    for (const part of choice.content) {
      if (part.type === "text") events.push({ type: "text-delta", choiceIndex, text: part.text });
      else if (part.type === "reasoning") {
        events.push({
          type: "reasoning-delta",
          choiceIndex,
          text: part.text,
          ...(part.signature === undefined ? {} : { signature: part.signature }),
        });
      } else {
        events.push({ type: "tool-input-start", choiceIndex, toolIndex, id: part.id, name: part.name });
        events.push({ type: "tool-input-delta", choiceIndex, toolIndex, argumentsDelta: part.arguments });
        toolIndex++;
      }
    }
    if (choice.refusal) events.push({ type: "refusal-delta", choiceIndex, text: choice.refusal });
    events.push({ type: "finish", choiceIndex, finishReason: choice.finishReason });
  }
  if (response.usage) events.push({ type: "usage", usage: response.usage });
  return [{ events }];
}
