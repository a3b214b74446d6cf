import { isAbsolute, resolve } from "node:path";
import type { Logger } from "pino";
import type { SwitchyardConfig } from "../config/schema.js";
import type { SinkConfig, TelemetryConfig } from "../config/telemetry-schema.js";
import type { LogEvent } from "../contract/log-event.js";
import type { LogStore } from "../stores/logs/log-store.js";
import { openLogStore } from "../stores/logs/open-log-store.js";
import type { Storage } from "../stores/storage.js";
import { enrichLogEvent } from "./enrich-log-event.js";
import { GatewayMetrics } from "./gateway-metrics.js";
import type { LogSink } from "./log-sink.js";
import { createPriceTable, type PriceTable } from "./price-table.js";
import { redactCaptured } from "./redact-captured.js";
import { createRedactor, type Redactor } from "./redactor.js";
import { SinkQueue, type SinkQueueOptions } from "./sink-queue.js";
import { databaseSink } from "./sinks/database-sink.js";
import { fileSink } from "./sinks/file-sink.js";
import { otlpTraceSink } from "./sinks/otlp-trace-sink.js";
import { stdoutSink } from "./sinks/stdout-sink.js";
import { webhookSink } from "./sinks/webhook-sink.js";
import { toLogRecord } from "./to-log-record.js";

const RETENTION_EVERY_MS = 3_600_000;
/** Spans ride the same bounded, batched queue as log events. */
const TRACE_QUEUE = { queueSize: 10_000, batchSize: 256, flushIntervalMs: 1_000, attempts: 2 };

/**
 * The process's telemetry: log sinks behind bounded queues, the log store the admin API reads,
 * and the metrics registry. It belongs to the process, not to a config version, so a reload
 * never loses queued events; sink changes take effect on restart.
 */
export class Telemetry {
  private readonly queues: SinkQueue[];
  private readonly redactors = new WeakMap<TelemetryConfig["capture"], Redactor>();
  private readonly prices = new WeakMap<object, PriceTable>();
  private readonly retentionTimer: NodeJS.Timeout | undefined;
  private closing = false;

  private constructor(
    readonly store: LogStore,
    readonly metrics: GatewayMetrics,
    sinks: Array<{ sink: LogSink; options: SinkQueueOptions }>,
    retentionDays: number | undefined,
    private readonly logger: Logger,
  ) {
    const events = {
      dropped: (sink: string, count: number) => {
        metrics.countDropped(sink, count);
        if (this.closing) logger.warn({ sink, dropped: count }, "request logs dropped at shutdown");
      },
      failed: (sink: string, error: unknown) => {
        metrics.countWriteFailure(sink);
        logger.warn({ err: error, sink }, "writing request logs failed");
      },
    };
    this.queues = sinks.map(({ sink, options }) => new SinkQueue(sink, options, events));
    if (retentionDays !== undefined) {
      const sweep = () =>
        void store
          .deleteBefore(Date.now() - retentionDays * 86_400_000)
          .then((deleted) => deleted > 0 && logger.info({ deleted }, "deleted request logs past retention"))
          .catch((error: unknown) => logger.warn({ err: error }, "deleting old request logs failed"));
      sweep();
      this.retentionTimer = setInterval(sweep, RETENTION_EVERY_MS).unref();
    }
  }

  static async open(config: SwitchyardConfig, storage: Storage, configDirectory: string, logger: Logger) {
    const telemetry = config.telemetry;
    const store = await openLogStore(storage);
    const sinks: Array<{ sink: LogSink; options: SinkQueueOptions }> = telemetry.sinks.map((options) => ({
      sink: createSink(options, store, storage.kind, configDirectory),
      options,
    }));
    const { otlpEndpoint, headers, serviceName } = telemetry.tracing;
    if (otlpEndpoint) {
      sinks.push({ sink: await otlpTraceSink({ url: otlpEndpoint, headers, serviceName }), options: TRACE_QUEUE });
    }
    let queues: SinkQueue[] = [];
    const metrics = new GatewayMetrics(telemetry.metrics.maxLabelValues, () =>
      queues.map((queue) => ({ sink: queue.sink.name, depth: queue.depth })),
    );
    const instance = new Telemetry(store, metrics, sinks, telemetry.retentionDays, logger);
    queues = instance.queues;
    return instance;
  }

  /**
   * Takes one request's log event: enriches it, caps and redacts captured messages, counts it
   * in the metrics and queues it for every sink. Never waits on a sink. Returns the event as
   * stored, for onLog hooks.
   */
  record(event: LogEvent, config: SwitchyardConfig): LogEvent {
    const enriched = enrichLogEvent(event, (logged) => this.costOf(logged, config));
    if (enriched.user && enriched.metadata && enriched.metadata.user === undefined) {
      enriched.metadata = Object.assign({}, enriched.metadata, { user: enriched.user });
    }
    let text: string | undefined;
    if (enriched.captured) {
      const redacted = redactCaptured(
        enriched.captured,
        this.redactorFor(config.telemetry.capture),
        config.telemetry.capture.maxCharacters,
      );
      enriched.captured = redacted.captured;
      text = redacted.text;
    }
    if (config.telemetry.metrics.enabled) this.metrics.observe(enriched);
    if (this.queues.length > 0) {
      const record = toLogRecord(enriched, text);
      for (const queue of this.queues) queue.push(record);
    }
    return enriched;
  }

  /** Writes what is queued (up to `timeoutMs`), then closes the sinks. */
  async close(timeoutMs: number): Promise<void> {
    clearInterval(this.retentionTimer);
    this.closing = true;
    const deadline = performance.now() + timeoutMs;
    await Promise.allSettled(this.queues.map((queue) => queue.close(deadline)));
    this.logger.debug("request log sinks flushed");
  }

  private redactorFor(capture: TelemetryConfig["capture"]): Redactor {
    let redactor = this.redactors.get(capture);
    if (!redactor) {
      redactor = createRedactor(capture.redact, capture.detectors);
      this.redactors.set(capture, redactor);
    }
    return redactor;
  }

  private costOf(event: LogEvent, config: SwitchyardConfig): number | undefined {
    if (!event.provider || !event.upstreamModel || !event.usage) return undefined;
    let table = this.prices.get(config);
    if (!table) {
      table = createPriceTable(config.auth.prices);
      this.prices.set(config, table);
    }
    const type = config.providers[event.provider]?.type;
    return (
      table.costOf(event.provider, event.upstreamModel, event.usage) ??
      (type ? table.costOf(type, event.upstreamModel, event.usage) : undefined)
    );
  }
}

function createSink(
  options: SinkConfig,
  store: LogStore,
  storageKind: Storage["kind"],
  configDirectory: string,
): LogSink {
  switch (options.type) {
    case "database":
      return databaseSink(store, storageKind);
    case "file":
      return fileSink({
        path: isAbsolute(options.path) ? options.path : resolve(configDirectory, options.path),
        maxBytes: options.maxBytes,
        maxFiles: options.maxFiles,
      });
    case "stdout":
      return stdoutSink();
    case "webhook":
      return webhookSink({ url: options.url, headers: options.headers, timeoutMs: options.timeoutMs });
  }
}
