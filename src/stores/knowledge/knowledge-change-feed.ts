import type pg from "pg";

/** What changed, so other instances reload just that from PostgreSQL. */
export type KnowledgeChange = (
  | { kind: "document"; knowledgeBase: string; documentId: string }
  | { kind: "knowledge-base"; knowledgeBase: string }
) & {
  /** The instance that made the change; it has applied it already and skips its own notice. */
  origin?: string;
};

export interface KnowledgeChangeFeed {
  publish(change: KnowledgeChange): Promise<void>;
  close(): Promise<void>;
}

const CHANNEL = "switchyard_knowledge";

/**
 * Spreads changes between instances with PostgreSQL LISTEN/NOTIFY. A notification is only a
 * hint (the rows are the truth); after a lost connection `onResync` reloads everything, so
 * changes missed while disconnected are not lost.
 */
export async function listenForKnowledgeChanges(
  pool: pg.Pool,
  onChange: (change: KnowledgeChange) => void,
  onResync: () => void,
  onError: (error: Error) => void,
): Promise<KnowledgeChangeFeed> {
  let closed = false;
  let client: pg.PoolClient | undefined;
  let retry: NodeJS.Timeout | undefined;
  const connect = async (resync: boolean): Promise<void> => {
    try {
      const next = await pool.connect();
      next.on("notification", (message) => {
        if (message.channel !== CHANNEL || !message.payload) return;
        try {
          onChange(JSON.parse(message.payload) as KnowledgeChange);
        } catch (error) {
          onError(error as Error);
        }
      });
      next.on("error", (error) => {
        onError(error);
        next.release(error);
        if (client === next) client = undefined;
        if (!closed) retry = setTimeout(() => void connect(true), 1000);
      });
      await next.query(`LISTEN ${CHANNEL}`);
      client = next;
      if (resync) onResync();
    } catch (error) {
      onError(error as Error);
      if (!closed) retry = setTimeout(() => void connect(true), 1000);
    }
  };
  await connect(false);
  return {
    async publish(change) {
      await pool.query("SELECT pg_notify($1, $2)", [CHANNEL, JSON.stringify(change)]);
    },
    async close() {
      closed = true;
      clearTimeout(retry);
      if (client) {
        await client.query(`UNLISTEN ${CHANNEL}`).catch(() => {});
        client.release();
        client = undefined;
      }
    },
  };
}
