// Helpers shared by the keys e2e and multi-instance tests.

export const MASTER_KEY = "sk-master-test-key-0123456789";

export interface JsonAnswer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

export async function call(
  url: string,
  method: string,
  path: string,
  options: { key?: string; keyHeader?: "authorization" | "x-api-key"; body?: unknown } = {},
): Promise<JsonAnswer> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers["content-type"] = "application/json";
  if (options.key) {
    if (options.keyHeader === "x-api-key") headers["x-api-key"] = options.key;
    else headers.authorization = `Bearer ${options.key}`;
  }
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Streams and empty bodies are checked through `text`.
  }
  return { status: response.status, headers: response.headers, body, text };
}

export function admin(url: string, method: string, path: string, body?: unknown): Promise<JsonAnswer> {
  return call(url, method, path, { key: MASTER_KEY, body });
}

/** Creates a key through the admin API and returns its id and secret. */
export async function createKey(url: string, body: Record<string, unknown>): Promise<{ id: string; key: string }> {
  const answer = await admin(url, "POST", "/admin/keys", body);
  if (answer.status !== 201) throw new Error(`key creation failed: ${answer.status} ${answer.text}`);
  return { id: String(answer.body.id), key: String(answer.body.key) };
}

export function chat(
  url: string,
  key: string | undefined,
  model: string,
  text = "Hello",
  extra: Record<string, unknown> = {},
) {
  return call(url, "POST", "/v1/chat/completions", {
    key,
    body: { model, messages: [{ role: "user", content: text }], max_tokens: 20, ...extra },
  });
}

export function errorCode(answer: JsonAnswer): unknown {
  return (answer.body.error as { code?: unknown } | undefined)?.code;
}

export function errorMessage(answer: JsonAnswer): string {
  return String((answer.body.error as { message?: unknown } | undefined)?.message ?? "");
}
