import { GatewayError, isGatewayError } from "../contract/errors.js";
import type { ChatReply, EmbeddingReply, Plugin } from "../contract/plugin.js";
import type { ChatContext, EmbeddingContext } from "../contract/request-context.js";
import type { StreamEvent } from "../contract/stream-event.js";

const NONE: readonly Plugin[] = [];

/**
 * Runs plugin hooks in the documented order: request hooks as listed, response and stream hooks
 * in reverse. A hook that throws a GatewayError refuses the request on purpose; any other
 * exception becomes a 500 that names the plugin.
 */
export class PluginChain {
  readonly hasStreamEventHooks: boolean;
  /** When true, streams are assembled into `ctx.response` for onStreamEnd hooks. */
  readonly hasStreamEndHooks: boolean;
  /** The plugins with a wrapChat hook, in order; empty (and the path unchanged) when none has one. */
  readonly wrappers: readonly Plugin[];
  private readonly reversed: readonly Plugin[];

  constructor(readonly plugins: readonly Plugin[]) {
    this.reversed = [...plugins].reverse();
    this.hasStreamEventHooks = plugins.some((plugin) => plugin.onStreamEvent);
    this.hasStreamEndHooks = plugins.some((plugin) => plugin.onStreamEnd);
    this.wrappers = plugins.some((plugin) => plugin.wrapChat) ? plugins.filter((plugin) => plugin.wrapChat) : NONE;
  }

  async onRequest(ctx: ChatContext): Promise<ChatReply | undefined> {
    for (const plugin of this.plugins) {
      if (!plugin.onRequest) continue;
      const reply = await guard(plugin, () => plugin.onRequest?.(ctx));
      if (reply) return reply;
    }
    return undefined;
  }

  async onResponse(ctx: ChatContext): Promise<void> {
    for (const plugin of this.reversed) {
      if (plugin.onResponse) await guard(plugin, () => plugin.onResponse?.(ctx));
    }
  }

  async onStreamStart(ctx: ChatContext): Promise<void> {
    for (const plugin of this.reversed) {
      if (plugin.onStreamStart) await guard(plugin, () => plugin.onStreamStart?.(ctx));
    }
  }

  async onStreamEnd(ctx: ChatContext): Promise<void> {
    for (const plugin of this.reversed) {
      if (plugin.onStreamEnd) await guard(plugin, () => plugin.onStreamEnd?.(ctx));
    }
  }

  /** Passes one event through every stream hook; returns the events to send on. */
  onStreamEvent(ctx: ChatContext, event: StreamEvent): StreamEvent[] {
    let events: StreamEvent[] = [event];
    for (const plugin of this.reversed) {
      if (!plugin.onStreamEvent) continue;
      const next: StreamEvent[] = [];
      for (const current of events) {
        const result = guardSync(plugin, () => plugin.onStreamEvent?.(ctx, current));
        if (result === undefined) next.push(current);
        else if (result !== null) next.push(...(Array.isArray(result) ? result : [result]));
      }
      events = next;
    }
    return events;
  }

  async onEmbeddingRequest(ctx: EmbeddingContext): Promise<EmbeddingReply | undefined> {
    for (const plugin of this.plugins) {
      if (!plugin.onEmbeddingRequest) continue;
      const reply = await guard(plugin, () => plugin.onEmbeddingRequest?.(ctx));
      if (reply) return reply;
    }
    return undefined;
  }

  async onEmbeddingResponse(ctx: EmbeddingContext): Promise<void> {
    for (const plugin of this.reversed) {
      if (plugin.onEmbeddingResponse) await guard(plugin, () => plugin.onEmbeddingResponse?.(ctx));
    }
  }

  /** Observers only: a failing onError hook must not hide the original error. */
  async onError(
    ctx: ChatContext | EmbeddingContext,
    error: GatewayError,
    report: (failure: unknown) => void,
  ): Promise<void> {
    for (const plugin of this.reversed) {
      if (!plugin.onError) continue;
      try {
        await plugin.onError(ctx, error);
      } catch (failure) {
        report(failure);
      }
    }
  }

  /** A chain with extra plugins after these (a virtual model's own). */
  extend(plugins: readonly Plugin[]): PluginChain {
    return plugins.length === 0 ? this : new PluginChain([...this.plugins, ...plugins]);
  }
}

async function guard<T>(plugin: Plugin, hook: () => T | Promise<T>): Promise<T> {
  try {
    return await hook();
  } catch (error) {
    throw toPluginError(plugin, error);
  }
}

function guardSync<T>(plugin: Plugin, hook: () => T): T {
  try {
    return hook();
  } catch (error) {
    throw toPluginError(plugin, error);
  }
}

export function toPluginError(plugin: Plugin, error: unknown): GatewayError {
  if (isGatewayError(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new GatewayError("plugin_failed", `Plugin "${plugin.name}" failed: ${detail}`, { cause: error });
}
