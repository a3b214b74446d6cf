import { randomBytes } from "node:crypto";

/**
 * Canonical ids for the function calls of one Gemini response. Gemini usually sends none, and
 * tool results are matched back by function name (to-wire keeps an id → name map), so the id
 * only has to be unique within the conversation: `call_<token>_<n>`, the token taken from the
 * response's responseId so ids from different turns never collide (Anthropic-dialect clients
 * reject repeated tool_use ids). An id Gemini did send is kept as it is.
 */
export class GeminiToolCallIds {
  private count = 0;
  private readonly token: string;

  constructor(responseId: string | undefined) {
    const fromResponse = (responseId ?? "").replace(/[^A-Za-z0-9]/g, "").slice(0, 12);
    this.token = fromResponse || randomBytes(6).toString("hex");
  }

  next(upstreamId: string | undefined): string {
    const id = upstreamId || `call_${this.token}_${this.count}`;
    this.count++;
    return id;
  }
}
