// `chat.completion.chunk` events (providers.md 1.3) and the write scripts of the stream scenarios.
import { azurePromptFilterResults, finishReason } from "./chat-completion.js";
import { type ChatReply, logprobsEntries, type ToolCallAnswer } from "./chat-reply.js";
import { IN_STREAM_ERROR } from "./errors.js";
import { encodeEvent, pacedStreamSteps, type StreamStep } from "./http-io.js";
import { SCENARIO, SLOW_STREAM_CHUNKS } from "./scenarios.js";
import { evenPieces, type JsonObject, textPieces } from "./wire.js";

/** A stream's events grouped by phase, each already encoded as `data: …\n\n`. */
export interface ChatStreamEvents {
  /** Azure only: the leading `choices:[]` chunk with `prompt_filter_results`. */
  prefix: string[];
  /** The `role:"assistant"` chunk of each choice. */
  opening: string[];
  content: string[];
  /** The empty-delta chunk with `finish_reason`, one per choice. */
  finish: string[];
  /** The `choices:[]` usage chunk, only when `stream_options.include_usage` is true. */
  usage: string[];
  done: string;
}

function chunk(reply: ChatReply, choices: JsonObject[]): string {
  const body: JsonObject = {
    id: reply.id,
    object: "chat.completion.chunk",
    created: reply.created,
    model: reply.model,
    service_tier: "default",
    system_fingerprint: reply.systemFingerprint,
    choices,
  };
  if (reply.includeUsage) body["usage"] = null;
  return encodeEvent(body);
}

/** One chunk per choice, each carrying the same delta. */
function perChoice(
  reply: ChatReply,
  delta: JsonObject,
  logprobs: JsonObject | null = null,
  finish: string | null = null,
): string[] {
  return Array.from({ length: reply.choiceCount }, (_, index) =>
    chunk(reply, [{ index, delta, logprobs, finish_reason: finish }]),
  );
}

function toolCallStart(call: ToolCallAnswer, index: number): JsonObject {
  return { index, id: call.id, type: "function", function: { name: call.name, arguments: "" } };
}

function toolCallEvents(reply: ChatReply, calls: ToolCallAnswer[]): Pick<ChatStreamEvents, "opening" | "content"> {
  const [first] = calls;
  const opening = perChoice(reply, {
    role: "assistant",
    content: null,
    ...(first ? { tool_calls: [toolCallStart(first, 0)] } : {}),
    refusal: null,
  });
  const content: string[] = [];
  calls.forEach((call, index) => {
    if (index > 0) content.push(...perChoice(reply, { tool_calls: [toolCallStart(call, index)] }));
    for (const fragment of textPieces(call.arguments)) {
      content.push(...perChoice(reply, { tool_calls: [{ index, function: { arguments: fragment } }] }));
    }
  });
  return { opening, content };
}

function textEvents(reply: ChatReply, pieces: readonly string[]): Pick<ChatStreamEvents, "opening" | "content"> {
  const opening = perChoice(reply, { role: "assistant", content: "", refusal: null });
  const content = pieces.flatMap((piece, index) => {
    const logprobs = reply.logprobs
      ? { content: logprobsEntries([piece], reply.topLogprobs, index), refusal: null }
      : null;
    return perChoice(reply, { content: piece }, logprobs);
  });
  return { opening, content };
}

export function chatStreamEvents(reply: ChatReply, slow = false, perCharacter = false): ChatStreamEvents {
  const { answer } = reply;
  const pieces = (text: string) =>
    perCharacter ? Array.from(text) : slow ? evenPieces(text, SLOW_STREAM_CHUNKS) : textPieces(text);
  const body =
    answer.kind === "tool-calls" ? toolCallEvents(reply, answer.calls) : textEvents(reply, pieces(answer.text));
  const prefix =
    reply.dialect === "azure"
      ? [
          encodeEvent({
            choices: [],
            created: 0,
            id: "",
            model: "",
            object: "",
            prompt_filter_results: azurePromptFilterResults(),
          }),
        ]
      : [];
  const usage = reply.includeUsage
    ? [
        encodeEvent({
          id: reply.id,
          object: "chat.completion.chunk",
          created: reply.created,
          model: reply.model,
          service_tier: "default",
          system_fingerprint: reply.systemFingerprint,
          choices: [],
          usage: reply.usage,
        }),
      ]
    : [];
  return {
    prefix,
    ...body,
    finish: perChoice(reply, {}, null, finishReason(reply)),
    usage,
    done: encodeEvent("[DONE]"),
  };
}

function writes(events: readonly string[]): StreamStep[] {
  return events.map((event) => ({ kind: "write", bytes: Buffer.from(event, "utf8") }));
}

/** The write script for a streamed chat reply under the given scenario model. */
export function chatStreamSteps(reply: ChatReply, scenario: string, delayMs: number): StreamStep[] {
  const events = chatStreamEvents(reply, scenario === SCENARIO.slowStream, scenario === SCENARIO.characterStream);
  const { prefix, opening, content, finish, usage, done } = events;
  switch (scenario) {
    case SCENARIO.slowStream: {
      const paused = [...content, ...finish].flatMap((event): StreamStep[] => [
        { kind: "pause", ms: delayMs },
        ...writes([event]),
      ]);
      return [...writes([...prefix, ...opening]), ...paused, ...writes([...usage, done]), { kind: "end" }];
    }
    case SCENARIO.resetMidStream: {
      // Give the client time to read the two chunks before the RST discards anything unread.
      const sent = pacedStreamSteps([...prefix, ...[...opening, ...content].slice(0, 2)]).slice(0, -1);
      return [...sent, { kind: "pause", ms: 50 }, { kind: "reset" }];
    }
    case SCENARIO.truncatedStream:
      return pacedStreamSteps([...prefix, ...opening, ...content.slice(0, 2)]);
    case SCENARIO.streamError:
      return pacedStreamSteps([...prefix, ...opening, encodeEvent(IN_STREAM_ERROR)]);
    case SCENARIO.streamErrorFirst:
      return pacedStreamSteps([encodeEvent(IN_STREAM_ERROR)]);
    default:
      return pacedStreamSteps([...prefix, ...opening, ...content, ...finish, ...usage, done]);
  }
}
