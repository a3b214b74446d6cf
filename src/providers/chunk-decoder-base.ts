import { GatewayError } from "../contract/errors.js";
import type { StreamChunk, StreamEvent } from "../contract/stream-event.js";
import type { ChunkDecoder } from "../outbound/chunk-stream.js";
import { streamTruncated } from "../outbound/stream-truncated.js";

/**
 * What every provider's stream decoder shares: when the stream is over (its terminal item, or an
 * error), the error that ends it, and the truncation of a body that stopped early. A subclass
 * decodes items and says, where its provider has one, when a stream without its terminal item is
 * still whole (`endedWhole`).
 *
 * Plain fields and methods: a decoder runs for every event of every open stream.
 */
export abstract class ChunkDecoderBase<Item> implements ChunkDecoder<Item> {
  /** The stream's terminal item was read. */
  complete = false;
  /** An in-band error or an item that cannot be read came. */
  protected failed = false;

  constructor(
    protected readonly provider: string,
    /** The upstream's request id, carried by the errors the gateway reports for this stream. */
    protected readonly requestId?: string,
  ) {}

  abstract decode(item: Item): StreamChunk | undefined;

  /** Events held back until the stream ends; they go out before an error that ends it. */
  heldEvents?(): StreamEvent[];

  /** Nothing more is to be read. */
  get ended(): boolean {
    return this.complete || this.failed;
  }

  /**
   * A body that ended before the terminal item was cut short, unless the stream ended whole
   * anyway; either way the events held back go out.
   */
  cut(): StreamChunk | undefined {
    if (!this.endedWhole()) return this.failedChunk(streamTruncated(this.provider, this.requestId));
    const held = this.heldEvents?.();
    return held && held.length > 0 ? { events: held } : undefined;
  }

  /** Whether a stream is whole without its terminal item (every choice finished, say). */
  protected endedWhole(): boolean {
    return false;
  }

  /** Ends the stream with `error`, after any events held back. */
  protected failInto(events: StreamEvent[], error: GatewayError): void {
    this.failed = true;
    const held = this.heldEvents?.();
    if (held) for (const event of held) events.push(event);
    events.push({ type: "error", error });
  }

  /** A chunk that ends the stream with `error`. */
  protected failedChunk(error: GatewayError): StreamChunk {
    const events: StreamEvent[] = [];
    this.failInto(events, error);
    return { events };
  }

  /** The error for an item the gateway cannot read: "Provider "x" sent `what`." */
  protected badItem(what: string): GatewayError {
    const upstream =
      this.requestId === undefined
        ? { provider: this.provider }
        : { provider: this.provider, requestId: this.requestId };
    return new GatewayError("upstream_bad_response", `Provider "${this.provider}" sent ${what}.`, { upstream });
  }
}
