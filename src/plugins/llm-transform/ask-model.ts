import { isGatewayError } from "../../contract/errors.js";
import type { ModelClient } from "../../contract/plugin.js";
import { responseTexts } from "../guards/shared/chat-text.js";

/** One instruction-following call to a configured model: system instruction, user text, answer text. */
export async function askModel(
  models: ModelClient,
  request: { model: string; instruction: string; text: string; timeoutMs: number; signal: AbortSignal },
): Promise<string> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = AbortSignal.any([request.signal, timeout]);
  const call = models.chat(
    {
      model: request.model,
      messages: [
        { role: "system", content: [{ type: "text", text: request.instruction }] },
        { role: "user", content: [{ type: "text", text: request.text }] },
      ],
      sampling: { temperature: 0 },
      stream: false,
      providerOptions: {},
    },
    { signal },
  );
  // The router may wait out its own backoffs; the timeout must hold regardless.
  const timedOut = new Promise<never>((_, reject) => {
    const fail = () => reject(new Error(`no answer within ${request.timeoutMs} ms`));
    if (timeout.aborted) fail();
    else timeout.addEventListener("abort", fail, { once: true });
  });
  try {
    const response = await Promise.race([call, timedOut]);
    const text = responseTexts(response)[0];
    if (text === undefined) throw new Error(`model "${request.model}" gave no text`);
    return text;
  } catch (error) {
    if (timeout.aborted) throw new Error(`model "${request.model}" gave no answer within ${request.timeoutMs} ms`);
    throw isGatewayError(error) ? new Error(`model "${request.model}" failed: ${error.message}`) : error;
  } finally {
    call.catch(() => {});
  }
}
