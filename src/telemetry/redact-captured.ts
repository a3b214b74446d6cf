import type { CapturedMessages } from "../contract/log-event.js";
import type { CapturedChoice, CapturedMessage } from "./capture-messages.js";
import type { Redactor } from "./redactor.js";

/** Cuts text to a shared character budget, marking the cut. */
class Budget {
  truncated = false;
  constructor(private remaining: number) {}

  take(text: string): string {
    if (text.length <= this.remaining) {
      this.remaining -= text.length;
      return text;
    }
    const kept = text.slice(0, Math.max(0, this.remaining));
    this.remaining = 0;
    this.truncated = true;
    return `${kept}…[truncated ${text.length - kept.length} characters]`;
  }
}

/**
 * Caps (before redacting, so the work is bounded) and redacts the captured request and answer;
 * each side gets `maxCharacters`. Returns the captured messages and their searchable text.
 */
export function redactCaptured(
  captured: CapturedMessages,
  redact: Redactor,
  maxCharacters: number,
): { captured: CapturedMessages; text?: string } {
  if (captured.level !== "full") return { captured };
  const requestBudget = new Budget(maxCharacters);
  const responseBudget = new Budget(maxCharacters);
  const request = (captured.request as CapturedMessage[] | undefined)?.map((message) => ({
    role: message.role,
    content: redact(requestBudget.take(message.content)),
  }));
  const response = (captured.response as CapturedChoice[] | undefined)?.map((choice) => ({
    text: redact(responseBudget.take(choice.text)),
    ...(choice.reasoning !== undefined ? { reasoning: redact(responseBudget.take(choice.reasoning)) } : {}),
    ...(choice.toolCalls
      ? {
          toolCalls: choice.toolCalls.map((call) => ({
            name: call.name,
            arguments: redact(responseBudget.take(call.arguments)),
          })),
        }
      : {}),
  }));
  const truncated = requestBudget.truncated || responseBudget.truncated;
  const parts = [
    ...(request ?? []).map((message) => message.content),
    ...(response ?? []).flatMap((choice) => [choice.text, choice.reasoning ?? ""]),
  ];
  return {
    captured: { ...captured, request, response, ...(truncated ? { truncated } : {}) },
    text: parts.filter((part) => part.length > 0).join("\n"),
  };
}
