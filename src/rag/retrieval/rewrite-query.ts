import type { ChatMessage } from "../../contract/chat-message.js";
import type { ModelClient } from "../../contract/plugin.js";

export const DEFAULT_REWRITE_INSTRUCTIONS =
  "Rewrite the user's last question as one standalone search query for a document search. " +
  "Resolve pronouns and references from the conversation. Answer with the query only.";

/**
 * Asks a configured model to turn the conversation's last question into a standalone search
 * query ("and in Germany?" → "refund period in Germany"). Only the last few turns are sent.
 */
export async function rewriteQuery(
  models: ModelClient,
  model: string,
  instructions: string,
  messages: readonly ChatMessage[],
  signal: AbortSignal,
): Promise<string | undefined> {
  const turns = messages
    .filter((message) => message.role === "user" || message.role === "assistant")
    .slice(-6)
    .map((message) => `${message.role}: ${messageText(message)}`)
    .join("\n");
  const response = await models.chat(
    {
      model,
      messages: [
        { role: "system", content: [{ type: "text", text: instructions }] },
        { role: "user", content: [{ type: "text", text: turns }] },
      ],
      sampling: { temperature: 0 },
      stream: false,
      providerOptions: {},
    },
    { signal },
  );
  const text = response.choices[0]?.content
    .map((part) => (part.type === "text" ? part.text : ""))
    .join("")
    .trim();
  return text || undefined;
}

/** The text parts of a message, joined. */
export function messageText(message: ChatMessage): string {
  return message.content
    .map((part) => (part.type === "text" ? part.text : ""))
    .join("\n")
    .trim();
}
