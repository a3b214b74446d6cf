import type { Storage } from "./storage.js";

export type SqlValue = string | number | Buffer | null;

export interface SqlStatement {
  sql: string;
  values?: readonly SqlValue[];
}

export interface SqlResult {
  /** The rows it returned (a SELECT, or a RETURNING clause). */
  rows: unknown[];
  /** The rows it inserted, updated or deleted. */
  changes: number;
}

/**
 * The SQL calls a store needs, over either database, so that one store implementation serves
 * both. Statements use PostgreSQL's `$1` placeholders; for SQLite they become `?` with the
 * values in order of appearance. A store writes SQL that both accept; `kind` is there for the
 * rare statement that cannot be common (full-text search).
 */
export interface SqlRunner {
  readonly kind: Storage["kind"];
  all<Row>(sql: string, values?: readonly SqlValue[]): Promise<Row[]>;
  run(sql: string, values?: readonly SqlValue[]): Promise<number>;
  /**
   * Runs the statements in order in one transaction. A list rather than a callback: the SQLite
   * connection is shared, and a transaction that awaited would take in other features' statements.
   */
  transaction(statements: readonly SqlStatement[]): Promise<SqlResult[]>;
}

export function sqlRunner(storage: Storage): SqlRunner {
  if (storage.kind === "postgres") {
    const { pool } = storage;
    return {
      kind: "postgres",
      async all<Row>(sql: string, values: readonly SqlValue[] = []) {
        const result = await pool.query(sql, [...values]);
        return result.rows as Row[];
      },
      async run(sql, values = []) {
        const result = await pool.query(sql, [...values]);
        return result.rowCount ?? 0;
      },
      async transaction(statements) {
        const client = await pool.connect();
        try {
          await client.query("BEGIN");
          const results: SqlResult[] = [];
          for (const { sql, values = [] } of statements) {
            const result = await client.query(sql, [...values]);
            results.push({ rows: result.rows, changes: result.rowCount ?? 0 });
          }
          await client.query("COMMIT");
          return results;
        } catch (error) {
          await client.query("ROLLBACK").catch(() => {});
          throw error;
        } finally {
          client.release();
        }
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
  const execute = ({ sql, values = [] }: SqlStatement): SqlResult => {
    const { text, ordered } = translate(sql, values);
    const statement = database.prepare(text);
    if (!statement.reader) return { rows: [], changes: statement.run(...ordered).changes };
    const rows = statement.all(...ordered);
    return { rows, changes: rows.length };
  };
  const inTransaction = database.transaction((statements: readonly SqlStatement[]) => statements.map(execute));
  return {
    kind: "sqlite",
    async all<Row>(sql: string, values: readonly SqlValue[] = []) {
      const { text, ordered } = translate(sql, values);
      return database.prepare(text).all(...ordered) as Row[];
    },
    async run(sql, values = []) {
      const { text, ordered } = translate(sql, values);
      return database.prepare(text).run(...ordered).changes;
    },
    async transaction(statements) {
      return inTransaction(statements);
    },
  };
}
