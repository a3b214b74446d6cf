import type { Storage } from "./storage.js";

export type SqlValue = string | number | null;

/**
 * The two SQL calls the key store needs, over either database. Statements use PostgreSQL's
 * `$1` placeholders; for SQLite they become `?` with the values in order of appearance.
 */
export interface SqlRunner {
  all<Row>(sql: string, values?: readonly SqlValue[]): Promise<Row[]>;
  run(sql: string, values?: readonly SqlValue[]): Promise<number>;
}

export function sqlRunner(storage: Storage): SqlRunner {
  if (storage.kind === "postgres") {
    const { pool } = storage;
    return {
      async all<Row>(sql: string, values: readonly SqlValue[] = []) {
        const result = await pool.query(sql, [...values]);
        return result.rows as Row[];
      },
      async run(sql, values = []) {
        const result = await pool.query(sql, [...values]);
        return result.rowCount ?? 0;
      },
    };
  }
  const { database } = storage;
  const translate = (sql: string, values: readonly SqlValue[]) => {
    const ordered: SqlValue[] = [];
    const text = sql.replace(/\$(\d+)/g, (_, index: string) => {
      ordered.push(values[Number(index) - 1] ?? null);
      return "?";
    });
    return { text, ordered };
  };
  return {
    async all<Row>(sql: string, values: readonly SqlValue[] = []) {
      const { text, ordered } = translate(sql, values);
      return database.prepare(text).all(...ordered) as Row[];
    },
    async run(sql, values = []) {
      const { text, ordered } = translate(sql, values);
      return database.prepare(text).run(...ordered).changes;
    },
  };
}
