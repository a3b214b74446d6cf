import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** What the scripted upstream does with one request. */
export type Behaviour =
  | { kind: "ok"; text?: string; delayMs?: number }
  | { kind: "status"; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: "hang" }
  /** Streams its first content chunk, then resets the connection. */
  | { kind: "reset-after-first-chunk" }
  /** Answers 200 with an event stream whose first event is an in-band error. */
  | { kind: "stream-error-first" };

export interface ScriptedUpstream {
  url: string;
  /** Request bodies in arrival order. */
  received: Array<Record<string, unknown>>;
  /** Behaviours for the next requests, used in order; afterwards `fallback` applies. */
  script(...behaviours: Behaviour[]): void;
  setFallback(behaviour: Behaviour): void;
  close(): Promise<void>;
}

/**
 * A fault-injecting OpenAI-wire upstream for routing tests: each request takes the next
 * scripted behaviour (500 then success, a retry-after, a hang, a reset mid-stream, …).
 */
export async function startScriptedUpstream(
  name: string,
  fallback: Behaviour = { kind: "ok" },
): Promise<ScriptedUpstream> {
  const queue: Behaviour[] = [];
  const received: Array<Record<string, unknown>> = [];
  let defaultBehaviour = fallback;
  const sockets = new Set<import("node:net").Socket>();

  const server: Server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    let text = "";
    for await (const chunk of request) text += chunk;
    const body = JSON.parse(text || "{}") as Record<string, unknown>;
    received.push(body);
    const behaviour = queue.shift() ?? defaultBehaviour;
    await respond(behaviour, body, response, name);
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    script: (...behaviours) => queue.push(...behaviours),
    setFallback: (behaviour) => {
      defaultBehaviour = behaviour;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function respond(
  behaviour: Behaviour,
  body: Record<string, unknown>,
  response: ServerResponse,
  name: string,
): Promise<void> {
  const model = String(body.model);
  const stream = body.stream === true;
  switch (behaviour.kind) {
    case "hang":
      return;
    case "status":
      response.writeHead(behaviour.status, { "content-type": "application/json", ...behaviour.headers });
      response.end(
        JSON.stringify(
          behaviour.body ?? {
            error: { message: `scripted ${behaviour.status}`, type: "server_error", param: null, code: null },
          },
        ),
      );
      return;
    case "ok": {
      if (behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, behaviour.delayMs));
      if (response.destroyed || response.socket?.destroyed) return;
      const text = behaviour.text ?? `from ${name}`;
      if (!stream) {
        response.writeHead(200, { "content-type": "application/json" });
        response.end(JSON.stringify(completion(model, text)));
        return;
      }
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write(chunk(model, { role: "assistant", content: "" }, null));
      response.write(chunk(model, { content: text }, null));
      response.write(chunk(model, {}, "stop"));
      response.end("data: [DONE]\n\n");
      return;
    }
    case "reset-after-first-chunk":
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.write(chunk(model, { role: "assistant", content: "" }, null));
      response.write(chunk(model, { content: `partial from ${name}` }, null));
      setTimeout(() => response.socket?.destroy(), 50);
      return;
    case "stream-error-first":
      response.writeHead(200, { "content-type": "text/event-stream" });
      response.end('data: {"error":{"message":"overloaded","type":"server_error","param":null,"code":null}}\n\n');
      return;
  }
}

function completion(model: string, text: string): Record<string, unknown> {
  return {
    id: "chatcmpl-scripted",
    object: "chat.completion",
    created: 1,
    model,
    choices: [{ index: 0, message: { role: "assistant", content: text }, finish_reason: "stop", logprobs: null }],
    usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
  };
}

function chunk(model: string, delta: Record<string, unknown>, finishReason: string | null): string {
  const body = {
    id: "chatcmpl-scripted",
    object: "chat.completion.chunk",
    created: 1,
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
  return `data: ${JSON.stringify(body)}\n\n`;
}
