import { describe, expect, it } from "vitest";
import { testChatContext } from "../../test/support/chat-context.js";
import { GatewayError } from "../contract/errors.js";
import type { Plugin } from "../contract/plugin.js";
import type { ChatOutcome } from "./run-chat.js";
import { runWrapped } from "./wrap-chat.js";

const answer = (): ChatOutcome => ({
  kind: "response",
  response: { id: "x", model: "m", created: 0, choices: [] },
  route: { attempts: [], upstreamMs: 0 },
});

function around(name: string, calls: string[]): Plugin {
  return {
    name,
    async wrapChat(_ctx, next) {
      calls.push(`${name} before`);
      try {
        await next();
        calls.push(`${name} after`);
      } catch (error) {
        calls.push(`${name} saw ${(error as Error).message}`);
        throw error;
      }
    },
  };
}

describe("runWrapped", () => {
  it("nests wrappers first-outermost; the outcome comes before next() settles, which waits for finish", async () => {
    const calls: string[] = [];
    const outcome = await runWrapped(testChatContext(), [around("a", calls), around("b", calls)], async () => {
      calls.push("inner");
      return answer();
    });
    expect(calls).toEqual(["a before", "b before", "inner"]);
    expect(await outcome.finish?.(undefined)).toBeUndefined();
    expect(calls).toEqual(["a before", "b before", "inner", "b after", "a after"]);
  });

  it("rejects next() with the failure finish reports (an error once the stream had begun)", async () => {
    const calls: string[] = [];
    const outcome = await runWrapped(testChatContext(), [around("a", calls)], async () => answer());
    const late = await outcome.finish?.(new GatewayError("upstream_stream_error", "cut off"));
    expect(late).toBeUndefined();
    expect(calls).toEqual(["a before", "a saw cut off"]);
  });

  it("fails with the inner error only after every wrapper has seen it, even one that swallows it", async () => {
    const calls: string[] = [];
    const swallow: Plugin = {
      name: "swallow",
      async wrapChat(_ctx, next) {
        await next().catch(() => calls.push("swallowed"));
      },
    };
    const run = runWrapped(testChatContext(), [around("a", calls), swallow], () =>
      Promise.reject(new GatewayError("upstream_error", "no")),
    );
    await expect(run).rejects.toThrow("no");
    expect(calls).toEqual(["a before", "swallowed", "a after"]);
  });

  it("a wrapper that throws before next() refuses the request without running it, naming the plugin", async () => {
    let ran = false;
    const refuse: Plugin = {
      name: "refuse",
      async wrapChat() {
        throw new Error("not today");
      },
    };
    const run = runWrapped(testChatContext(), [refuse], async () => {
      ran = true;
      return answer();
    });
    await expect(run).rejects.toThrow('Plugin "refuse" failed: not today');
    expect(ran).toBe(false);
  });

  it("refuses a wrapper that returns without calling next(), and one that calls it twice", async () => {
    const skip: Plugin = { name: "skip", async wrapChat() {} };
    await expect(runWrapped(testChatContext(), [skip], async () => answer())).rejects.toThrow(
      'Plugin "skip" returned from wrapChat without calling next().',
    );
    let second: unknown;
    const twice: Plugin = {
      name: "twice",
      async wrapChat(_ctx, next) {
        await next();
        second = await next().catch((error: unknown) => error);
      },
    };
    const outcome = await runWrapped(testChatContext(), [twice], async () => answer());
    await outcome.finish?.(undefined);
    expect((second as Error).message).toBe('Plugin "twice" called next() more than once in wrapChat.');
  });

  it("hands back an error a wrapper throws after next(), without changing the answer", async () => {
    const late: Plugin = {
      name: "late",
      async wrapChat(_ctx, next) {
        await next();
        throw new Error("cleanup failed");
      },
    };
    const outcome = await runWrapped(testChatContext(), [late], async () => answer());
    expect(outcome.kind).toBe("response");
    expect(await outcome.finish?.(undefined)).toEqual(new Error("cleanup failed"));
  });

  it("reports, not loses, an error from a wrapper that did not await its next()", async () => {
    const hasty: Plugin = {
      name: "hasty",
      async wrapChat(_ctx, next) {
        void next();
        throw new Error("too soon");
      },
    };
    const outcome = await runWrapped(testChatContext(), [hasty], async () => answer());
    expect(await outcome.finish?.(undefined)).toEqual(new Error("too soon"));
  });
});
