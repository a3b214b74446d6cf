import { Counter, Gauge, Histogram, Registry } from "prom-client";
import type { LogEvent } from "../contract/log-event.js";
import { LabelLimiter } from "./label-limiter.js";

// Bucket boundaries advised by the OpenTelemetry GenAI semantic conventions.
const TOKEN_BUCKETS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864];
const DURATION_BUCKETS = [0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92];
const FIRST_TOKEN_BUCKETS = [0.001, 0.005, 0.01, 0.02, 0.04, 0.06, 0.08, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const GENAI_LABELS = ["gen_ai_operation_name", "gen_ai_provider_name", "gen_ai_request_model"] as const;
const SIMILARITY_BUCKETS = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.92, 0.94, 0.96, 0.98, 0.99, 1];
const CIRCUIT_STATES = ["closed", "open", "half-open"] as const;

/** A target's circuit as the router sees it (src/router/target-health.ts). */
export interface CircuitReading {
  target: string;
  circuit: (typeof CIRCUIT_STATES)[number];
}

/**
 * The process's Prometheus metrics (its own registry, never prom-client's global one). GenAI
 * metrics follow the OpenTelemetry semantic conventions, dots becoming underscores and the unit
 * a suffix (gen_ai.client.operation.duration, unit s → gen_ai_client_operation_duration_seconds).
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly models: LabelLimiter;
  private readonly providers: LabelLimiter;
  private readonly cacheStatuses = new LabelLimiter(10);
  private readonly tokens;
  private readonly duration;
  private readonly firstToken;
  private readonly requests;
  private readonly cache;
  private readonly retries;
  private readonly fallbacks;
  private readonly cost;
  private readonly dropped;
  private readonly writeFailures;
  private readonly costSaved;
  private readonly similarity;
  private readonly circuitTargets: LabelLimiter;
  private circuits: () => CircuitReading[] = () => [];

  constructor(maxLabelValues: number, queueDepth: () => Array<{ sink: string; depth: number }>) {
    this.models = new LabelLimiter(maxLabelValues);
    this.providers = new LabelLimiter(maxLabelValues);
    const registers = [this.registry];
    this.tokens = new Histogram({
      name: "gen_ai_client_token_usage",
      help: "Tokens used per request (gen_ai.client.token.usage, unit {token}), by gen_ai_token_type input or output.",
      labelNames: [...GENAI_LABELS, "gen_ai_token_type"],
      buckets: TOKEN_BUCKETS,
      registers,
    });
    this.duration = new Histogram({
      name: "gen_ai_client_operation_duration_seconds",
      help: "Duration of a request through the gateway (gen_ai.client.operation.duration, unit s).",
      labelNames: [...GENAI_LABELS, "error_type"],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.firstToken = new Histogram({
      name: "gen_ai_server_time_to_first_token_seconds",
      help: "Time from the request to the first streamed chunk (gen_ai.server.time_to_first_token, unit s).",
      labelNames: GENAI_LABELS,
      buckets: FIRST_TOKEN_BUCKETS,
      registers,
    });
    this.requests = new Counter({
      name: "switchyard_requests_total",
      help: "Requests by endpoint and HTTP status.",
      labelNames: ["endpoint", "status"],
      registers,
    });
    this.cache = new Counter({
      name: "switchyard_cache_requests_total",
      help: "Requests by cache status (hit, miss, …) as the cache plugins reported it.",
      labelNames: ["cache_status"],
      registers,
    });
    this.retries = new Counter({
      name: "switchyard_upstream_retries_total",
      help: "Upstream attempts that retried the same target.",
      labelNames: ["gen_ai_provider_name"],
      registers,
    });
    this.fallbacks = new Counter({
      name: "switchyard_upstream_fallbacks_total",
      help: "Upstream attempts that moved on to another target.",
      labelNames: ["gen_ai_provider_name"],
      registers,
    });
    this.cost = new Counter({
      name: "switchyard_cost_usd_total",
      help: "Cost in USD of requests with a known price.",
      labelNames: ["gen_ai_provider_name", "gen_ai_request_model"],
      registers,
    });
    this.dropped = new Counter({
      name: "switchyard_log_events_dropped_total",
      help: "Log events a sink dropped (queue full, or a batch failed every try).",
      labelNames: ["sink"],
      registers,
    });
    this.writeFailures = new Counter({
      name: "switchyard_log_write_failures_total",
      help: "Failed batch writes to a log sink (each try).",
      labelNames: ["sink"],
      registers,
    });
    this.costSaved = new Counter({
      name: "switchyard_cache_cost_saved_usd_total",
      help: "USD not spent upstream because a cache answered (estimated from the price table).",
      labelNames: ["cache_status"],
      registers,
    });
    this.similarity = new Histogram({
      name: "switchyard_cache_similarity",
      help: "Cosine similarity of semantic cache hits.",
      buckets: SIMILARITY_BUCKETS,
      registers,
    });
    this.circuitTargets = new LabelLimiter(maxLabelValues);
    const metrics = this;
    new Gauge({
      name: "switchyard_circuit_state",
      help: "1 for each target's current circuit state (closed, open, half-open), 0 for the others.",
      labelNames: ["target", "state"],
      registers,
      collect() {
        for (const reading of metrics.circuits()) {
          const target = metrics.circuitTargets.value(reading.target);
          for (const state of CIRCUIT_STATES) this.set({ target, state }, reading.circuit === state ? 1 : 0);
        }
      },
    });
    new Gauge({
      name: "switchyard_log_queue_depth",
      help: "Log events waiting in a sink's queue.",
      labelNames: ["sink"],
      registers,
      collect() {
        for (const { sink, depth } of queueDepth()) this.set({ sink }, depth);
      },
    });
  }

  observe(event: LogEvent): void {
    const genai = {
      gen_ai_operation_name: event.endpoint === "embeddings" ? "embeddings" : "chat",
      gen_ai_provider_name: this.providers.value(event.provider),
      gen_ai_request_model: this.models.value(event.model),
    };
    this.requests.inc({ endpoint: event.endpoint, status: String(event.status) });
    // Own labels before the spread, not after: see DEVELOPERS.md, "The request path".
    this.duration.observe({ error_type: event.errorCode ?? "", ...genai }, event.durationMs / 1000);
    if (event.timeToFirstTokenMs !== undefined) this.firstToken.observe(genai, event.timeToFirstTokenMs / 1000);
    if (event.usage) {
      this.tokens.observe({ gen_ai_token_type: "input", ...genai }, event.usage.inputTokens);
      this.tokens.observe({ gen_ai_token_type: "output", ...genai }, event.usage.outputTokens);
    }
    if (event.cacheStatus) {
      const cacheStatus = this.cacheStatuses.value(event.cacheStatus);
      this.cache.inc({ cache_status: cacheStatus });
      const saved = event.fields.costSavedUsd;
      if (typeof saved === "number" && saved > 0) this.costSaved.inc({ cache_status: cacheStatus }, saved);
      const similarity = event.fields.cacheSimilarity;
      if (typeof similarity === "number") this.similarity.observe(similarity);
    }
    if (event.retries) this.retries.inc({ gen_ai_provider_name: genai.gen_ai_provider_name }, event.retries);
    if (event.fallbacks) this.fallbacks.inc({ gen_ai_provider_name: genai.gen_ai_provider_name }, event.fallbacks);
    if (event.costUsd) {
      this.cost.inc(
        { gen_ai_provider_name: genai.gen_ai_provider_name, gen_ai_request_model: genai.gen_ai_request_model },
        event.costUsd,
      );
    }
  }

  /** Where the circuit gauge reads from; set once the router's health registry exists. */
  watchCircuits(read: () => CircuitReading[]): void {
    this.circuits = read;
  }

  countDropped(sink: string, count: number): void {
    this.dropped.inc({ sink }, count);
  }

  countWriteFailure(sink: string): void {
    this.writeFailures.inc({ sink });
  }
}
