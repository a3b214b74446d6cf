import { createParser, type EventSourceMessage, type EventSourceParser } from "eventsource-parser";
import type { Framing } from "./chunk-stream.js";

/** Server-sent events: eventsource-parser cuts the text into messages. */
export class SseFraming implements Framing {
  private readonly parser: EventSourceParser;

  constructor(onMessage: (message: EventSourceMessage) => void) {
    this.parser = createParser({ onEvent: onMessage });
  }

  feed(text: string): void {
    this.parser.feed(text);
  }

  /** An event still missing its blank line when the body ends is dropped, as EventSource does. */
  end(): void {}
}
