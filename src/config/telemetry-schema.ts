import { z } from "zod";

export const captureLevels = ["none", "metadata", "full"] as const;
const captureLevel = z.enum(captureLevels);

/** How each sink buffers: a bounded queue drained in batches; a full queue drops and counts. */
const queueOptions = {
  /** Events held while the sink is slow or down; more are dropped (switchyard_log_events_dropped_total). */
  queueSize: z.number().int().positive().default(50_000),
  batchSize: z.number().int().positive().default(500),
  flushIntervalMs: z.number().int().positive().default(250),
  /** Tries per batch before it is dropped. */
  attempts: z.number().int().min(1).max(10).default(3),
};

const sinkSchema = z.discriminatedUnion("type", [
  /** The gateway's storage (storage.url): SQLite by default, or PostgreSQL. Queried by /admin/logs. */
  z.object({ type: z.literal("database"), ...queueOptions }).strict(),
  z
    .object({
      type: z.literal("file"),
      /** A JSONL file; relative to the config file's folder. */
      path: z.string().min(1),
      /** Rotate when the file passes this size: path.1, path.2, … */
      maxBytes: z
        .number()
        .int()
        .positive()
        .default(50 * 1024 * 1024),
      maxFiles: z.number().int().min(1).default(5),
      ...queueOptions,
    })
    .strict(),
  z.object({ type: z.literal("stdout"), ...queueOptions }).strict(),
  z
    .object({
      type: z.literal("webhook"),
      url: z.url(),
      headers: z.record(z.string(), z.string()).default({}),
      timeoutMs: z.number().int().positive().default(5_000),
      ...queueOptions,
    })
    .strict(),
]);

const redactionRuleSchema = z
  .object({
    pattern: z.string().min(1),
    flags: z
      .string()
      .regex(/^[imsu]*$/, "regular expression flags among i, m, s, u")
      .default("i"),
    replacement: z.string().default("[REDACTED]"),
  })
  .strict();

export const builtinDetectors = ["email", "phone", "card", "api-key"] as const;

export const telemetrySchema = z
  .object({
    capture: z
      .object({
        /** none: no message data; metadata: counts and sizes; full: the messages, redacted. */
        level: captureLevel.default("none"),
        /** Per virtual model: models.<name> → level. */
        models: z.record(z.string(), captureLevel).default({}),
        /** Longest stored text of a request or an answer (characters); longer text is cut with a marker. */
        maxCharacters: z.number().int().positive().default(32_768),
        detectors: z.array(z.enum(builtinDetectors)).default([...builtinDetectors]),
        redact: z.array(redactionRuleSchema).default([]),
      })
      .strict()
      .prefault({}),
    sinks: z.array(sinkSchema).prefault([{ type: "database" }]),
    /** Delete logged requests older than this many days (database sink); unset keeps them. */
    retentionDays: z.number().positive().optional(),
    metrics: z
      .object({
        enabled: z.boolean().default(true),
        /** Distinct model and provider label values kept; others are reported as "other". */
        maxLabelValues: z.number().int().positive().default(100),
        /** Ask for Authorization: Bearer <admin.masterKey> on /metrics. */
        requireMasterKey: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    tracing: z
      .object({
        /** OTLP/HTTP traces endpoint, e.g. http://collector:4318/v1/traces; unset: no export. */
        otlpEndpoint: z.url().optional(),
        headers: z.record(z.string(), z.string()).default({}),
        serviceName: z.string().default("switchyard"),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type TelemetryConfig = z.infer<typeof telemetrySchema>;
export type SinkConfig = z.infer<typeof sinkSchema>;
export type RedactionRule = z.infer<typeof redactionRuleSchema>;
