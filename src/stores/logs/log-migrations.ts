import type { Migration } from "../run-migrations.js";

const COLUMNS = `request_id TEXT NOT NULL, started_at BIGINT NOT NULL, duration_ms REAL NOT NULL, ttft_ms REAL,
  gateway_ms REAL NOT NULL, upstream_ms REAL, endpoint TEXT NOT NULL, dialect TEXT NOT NULL, model TEXT, provider TEXT,
  upstream_model TEXT, status INTEGER NOT NULL, error_code TEXT, key_id TEXT, project_id TEXT, stream BOOLEAN NOT NULL,
  input_tokens BIGINT NOT NULL, output_tokens BIGINT NOT NULL, cached_tokens BIGINT NOT NULL,
  reasoning_tokens BIGINT NOT NULL, cost_usd DOUBLE PRECISION, cache_status TEXT, retries INTEGER NOT NULL,
  fallbacks INTEGER NOT NULL, capture_level TEXT NOT NULL`;

const INDEXES = `CREATE INDEX request_logs_started_at ON request_logs (started_at);
CREATE INDEX request_logs_request_id ON request_logs (request_id);
CREATE INDEX request_logs_key_id ON request_logs (key_id, started_at);`;

/** The request log table; the feature name in switchyard_migrations is "logs". */
export const logMigrations: readonly Migration[] = [
  {
    version: 1,
    description: "request_logs with full-text search over captured messages",
    sqlite: `CREATE TABLE request_logs (seq INTEGER PRIMARY KEY AUTOINCREMENT, ${COLUMNS}, metadata TEXT NOT NULL, event TEXT NOT NULL);
${INDEXES}
CREATE VIRTUAL TABLE request_logs_text USING fts5(messages);`,
    postgres: `CREATE TABLE request_logs (seq BIGSERIAL PRIMARY KEY, ${COLUMNS}, metadata JSONB NOT NULL, event JSONB NOT NULL,
  messages TEXT, messages_search TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', coalesce(messages, ''))) STORED);
${INDEXES}
CREATE INDEX request_logs_metadata ON request_logs USING GIN (metadata jsonb_path_ops);
CREATE INDEX request_logs_messages_search ON request_logs USING GIN (messages_search);`,
  },
];
