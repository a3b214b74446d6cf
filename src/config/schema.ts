import { z } from "zod";
import { authSchema } from "./auth-schema.js";
import { providerSchema } from "./provider-schema.js";
import { ragSchema } from "./rag-schema.js";
import { telemetrySchema } from "./telemetry-schema.js";

const duration = z.number().int().positive();

/** Failure conditions: "timeout", "connect" (unreachable), "bad_response", a status ("429"), a class ("5xx"), or an error code ("content_filter"). */
const failureCondition = z
  .string()
  .regex(
    /^(timeout|connect|bad_response|content_filter|[1-5]xx|[1-5]\d\d|[a-z_]+)$/,
    "a condition such as timeout, connect, 429, 5xx or content_filter",
  );

const retrySchema = z
  .object({
    /** Retries after the first attempt on the same target. */
    retries: z.number().int().min(0).max(10),
    /** First backoff; doubles each retry, with full jitter. */
    backoffMs: z.number().int().min(0),
    maxBackoffMs: z.number().int().min(0),
    /** A retry-after longer than this is not waited for: the target is left for the next one. */
    retryAfterCapMs: z.number().int().min(0),
    on: z.array(failureCondition),
  })
  .strict();

const partialRetrySchema = retrySchema.partial();

const circuitBreakerSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Consecutive failures that open the circuit. */
    consecutiveFailures: z.number().int().positive().default(5),
    /** Or: this share of failures among at least minimumRequests in the window. */
    failureRate: z.number().min(0).max(1).default(0.5),
    minimumRequests: z.number().int().positive().default(20),
    windowMs: z.number().int().positive().default(60_000),
    /** How long an open circuit skips the target before one probe is let through. */
    cooldownMs: z.number().int().positive().default(30_000),
  })
  .strict();

export const routingSchema = z
  .object({
    retry: retrySchema.prefault({
      retries: 2,
      backoffMs: 250,
      maxBackoffMs: 4_000,
      retryAfterCapMs: 10_000,
      on: ["connect", "timeout", "429", "5xx"],
    }),
    /** ms one attempt may take (a stream: until its first event). */
    attemptTimeoutMs: z.number().int().positive().default(120_000),
    /** ms all attempts and backoffs of one request may take together. */
    deadlineMs: z.number().int().positive().default(600_000),
    /** When a failed target hands over to the next one in a plan. */
    fallbackOn: z
      .array(failureCondition)
      .default(["connect", "timeout", "bad_response", "429", "5xx", "content_filter"]),
    circuitBreaker: circuitBreakerSchema.prefault({}),
  })
  .strict();

const targetSchema = z
  .object({
    provider: z.string().min(1),
    model: z.string().min(1),
    weight: z.number().positive().default(1),
    /** Request parameters forced for this target (for example temperature). */
    params: z.record(z.string(), z.unknown()).default({}),
    headers: z.record(z.string(), z.string()).default({}),
    retry: partialRetrySchema.optional(),
  })
  .strict();

export const pluginEntrySchema = z
  .object({
    /** A built-in plugin name, a path (./plugins/x.ts) or an npm package. */
    use: z.string().min(1),
    with: z.record(z.string(), z.unknown()).default({}),
    enabled: z.boolean().default(true),
    /** ms each of this plugin's async hooks may take before the request fails with plugin_timeout. */
    timeoutMs: z.number().int().positive().optional(),
  })
  .strict();

export const strategyNames = ["single", "fallback", "weighted", "round-robin", "least-busy", "latency"] as const;

/** A condition on the request that picks another target list (conditional routing). */
const routeConditionSchema = z
  .object({
    /** All of these request metadata values must match (x-switchyard-metadata, OpenAI metadata, key metadata). */
    metadata: z.record(z.string(), z.string()).optional(),
    /** The x-switchyard-route header must equal this. */
    header: z.string().optional(),
    /** The gateway key id or project id must be one of these. */
    keys: z.array(z.string()).optional(),
    projects: z.array(z.string()).optional(),
  })
  .strict();

const conditionalRouteSchema = z
  .object({
    when: routeConditionSchema,
    strategy: z.enum(strategyNames).optional(),
    targets: z.array(targetSchema).min(1),
  })
  .strict();

const virtualModelSchema = z
  .object({
    strategy: z.enum(strategyNames).default("fallback"),
    targets: z.array(targetSchema).min(1),
    /** Checked in order before `targets`; the first whose condition holds is used. */
    routes: z.array(conditionalRouteSchema).default([]),
    retry: partialRetrySchema.optional(),
    /** Plugins for this virtual model only, after the global ones. */
    plugins: z.array(pluginEntrySchema).default([]),
    description: z.string().optional(),
  })
  .strict();

const byteSize = z.union([
  z.number().int().positive(),
  z.string().regex(/^\d+(\.\d+)?\s*(b|kb|kib|mb|mib|gb|gib)?$/i, "a size such as 10485760, 512kb or 10mb"),
]);

export const configSchema = z
  .object({
    server: z
      .object({
        host: z.string().default("127.0.0.1"),
        port: z.number().int().min(0).max(65_535).default(4100),
        bodyLimit: byteSize.default("10mib"),
        /** ms that in-flight requests get to finish on SIGTERM. */
        shutdownTimeoutMs: duration.default(30_000),
        /** Reload the config when the file changes, as SIGHUP does. */
        watchConfig: z.boolean().default(false),
        /** ms a client has to send a request's headers. */
        headersTimeoutMs: duration.default(30_000),
        /** ms a client has to send a whole request, headers and body (not the answer). */
        requestTimeoutMs: duration.default(120_000),
        /** ms an idle kept-alive connection stays open. */
        keepAliveTimeoutMs: duration.default(65_000),
        /** Open connections at most; more are refused at once. Unset: no cap. */
        maxConnections: z.number().int().min(1).optional(),
      })
      .strict()
      .prefault({}),
    admin: z
      .object({ masterKey: z.string().min(16).optional() })
      .strict()
      .prefault({}),
    storage: z
      .object({ url: z.string().regex(/^(sqlite:|postgres(ql)?:\/\/)/, "a sqlite:… or postgres://… URL") })
      .strict()
      .prefault({ url: "sqlite://./data/switchyard.db" }),
    redis: z
      .object({ url: z.string().regex(/^rediss?:\/\//, "a redis://… URL") })
      .strict()
      .optional(),
    logging: z
      .object({ level: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info") })
      .strict()
      .prefault({}),
    providers: z.record(z.string().regex(/^[a-zA-Z0-9_-]+$/, "letters, digits, - and _"), providerSchema).default({}),
    models: z.record(z.string().min(1), virtualModelSchema).default({}),
    plugins: z.array(pluginEntrySchema).default([]),
    routing: routingSchema.prefault({}),
    auth: authSchema,
    telemetry: telemetrySchema.prefault({}),
    rag: ragSchema.prefault({}),
  })
  .strict();

export type SwitchyardConfig = z.infer<typeof configSchema>;
export type TargetConfig = z.infer<typeof targetSchema>;
export type VirtualModelConfig = z.infer<typeof virtualModelSchema>;
export type PluginEntry = z.infer<typeof pluginEntrySchema>;
export type RoutingConfig = z.infer<typeof routingSchema>;
export type RetryConfig = z.infer<typeof retrySchema>;
export type PartialRetryConfig = z.infer<typeof partialRetrySchema>;
export type CircuitBreakerConfig = z.infer<typeof circuitBreakerSchema>;
export type StrategyName = (typeof strategyNames)[number];
export type ConditionalRouteConfig = z.infer<typeof conditionalRouteSchema>;

export type { ProviderBaseConfig, TimeoutsConfig } from "./provider-base-schema.js";
export type { ProviderConfig, ProviderConfigOf, ProviderType } from "./provider-schema.js";
