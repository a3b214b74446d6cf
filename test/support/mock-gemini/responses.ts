// GenerateContentResponse bodies (providers.md 4.2) and the chunks of their streams (4.3).
import type { GeminiReply } from "./reply.js";
import { thoughtSignatureFor } from "./thought-signatures.js";
import type { JsonObject } from "./wire.js";

const SAFETY_CATEGORIES = [
  "HARM_CATEGORY_SEXUALLY_EXPLICIT",
  "HARM_CATEGORY_HATE_SPEECH",
  "HARM_CATEGORY_HARASSMENT",
  "HARM_CATEGORY_DANGEROUS_CONTENT",
];

/** Ratings with the dangerous-content category blocked. */
export function blockedSafetyRatings(): JsonObject[] {
  return SAFETY_CATEGORIES.map((category) =>
    category === "HARM_CATEGORY_DANGEROUS_CONTENT"
      ? { category, probability: "HIGH", blocked: true }
      : { category, probability: "NEGLIGIBLE" },
  );
}

/** Cumulative usage after `answerTokens` tokens of each candidate; undefined leaves candidatesTokenCount out. */
export function usageMetadata(reply: GeminiReply, answerTokens: number | undefined): JsonObject {
  const candidates = answerTokens === undefined ? undefined : answerTokens * reply.candidateCount;
  const thoughts = reply.thoughtsTokens;
  const usage: JsonObject = { promptTokenCount: reply.promptTokens };
  if (candidates !== undefined) usage["candidatesTokenCount"] = candidates;
  usage["totalTokenCount"] = reply.promptTokens + (candidates ?? 0) + (thoughts ?? 0);
  usage["promptTokensDetails"] = [{ modality: "TEXT", tokenCount: reply.promptTokens }];
  if (thoughts !== undefined) usage["thoughtsTokenCount"] = thoughts;
  return usage;
}

function response(reply: GeminiReply, fields: JsonObject): JsonObject {
  return { ...fields, modelVersion: reply.model, responseId: reply.responseId };
}

/** One candidate per requested candidate, each with the same parts. */
function candidates(reply: GeminiReply, parts: JsonObject[] | undefined, finishReason?: string): JsonObject[] {
  return Array.from({ length: reply.candidateCount }, (_, index) => ({
    ...(parts ? { content: { parts, role: "model" } } : {}),
    ...(finishReason ? { finishReason } : {}),
    ...(finishReason === "SAFETY" ? { safetyRatings: blockedSafetyRatings() } : {}),
    index,
  }));
}

function thoughtParts(reply: GeminiReply): JsonObject[] {
  return reply.thought === undefined ? [] : [{ text: reply.thought, thought: true }];
}

/** Function calls arrive whole; only the first carries the step's thoughtSignature. */
function functionCallParts(reply: GeminiReply): JsonObject[] {
  if (reply.answer.kind !== "function-calls") return [];
  return reply.answer.calls.map((call, index) => ({
    functionCall: { name: call.name, args: call.args },
    ...(index === 0 ? { thoughtSignature: thoughtSignatureFor(`${reply.responseId}:${call.name}`) } : {}),
  }));
}

/** Thinking models sign the last text part of a turn. */
function textPart(reply: GeminiReply, text: string, last: boolean): JsonObject {
  return last && reply.thinking
    ? { text, thoughtSignature: thoughtSignatureFor(`${reply.responseId}:${text}`) }
    : { text };
}

export function generateContentBody(reply: GeminiReply): JsonObject {
  const { answer } = reply;
  switch (answer.kind) {
    case "prompt-blocked":
      return response(reply, {
        promptFeedback: { blockReason: "SAFETY", safetyRatings: blockedSafetyRatings() },
        usageMetadata: usageMetadata(reply, undefined),
      });
    case "safety":
      return response(reply, {
        candidates: candidates(reply, undefined, "SAFETY"),
        usageMetadata: usageMetadata(reply, 0),
      });
    case "function-calls": {
      const parts = [...thoughtParts(reply), ...functionCallParts(reply)];
      return response(reply, {
        candidates: candidates(reply, parts, "STOP"),
        usageMetadata: usageMetadata(reply, reply.answerTokens),
      });
    }
    case "text": {
      const parts = [...thoughtParts(reply), textPart(reply, answer.pieces.join(""), true)];
      return response(reply, {
        candidates: candidates(reply, parts, answer.finishReason),
        usageMetadata: usageMetadata(reply, reply.answerTokens),
      });
    }
  }
}

/** The stream's chunks: a thought chunk first when asked for, text two pieces at a time, one chunk per call. */
export function streamChunks(reply: GeminiReply): JsonObject[] {
  const { answer } = reply;
  if (answer.kind === "prompt-blocked") return [generateContentBody(reply)];
  const chunks: JsonObject[] = [];
  let sent = 0;
  const push = (parts: JsonObject[] | undefined, tokens: number, finishReason?: string) => {
    sent += tokens;
    chunks.push(
      response(reply, {
        candidates: candidates(reply, parts, finishReason),
        usageMetadata: usageMetadata(reply, sent),
      }),
    );
  };
  if (reply.thought !== undefined) push(thoughtParts(reply), 0);
  if (answer.kind === "function-calls") {
    const parts = functionCallParts(reply);
    parts.forEach((part, index) => {
      const last = index === parts.length - 1;
      push([part], last ? reply.answerTokens - sent : 0, last ? "STOP" : undefined);
    });
    return chunks;
  }
  const groups: string[][] = [];
  for (let index = 0; index < answer.pieces.length; index += 2) groups.push(answer.pieces.slice(index, index + 2));
  groups.forEach((group, index) => {
    const last = index === groups.length - 1;
    const finish = last && answer.kind === "text" ? answer.finishReason : undefined;
    push([textPart(reply, group.join(""), last && answer.kind === "text")], group.length, finish);
  });
  if (answer.kind === "safety") push(undefined, 0, "SAFETY");
  return chunks;
}
