/** The durable store behind keys, logs and knowledge bases; later issues add their tables. */
export interface Storage {
  readonly kind: "sqlite" | "postgres";
  /** A cheap round trip, for /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
