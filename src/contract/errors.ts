import { ERROR_CODES, type ErrorCode } from "./error-codes.js";

export interface GatewayErrorOptions {
  /** Overrides the status of the code (upstream errors keep the upstream's status). */
  status?: number;
  /** Overrides the OpenAI error type of the code. */
  type?: string;
  /** The request field the error is about. */
  param?: string | null;
  retryable?: boolean;
  /** Upstream details, kept so clients and logs can trace the failure. */
  upstream?: UpstreamErrorDetails;
  /** Response headers the error should carry (for example retry-after). */
  headers?: Record<string, string>;
  cause?: unknown;
}

export interface UpstreamErrorDetails {
  provider: string;
  status?: number;
  requestId?: string;
  /** The upstream's own error code or type, when it gave one. */
  code?: string | null;
  retryAfterSeconds?: number;
}

/** Base of every error the gateway answers with. Exactly one function turns it into a body per dialect. */
export class GatewayError extends Error {
  readonly code: ErrorCode | string;
  readonly status: number;
  readonly type: string;
  readonly param: string | null;
  readonly retryable: boolean;
  readonly upstream?: UpstreamErrorDetails;
  readonly headers?: Record<string, string>;

  constructor(code: ErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    const known = ERROR_CODES[code];
    this.name = "GatewayError";
    this.code = code;
    this.status = options.status ?? known.status;
    this.type = options.type ?? known.type;
    this.param = options.param ?? null;
    this.retryable = options.retryable ?? known.retryable;
    this.upstream = options.upstream;
    this.headers = options.headers;
  }
}

/**
 * Also true for a GatewayError from another copy of this module (a plugin loaded from source
 * next to a built gateway), so a plugin's deliberate refusal is never mistaken for a crash.
 */
export function isGatewayError(value: unknown): value is GatewayError {
  if (value instanceof GatewayError) return true;
  if (!(value instanceof Error) || value.name !== "GatewayError") return false;
  const candidate = value as Error & { status?: unknown; type?: unknown };
  return typeof candidate.status === "number" && typeof candidate.type === "string";
}
