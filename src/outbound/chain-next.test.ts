import { describe, expect, it } from "vitest";
import { chainNext, ENDED } from "./chain-next.js";

const fail = (error: unknown): never => {
  throw new Error(`failed: ${(error as Error).message}`);
};

describe("chainNext", () => {
  it("hands the source's next result to onRead", async () => {
    const source: AsyncIterator<number> = { next: async () => ({ done: false, value: 7 }) };
    await expect(chainNext(source, (read) => (read.done ? -1 : read.value * 2), fail)).resolves.toBe(14);
    const ended: AsyncIterator<number> = { next: async () => ENDED };
    await expect(chainNext(ended, (read) => read.done, fail)).resolves.toBe(true);
  });

  it("sends a rejected next and a next that throws at once to onFailure", async () => {
    const rejecting: AsyncIterator<number> = { next: () => Promise.reject(new Error("reset")) };
    await expect(chainNext(rejecting, () => 0, fail)).rejects.toThrow("failed: reset");
    const throwing: AsyncIterator<number> = {
      next: () => {
        throw new Error("at once");
      },
    };
    await expect(chainNext(throwing, () => 0, fail)).rejects.toThrow("failed: at once");
  });
});
