import { GatewayError } from "../contract/errors.js";
import type { Plugin } from "../contract/plugin.js";
import type { ChatContext } from "../contract/request-context.js";
import { toPluginError } from "./plugin-chain.js";
import type { ChatOutcome } from "./run-chat.js";

/**
 * Runs `run` (the request's hooks and upstream call) inside the wrapChat hooks of `wrappers`,
 * the first outermost. Resolves with the outcome as soon as the innermost next() has it, so the
 * answer can be sent while every wrapper still awaits next(); the outcome's `finish`, called
 * once the answer is sent, lets next() settle. A request that fails before an outcome rejects
 * only once every wrapper has returned.
 */
export function runWrapped(
  ctx: ChatContext,
  wrappers: readonly Plugin[],
  run: () => Promise<ChatOutcome>,
): Promise<ChatOutcome> {
  return new WrappedChat(ctx, wrappers, run).start();
}

class WrappedChat {
  private outcome: ChatOutcome | undefined;
  /** The first failure before an outcome: the inner one, or a wrapper's before its next(). */
  private failure: { error: unknown } | undefined;
  private chainSettled = false;
  private publish!: (outcome: ChatOutcome) => void;
  private refuse!: (error: unknown) => void;
  private sent!: () => void;
  private sendFailed!: (error: GatewayError) => void;
  private sendFailure: GatewayError | undefined;
  private readonly finished: Promise<void>;
  private settled: Promise<void> = Promise.resolve();
  /** An error a wrapper threw once its next() was called: the answer is not its to change. */
  private late: unknown;

  constructor(
    private readonly ctx: ChatContext,
    private readonly wrappers: readonly Plugin[],
    private readonly run: () => Promise<ChatOutcome>,
  ) {
    this.finished = new Promise<void>((resolve, reject) => {
      this.sent = resolve;
      this.sendFailed = reject;
    });
  }

  start(): Promise<ChatOutcome> {
    const published = new Promise<ChatOutcome>((resolve, reject) => {
      this.publish = resolve;
      this.refuse = reject;
    });
    this.settled = this.layer(0).then(
      () => this.afterChain(undefined),
      (error: unknown) => this.afterChain({ error }),
    );
    return published;
  }

  /** Lets every next() settle (rejecting with `failure`); resolves with an error a wrapper threw after its next(). */
  finish(failure: GatewayError | undefined): Promise<unknown> {
    this.sendFailure = failure;
    if (failure) this.sendFailed(failure);
    else this.sent();
    return this.settled.then(() => this.late);
  }

  private layer(index: number): Promise<void> {
    if (index === this.wrappers.length) return this.inner();
    const plugin = this.wrappers[index] as Plugin;
    let called = false;
    const next = (): Promise<void> => {
      if (called) {
        return Promise.reject(
          new GatewayError("plugin_failed", `Plugin "${plugin.name}" called next() more than once in wrapChat.`),
        );
      }
      called = true;
      const inner = this.layer(index + 1);
      // A wrapper that does not await next() must not leave an unhandled rejection behind.
      inner.catch(ignore);
      return inner;
    };
    return callWrapper(plugin, this.ctx, next).then(
      () => {
        if (!called) {
          this.fail(
            new GatewayError("plugin_failed", `Plugin "${plugin.name}" returned from wrapChat without calling next().`),
          );
        }
      },
      (error: unknown) => {
        if (!called) this.fail(toPluginError(plugin, error));
        throw error;
      },
    );
  }

  private async inner(): Promise<void> {
    let outcome: ChatOutcome;
    try {
      outcome = await this.run();
    } catch (error) {
      this.fail(error);
      throw error;
    }
    outcome.finish = (failure) => this.finish(failure);
    this.outcome = outcome;
    this.publish(outcome);
    return this.finished;
  }

  private fail(error: unknown): void {
    if (this.failure || this.outcome) return;
    this.failure = { error };
    // Wrappers that did not await next() have all returned already.
    if (this.chainSettled) this.refuse(error);
  }

  private afterChain(thrown: { error: unknown } | undefined): void {
    this.chainSettled = true;
    if (this.failure && !this.outcome) {
      this.refuse(this.failure.error);
      return;
    }
    // Past a published outcome, or thrown by a wrapper that did not await its next().
    if (thrown && thrown.error !== this.sendFailure) this.late = thrown.error;
  }
}

function callWrapper(plugin: Plugin, ctx: ChatContext, next: () => Promise<void>): Promise<void> {
  try {
    return Promise.resolve(plugin.wrapChat?.(ctx, next));
  } catch (error) {
    return Promise.reject(error);
  }
}

function ignore(): void {}
