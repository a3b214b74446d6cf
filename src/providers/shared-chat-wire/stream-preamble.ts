import type { StreamEvent } from "../../contract/stream-event.js";

/** The events that open a single-choice stream: stream-start, then the assistant's role on choice 0. */
export function pushStreamPreamble(events: StreamEvent[], id: string, model: string, created: number): void {
  events.push({ type: "stream-start", id, model, created });
  events.push({ type: "role-start", choiceIndex: 0 });
}
