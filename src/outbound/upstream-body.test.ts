import { describe, expect, it } from "vitest";
import { type BodyFeed, UpstreamBody } from "./upstream-body.js";

function recordingFeed() {
  const calls: string[] = [];
  const feed: BodyFeed = {
    pause: () => calls.push("pause"),
    resume: () => calls.push("resume"),
    abort: (reason) => calls.push(`abort: ${reason.message}`),
  };
  return { feed, calls };
}

function bodyWithFeed() {
  const { feed, calls } = recordingFeed();
  let settled = 0;
  const body = new UpstreamBody(feed, () => settled++);
  return { body, calls, settled: () => settled };
}

describe("UpstreamBody", () => {
  it("gives the whole text once the body ends, from chunks that split a character", async () => {
    const { body, settled } = bodyWithFeed();
    const text = body.text();
    const bytes = Buffer.from("héllo, wörld");
    body.push(bytes.subarray(0, 2));
    body.push(bytes.subarray(2));
    body.end();
    expect(await text).toBe("héllo, wörld");
    expect(settled()).toBe(1);
  });

  it("reads one network read at a time and wakes a waiting reader", () => {
    const { body } = bodyWithFeed();
    expect(body.read()).toBeNull();
    let woken = 0;
    body.wait(() => woken++);
    body.push(Buffer.from("a"));
    body.push(Buffer.from("b"));
    expect(woken).toBe(1);
    expect(body.read()?.toString()).toBe("a");
    expect(body.read()?.toString()).toBe("b");
    expect(body.read()).toBeNull();
    body.wait(() => woken++);
    body.end();
    expect(woken).toBe(2);
    expect(body.ended).toBe(true);
  });

  it("pauses the socket over 64 KiB unread and resumes it once the reader caught up", () => {
    const { body, calls } = bodyWithFeed();
    const piece = Buffer.alloc(40 * 1024, 1);
    body.push(piece);
    expect(calls).toEqual([]);
    body.push(piece);
    expect(calls).toEqual(["pause"]);
    body.push(piece);
    expect(calls).toEqual(["pause"]);
    body.read();
    expect(calls).toEqual(["pause"]);
    body.read();
    expect(calls).toEqual(["pause", "resume"]);
  });

  it("never pauses a body wanted whole", async () => {
    const { body, calls } = bodyWithFeed();
    const text = body.text();
    for (let index = 0; index < 4; index++) body.push(Buffer.alloc(40 * 1024, 0x61));
    body.end();
    expect((await text).length).toBe(160 * 1024);
    expect(calls).toEqual([]);
  });

  it("hands over what arrived before a failure, then the failure", async () => {
    const { body, settled } = bodyWithFeed();
    body.push(Buffer.from("partial"));
    const reset = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
    body.fail(reset);
    body.end();
    expect(body.read()?.toString()).toBe("partial");
    expect(body.read()).toBeNull();
    expect(body.error).toBe(reset);
    await expect(body.text()).rejects.toBe(reset);
    expect(settled()).toBe(1);
  });

  it("aborts the request when let go before its end, and only then", () => {
    const { body, calls, settled } = bodyWithFeed();
    body.push(Buffer.from("x"));
    body.destroy();
    body.destroy();
    expect(calls).toEqual(["abort: The body was let go before its end."]);
    expect(body.read()).toBeNull();
    body.push(Buffer.from("late"));
    expect(body.read()).toBeNull();
    expect(settled()).toBe(1);

    const ended = bodyWithFeed();
    ended.body.end();
    ended.body.destroy();
    expect(ended.calls).toEqual([]);
    expect(ended.settled()).toBe(1);
  });

  it("drops the rest of a drained body but lets it finish", () => {
    const { body, calls, settled } = bodyWithFeed();
    body.push(Buffer.alloc(70 * 1024));
    expect(calls).toEqual(["pause"]);
    body.drain();
    expect(calls).toEqual(["pause", "resume"]);
    body.push(Buffer.from("rest"));
    expect(body.read()).toBeNull();
    expect(settled()).toBe(0);
    body.end();
    expect(settled()).toBe(1);
  });

  it("is an async iterable; leaving the loop early lets the body go", async () => {
    const { body, calls } = bodyWithFeed();
    setTimeout(() => {
      body.push(Buffer.from("one"));
      body.push(Buffer.from("two"));
    }, 1);
    const seen: string[] = [];
    for await (const chunk of body) {
      seen.push(chunk.toString());
      if (seen.length === 2) break;
    }
    expect(seen).toEqual(["one", "two"]);
    expect(calls).toEqual(["abort: The body was let go before its end."]);
  });

  it("ends iteration at the end and throws a failure", async () => {
    const ended = bodyWithFeed();
    ended.body.push(Buffer.from("all"));
    ended.body.end();
    const chunks: string[] = [];
    for await (const chunk of ended.body) chunks.push(chunk.toString());
    expect(chunks).toEqual(["all"]);

    const failed = bodyWithFeed();
    failed.body.fail(new Error("reset"));
    await expect(
      (async () => {
        for await (const _chunk of failed.body) {
          // nothing arrives
        }
      })(),
    ).rejects.toThrow("reset");
  });
});
