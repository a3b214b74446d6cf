// The chat request every phase sends: small and typical (a system prompt, one question).

/** The JSON body of a Chat Completions request for `model`, streamed or not. */
export function chatRequestBody(model, stream) {
  return JSON.stringify({
    model,
    messages: [
      { role: "system", content: "You are a concise assistant. Answer in one sentence." },
      { role: "user", content: "In one sentence, what does an AI gateway do for an application?" },
    ],
    temperature: 0.2,
    max_tokens: 128,
    ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
  });
}

export const JSON_HEADERS = { "content-type": "application/json", authorization: "Bearer bench" };
