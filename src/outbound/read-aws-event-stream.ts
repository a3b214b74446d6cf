import { crc32 } from "node:zlib";
import { EventStreamCodec, type Message, type MessageHeaders } from "@smithy/eventstream-codec";
import { fromUtf8, toUtf8 } from "@smithy/util-utf8";

export type { Message as AwsEventStreamMessage, MessageHeaders as AwsEventStreamHeaders };

/**
 * A body that is not a well-formed `application/vnd.amazon.eventstream`: `corrupt` for a bad
 * checksum, length or header block, `truncated` when the body ends inside a message.
 */
export class AwsEventStreamError extends Error {
  constructor(
    readonly kind: "corrupt" | "truncated",
    message: string,
  ) {
    super(message);
    this.name = "AwsEventStreamError";
  }
}

/** total_length, headers_length and the prelude CRC, each a big-endian uint32. */
const PRELUDE_BYTES = 12;
/** Prelude plus the trailing message CRC. */
const OVERHEAD_BYTES = 16;
/** AWS caps a message at 16 MiB of payload and 128 KiB of headers; anything far above is garbage. */
const MAX_MESSAGE_BYTES = 24 * 1024 * 1024;

/**
 * Decodes an AWS event-stream body in one place: yields the messages of each network read as a
 * batch. A message split across reads waits for its remaining bytes; several in one read come
 * out together. EventStreamCodec checks both CRCs of every message; the prelude CRC is also
 * checked as soon as its 12 bytes arrive, so a garbage length never makes us wait for bytes
 * that will not come. Messages before a bad one are yielded before the error is thrown.
 */
export async function* readAwsEventStream(body: AsyncIterable<Uint8Array>): AsyncGenerator<Message[]> {
  const codec = new EventStreamCodec(toUtf8, fromUtf8);
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of body) {
    pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, chunk]);
    const batch: Message[] = [];
    let failure: AwsEventStreamError | undefined;
    let offset = 0;
    while (pending.length - offset >= PRELUDE_BYTES) {
      const totalLength = checkPrelude(pending, offset);
      if (typeof totalLength !== "number") {
        failure = totalLength;
        break;
      }
      if (pending.length - offset < totalLength) break;
      try {
        batch.push(codec.decode(pending.subarray(offset, offset + totalLength)));
      } catch (error) {
        failure = new AwsEventStreamError("corrupt", `Invalid event-stream message: ${describe(error)}`);
        break;
      }
      offset += totalLength;
    }
    pending = pending.subarray(offset);
    if (batch.length > 0) yield batch;
    if (failure) throw failure;
  }
  if (pending.length > 0) {
    const expected = pending.length >= 4 ? ` of ${pending.readUInt32BE(0)}` : "";
    throw new AwsEventStreamError(
      "truncated",
      `The event stream ended inside a message (${pending.length}${expected} bytes received).`,
    );
  }
}

/** The message's total length, or the error that makes its prelude unusable. */
function checkPrelude(bytes: Buffer, offset: number): number | AwsEventStreamError {
  const totalLength = bytes.readUInt32BE(offset);
  const headersLength = bytes.readUInt32BE(offset + 4);
  const preludeCrc = bytes.readUInt32BE(offset + 8);
  if (crc32(bytes.subarray(offset, offset + 8)) !== preludeCrc) {
    return new AwsEventStreamError("corrupt", "Invalid event-stream message: the prelude checksum does not match.");
  }
  if (totalLength < OVERHEAD_BYTES || totalLength > MAX_MESSAGE_BYTES || headersLength > totalLength - OVERHEAD_BYTES) {
    return new AwsEventStreamError(
      "corrupt",
      `Invalid event-stream message: length ${totalLength} with ${headersLength} bytes of headers.`,
    );
  }
  return totalLength;
}

/** The value of a string header (`:event-type`, `:message-type`, …), if the message has it. */
export function stringHeader(headers: MessageHeaders, name: string): string | undefined {
  const header = headers[name];
  return header?.type === "string" ? header.value : undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
