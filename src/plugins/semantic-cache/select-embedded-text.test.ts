import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../../contract/chat-message.js";
import type { ChatRequest } from "../../contract/chat-request.js";
import { endsWithToolResult, selectEmbeddedText } from "./select-embedded-text.js";

const text = (role: ChatMessage["role"], value: string): ChatMessage => ({
  role,
  content: [{ type: "text", text: value }],
});
const request = (messages: ChatMessage[]): ChatRequest => ({
  model: "m",
  messages,
  sampling: {},
  stream: false,
  providerOptions: {},
});

describe("selectEmbeddedText", () => {
  const conversation = request([
    text("system", "S"),
    text("user", "first"),
    text("assistant", "reply"),
    text("user", "second"),
  ]);

  it("embeds the last user message and keeps the rest in the scope", () => {
    const selection = selectEmbeddedText(conversation, 1, new Set(["user"]));
    expect(selection?.text).toBe("second");
    expect(selection?.scope.messages.slice(0, 3)).toEqual(conversation.messages.slice(0, 3));
    expect(selection?.scope.messages[3]).not.toEqual(conversation.messages[3]);
  });

  it("embeds the chosen roles among the last N messages", () => {
    expect(selectEmbeddedText(conversation, 3, new Set(["user"]))?.text).toBe("first\nsecond");
    expect(selectEmbeddedText(conversation, 3, new Set(["user", "assistant"]))?.text).toBe("first\nreply\nsecond");
  });

  it("gives nothing when the window holds no text of those roles", () => {
    expect(selectEmbeddedText(conversation, 1, new Set(["assistant"]))).toBeUndefined();
  });
});

describe("endsWithToolResult", () => {
  it("is true for a turn that ends with a tool message", () => {
    const toolTurn = request([
      text("user", "q"),
      { role: "tool", content: [{ type: "tool-result", toolCallId: "c", content: "42" }] },
    ]);
    expect(endsWithToolResult(toolTurn)).toBe(true);
    expect(endsWithToolResult(request([text("user", "q")]))).toBe(false);
  });
});
