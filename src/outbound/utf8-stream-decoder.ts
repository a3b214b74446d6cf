import { StringDecoder } from "node:string_decoder";

/**
 * Turns a body's bytes into text read by read: a character split across reads is joined, and a
 * leading byte order mark is dropped (as TextDecoder does). node:string_decoder rather than
 * TextDecoder, whose ICU converter costs about twice the memory per open stream.
 */
export class Utf8StreamDecoder {
  private readonly decoder = new StringDecoder("utf8");
  private started = false;

  write(chunk: Uint8Array): string {
    return this.withoutBom(this.decoder.write(chunk));
  }

  end(): string {
    return this.withoutBom(this.decoder.end());
  }

  private withoutBom(text: string): string {
    if (this.started || text === "") return text;
    this.started = true;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  }
}
