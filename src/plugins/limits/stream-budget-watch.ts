import { GatewayError } from "../../contract/errors.js";
import type { StreamEvent } from "../../contract/stream-event.js";
import { countTokens } from "../../privacy/count-tokens.js";
import type { AdmissionCheck, RequestEstimate } from "./admission-checks.js";
import type { Admission } from "./admit-request.js";

/** Returns what to do with each stream event: keep it (undefined), drop it (null), or end the stream. */
export type StreamBudgetWatch = (event: StreamEvent) => StreamEvent | null | undefined;

/**
 * Ends a stream cleanly, with an error event in the client's dialect, once its running use
 * (the prompt estimate plus the output so far, at the dearest known price) passes what its
 * budgets had left before it began. Undefined when the request has no budget to watch.
 */
export function watchStreamBudget(admission: Admission, estimate: RequestEstimate): StreamBudgetWatch | undefined {
  const rooms: Array<{ check: AdmissionCheck; room: number }> = [];
  for (const [index, check] of admission.reservation.checks.entries()) {
    const state = admission.states[index];
    if (!state || (check.kind !== "budget-tokens" && check.kind !== "budget-usd")) continue;
    rooms.push({ check, room: check.limit - (state.used - check.amount) });
  }
  if (rooms.length === 0) return undefined;
  const inputTokens = estimate.inputTokens();
  const price = estimate.price();
  let outputTokens = 0;
  let ended = false;
  return (event) => {
    if (ended) return null;
    const text = outputText(event);
    if (!text) return undefined;
    outputTokens += countTokens(text);
    const tokens = inputTokens + outputTokens;
    const microUsd = price ? inputTokens * price.inputPerMillion + outputTokens * price.outputPerMillion : undefined;
    for (const { check, room } of rooms) {
      const used = check.kind === "budget-tokens" ? tokens : microUsd;
      if (used === undefined || used <= room) continue;
      ended = true;
      admission.reservation.observed = { tokens, microUsd: microUsd === undefined ? undefined : Math.ceil(microUsd) };
      return {
        type: "error",
        error: new GatewayError(
          "budget_exceeded",
          `The stream was ended: its running cost passed what remained of the budget of ${check.owner}.`,
        ),
      };
    }
    return undefined;
  };
}

function outputText(event: StreamEvent): string | undefined {
  switch (event.type) {
    case "text-delta":
    case "reasoning-delta":
    case "refusal-delta":
      return event.text;
    case "tool-input-delta":
      return event.argumentsDelta;
    default:
      return undefined;
  }
}
